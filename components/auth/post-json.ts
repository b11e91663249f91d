/** POSTs (or PATCHes, DELETEs) JSON to the console's API; throws the problem's detail on failure. */
export async function sendJson<T>(url: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error((json as { detail?: string }).detail ?? `${res.status} ${res.statusText}`);
  }
  return json as T;
}
