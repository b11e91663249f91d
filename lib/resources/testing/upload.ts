import { signedRequest } from "@/lib/api/testing/route-request";
/** Test helper: POSTs a file to the upload route as a browser's FormData would. */
import { POST } from "@/app/api/resources/route";

export async function uploadFile(
  bytes: Uint8Array,
  fileName: string,
  name?: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  if (name !== undefined) form.append("name", name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", new Blob([new Uint8Array(bytes)]), fileName);
  const request = await signedRequest("http://test/api/resources", { method: "POST", body: form });
  return POST(request, { params: Promise.resolve({}) });
}
