// Declarations for the untyped codec packages, only as far as Tributary uses them.

declare module "lz4js" {
  /**
   * Compresses src[sIndex, sIndex + sLength) into dst as one LZ4 block and returns its length, or 0
   * when it found no match (the caller then stores the block uncompressed). dst must hold
   * compressBound(sLength) bytes; hashTable is 2^16 entries, zero-filled for an independent block.
   */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
  export function compressBound(n: number): number;
  /** lz4js's own frame writer: dependent blocks of up to 4 MiB (Kafka's reader refuses it). */
  export function compress(src: Uint8Array): Uint8Array;
}

declare module "lz4js/xxh32.js" {
  /** XXH32 of src[index, index + len) with the given seed, as an unsigned 32-bit number. */
  export function hash(seed: number, src: Uint8Array, index: number, len: number): number;
}

declare module "snappyjs" {
  /** A raw snappy block (no framing) holding `input`. */
  export function compress(input: Uint8Array): Uint8Array;
  /** Decodes one raw snappy block; throws 'Invalid Snappy bitstream' on malformed input. */
  export function uncompress(input: Uint8Array): Uint8Array;
}
