/** The resource API as the browser calls it. */
import type { ResourceSummary } from "@/lib/resources/list-resources";
import type { ResourceDetail } from "@/lib/resources/get-resource";
import type { AttachedResource } from "@/lib/resources/draft-resources";
import type { UploadedResource } from "@/lib/resources/upload-resource";

export type { AttachedResource, ResourceDetail, ResourceSummary, UploadedResource };

export async function resourceApi<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: init?.body ? { "content-type": "application/json", ...init?.headers } : init?.headers,
  });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new Error((body as { detail?: string }).detail ?? `${res.status} ${res.statusText}`);
  return body as T;
}

/**
 * Uploads with XMLHttpRequest, whose upload events (unlike fetch's) report progress; resolves
 * with the stored resource or rejects with the server's message.
 */
export function uploadResourceFile(
  file: File,
  name: string | undefined,
  onProgress: (loaded: number, total: number) => void,
  /** A key or trust store's password: the upload opens the store with it (it is not stored). */
  password?: string,
): Promise<UploadedResource> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (name) form.append("name", name);
    if (password) form.append("password", password);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/resources");
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new Error("The upload failed: the connection to the server broke."));
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported by status below
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedResource);
      else
        reject(
          new Error((body as { detail?: string }).detail ?? `${xhr.status} ${xhr.statusText}`),
        );
    };
    xhr.send(form);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
