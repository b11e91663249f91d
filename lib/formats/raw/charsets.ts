/**
 * The Java charsets the raw format can encode and decode here (Charset.forName is
 * case-insensitive and accepts aliases). Browser-safe: no Buffer, no TextEncoder beyond UTF-8.
 * Unmappable characters become '?' as String.getBytes does.
 */
export interface Charset {
  name: string;
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

const ALIASES: Record<string, string> = {};
function register(canonical: string, aliases: string[]) {
  for (const a of [canonical, ...aliases]) ALIASES[a.toLowerCase()] = canonical;
}
register("UTF-8", ["UTF8", "unicode-1-1-utf-8"]);
register("US-ASCII", [
  "ASCII",
  "iso-ir-6",
  "ANSI_X3.4-1986",
  "ISO_646.irv:1991",
  "ANSI_X3.4-1968",
  "ISO646-US",
  "us",
  "IBM367",
  "cp367",
  "csASCII",
  "default",
  "646",
  "iso_646.irv:1983",
  "ascii7",
]);
register("ISO-8859-1", [
  "iso-ir-100",
  "ISO_8859-1",
  "latin1",
  "l1",
  "IBM819",
  "cp819",
  "csISOLatin1",
  "819",
  "IBM-819",
  "ISO8859_1",
  "ISO_8859-1:1987",
  "ISO_8859_1",
  "8859_1",
  "ISO8859-1",
]);
register("UTF-16", ["UTF_16", "utf16", "unicode", "UnicodeBig"]);
register("UTF-16BE", ["UTF_16BE", "ISO-10646-UCS-2", "X-UTF-16BE", "UnicodeBigUnmarked"]);
register("UTF-16LE", ["UTF_16LE", "X-UTF-16LE", "UnicodeLittleUnmarked"]);

/** Names Java accepts that this build cannot encode; listed so the error can say why. */
export const SUPPORTED_CHARSETS = [
  "UTF-8",
  "US-ASCII",
  "ISO-8859-1",
  "UTF-16",
  "UTF-16BE",
  "UTF-16LE",
];

export function charsetForName(name: string): Charset | undefined {
  const canonical = ALIASES[name.toLowerCase()];
  switch (canonical) {
    case "UTF-8": {
      const enc = new TextEncoder();
      const dec = new TextDecoder("utf-8");
      return { name: canonical, encode: (t) => enc.encode(t), decode: (b) => dec.decode(b) };
    }
    case "US-ASCII":
      return singleByte(canonical, 0x7f);
    case "ISO-8859-1":
      return singleByte(canonical, 0xff);
    case "UTF-16":
      // Java writes a big-endian BOM and big-endian units; reading honours a BOM, else big-endian.
      return {
        name: canonical,
        encode: (t) => concat(new Uint8Array([0xfe, 0xff]), utf16(t, false)),
        decode: (b) =>
          b[0] === 0xff && b[1] === 0xfe
            ? fromUtf16(b.subarray(2), true)
            : fromUtf16(b[0] === 0xfe && b[1] === 0xff ? b.subarray(2) : b, false),
      };
    case "UTF-16BE":
      return {
        name: canonical,
        encode: (t) => utf16(t, false),
        decode: (b) => fromUtf16(b, false),
      };
    case "UTF-16LE":
      return { name: canonical, encode: (t) => utf16(t, true), decode: (b) => fromUtf16(b, true) };
    default:
      return undefined;
  }
}

function singleByte(name: string, max: number): Charset {
  return {
    name,
    encode(text) {
      const out: number[] = [];
      for (const ch of text) {
        const c = ch.codePointAt(0)!;
        out.push(c <= max ? c : 0x3f);
      }
      return new Uint8Array(out);
    },
    decode(bytes) {
      let s = "";
      for (const b of bytes) s += String.fromCharCode(b <= max ? b : 0xfffd);
      return s;
    },
  };
}

function utf16(text: string, little: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), little);
  return out;
}

function fromUtf16(bytes: Uint8Array, little: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let s = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(view.getUint16(i, little));
  if (bytes.length % 2 === 1) s += "\ufffd";
  return s;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
