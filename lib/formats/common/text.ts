/** UTF-8 text <-> bytes, shared by the text formats. Browser-safe. */
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
