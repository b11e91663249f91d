/**
 * LZ4 as Kafka writes it (KafkaLZ4BlockOutputStream in kafka-clients 3.4): one LZ4 frame with
 * independent 64 KiB blocks, no block or content checksum and no content size. Kafka's reader
 * (KafkaLZ4BlockInputStream) refuses frames whose blocks are not flagged independent, so lz4js's
 * own frame writer (dependent blocks, 4 MiB) is not usable; only its block compressor is.
 *
 * The header checksum (HC) is the second byte of XXH32 over the frame descriptor. For magic v0
 * message sets Kafka writes — and expects — a broken HC computed over the magic number as well;
 * record batches (magic v2, all kafkajs produces) use the correct one. A codec cannot see the
 * magic, so reading accepts either.
 */
import { compressBlock, compressBound } from "lz4js";
import { hash as xxh32 } from "lz4js/xxh32.js";

const MAGIC = 0x184d2204;
const FLG_VERSION_01 = 0x40;
const FLG_VERSION_MASK = 0xc0;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_RESERVED = 0x03;
/** BD byte for Kafka's BLOCKSIZE_64KB (block maximum size id 4). */
const BD_64KB = 4 << 4;
const BLOCK_MAXIMUM_SIZES: Record<number, number> = {
  4: 0x10000,
  5: 0x40000,
  6: 0x100000,
  7: 0x400000,
};
const INCOMPRESSIBLE = 0x80000000;

/**
 * Input bytes per block. LZ4 requires a block's last match to start at least 12 bytes before the
 * end of the decoder's output buffer, which Kafka sizes at the 64 KiB block maximum; lz4js lets the
 * last match start as late as 10 bytes before the end of its input, so a full 64 KiB block could
 * be refused by lz4-java ("Malformed input"). Two bytes short of 64 KiB keeps every block legal.
 */
export const LZ4_BLOCK_FILL = 0x10000 - 2;

export function lz4CompressFrame(data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / LZ4_BLOCK_FILL);
  const out = new Uint8Array(7 + blocks * (4 + compressBound(LZ4_BLOCK_FILL)) + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  out[4] = FLG_VERSION_01 | FLG_BLOCK_INDEPENDENCE;
  out[5] = BD_64KB;
  out[6] = headerChecksum(out, 4, 6);
  let pos = 7;

  const scratch = new Uint8Array(compressBound(LZ4_BLOCK_FILL));
  const hashTable = new Uint32Array(1 << 16);
  for (let start = 0; start < data.length; start += LZ4_BLOCK_FILL) {
    const block = data.subarray(start, Math.min(start + LZ4_BLOCK_FILL, data.length));
    // A fresh hash table and a block-local view keep every match inside its block (independence).
    hashTable.fill(0);
    const compressed = compressBlock(block, scratch, 0, block.length, hashTable);
    // Kafka stores a block as is when compressing does not make it smaller; so do we.
    if (compressed === 0 || compressed >= block.length) {
      view.setUint32(pos, (block.length | INCOMPRESSIBLE) >>> 0, true);
      out.set(block, pos + 4);
      pos += 4 + block.length;
    } else {
      view.setUint32(pos, compressed, true);
      out.set(scratch.subarray(0, compressed), pos + 4);
      pos += 4 + compressed;
    }
  }
  view.setUint32(pos, 0, true); // EndMark
  return out.slice(0, pos + 4);
}

export function lz4DecompressFrame(frame: Uint8Array): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const need = (end: number) => {
    if (end > frame.length) throw new Error("LZ4 frame ended prematurely.");
  };
  need(7);
  if (view.getUint32(0, true) !== MAGIC) {
    throw new Error("Not an LZ4 frame: it does not start with the magic number 0x184D2204.");
  }
  const flg = frame[4];
  if ((flg & FLG_VERSION_MASK) !== FLG_VERSION_01 || (flg & FLG_RESERVED) !== 0) {
    throw new Error(
      `LZ4 frame descriptor flags 0x${flg.toString(16)} are not LZ4 frame version 01.`,
    );
  }
  const maxBlockSize = BLOCK_MAXIMUM_SIZES[(frame[5] >> 4) & 7];
  if (maxBlockSize === undefined || (frame[5] & 0x8f) !== 0) {
    throw new Error(
      `LZ4 frame block descriptor 0x${frame[5].toString(16)} names no valid block size.`,
    );
  }
  let pos = 6 + (flg & FLG_CONTENT_SIZE ? 8 : 0);
  need(pos + 1);
  const hc = frame[pos];
  if (hc !== headerChecksum(frame, 4, pos) && hc !== headerChecksum(frame, 0, pos)) {
    throw new Error("LZ4 frame descriptor corrupted: its header checksum does not match.");
  }
  pos += 1;

  const blockChecksum = (flg & FLG_BLOCK_CHECKSUM) !== 0;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const scratch = new Uint8Array(maxBlockSize);
  for (;;) {
    need(pos + 4);
    const word = view.getUint32(pos, true);
    pos += 4;
    if (word === 0) break; // EndMark
    const size = word & ~INCOMPRESSIBLE;
    if (size > maxBlockSize) {
      throw new Error(`LZ4 block size ${size} exceeds the frame's maximum ${maxBlockSize}.`);
    }
    need(pos + size + (blockChecksum ? 4 : 0));
    if (blockChecksum && xxh32(0, frame, pos, size) !== view.getUint32(pos + size, true)) {
      throw new Error("LZ4 block checksum mismatch.");
    }
    const content =
      word & INCOMPRESSIBLE
        ? frame.slice(pos, pos + size)
        : scratch.slice(0, decompressBlock(frame, pos, pos + size, scratch));
    chunks.push(content);
    total += content.length;
    pos += size + (blockChecksum ? 4 : 0);
  }

  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  if (flg & FLG_CONTENT_CHECKSUM) {
    need(pos + 4);
    if (xxh32(0, out, 0, out.length) !== view.getUint32(pos, true)) {
      throw new Error("LZ4 frame content checksum mismatch.");
    }
  }
  return out;
}

/** Second byte of XXH32 (seed 0) over bytes[from, to), as the frame descriptor's HC. */
function headerChecksum(bytes: Uint8Array, from: number, to: number): number {
  return (xxh32(0, bytes, from, to - from) >>> 8) & 0xff;
}

/**
 * Decodes the LZ4 block src[start, end) into dst (the block maximum size) and returns the number
 * of bytes written. Every length and offset is checked, since lz4js's decoder checks none and a
 * corrupt batch must fail rather than yield garbage. A match reaching back before the block (a
 * frame of dependent blocks) is refused, as Kafka refuses such frames.
 */
export function decompressBlock(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
): number {
  let s = start;
  let d = 0;
  const malformed = () => new Error(`Malformed LZ4 block at input offset ${s - start}.`);
  for (;;) {
    if (s >= end) throw malformed();
    const token = src[s++];
    let literals = token >>> 4;
    if (literals === 15) {
      for (let b = 255; b === 255; literals += b) {
        if (s >= end) throw malformed();
        b = src[s++];
      }
    }
    if (s + literals > end || d + literals > dst.length) throw malformed();
    dst.set(src.subarray(s, s + literals), d);
    s += literals;
    d += literals;
    if (s === end) return d; // the last sequence carries literals only

    if (s + 2 > end) throw malformed();
    const offset = src[s] | (src[s + 1] << 8);
    s += 2;
    if (offset === 0 || offset > d) throw malformed();
    let length = token & 15;
    if (length === 15) {
      for (let b = 255; b === 255; length += b) {
        if (s >= end) throw malformed();
        b = src[s++];
      }
    }
    length += 4;
    if (d + length > dst.length) throw malformed();
    if (offset >= length) {
      dst.copyWithin(d, d - offset, d - offset + length);
      d += length;
    } else {
      // An overlapping match repeats the last `offset` bytes; copy forward byte by byte.
      for (const stop = d + length; d < stop; d++) dst[d] = dst[d - offset];
    }
  }
}
