/**
 * UTF-8 encoding of many short strings into shared slabs: each result is a view of a 64 KiB
 * ArrayBuffer instead of an allocation of its own, which makes encoding a ~100-byte record
 * about four times cheaper than TextEncoder.encode. Views never overlap and are never written
 * again, so a result stays valid; a slab is freed once no result of it is referenced.
 * Consumers must honour byteOffset/byteLength (as every Uint8Array consumer should).
 */
const SLAB_BYTES = 64 * 1024;
/** Longer strings get a buffer of their own, so a slab is not wasted on one of them. */
const LARGEST_IN_SLAB = 4 * 1024;

const encoder = new TextEncoder();

export class Utf8Slab {
  private slab = new Uint8Array(SLAB_BYTES);
  private used = 0;

  encode(text: string): Uint8Array {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    const worst = text.length * 3;
    if (worst > LARGEST_IN_SLAB) return encoder.encode(text);
    if (this.used + worst > SLAB_BYTES) {
      this.slab = new Uint8Array(SLAB_BYTES);
      this.used = 0;
    }
    const start = this.used;
    const { written } = encoder.encodeInto(text, this.slab.subarray(start));
    this.used = start + written;
    return this.slab.subarray(start, this.used);
  }
}
