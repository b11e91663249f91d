/**
 * Snappy as the Java client writes it. Kafka wraps snappy-java's SnappyOutputStream for every
 * message format, record batches included (SnappyFactory in kafka-clients 3.4), so the bytes are
 * snappy-java's stream format: a 16-byte header — magic \x82SNAPPY\0, then big-endian int32 version
 * 1 and minimum compatible version 1 — followed by chunks of at most 32 KiB of input, each a
 * big-endian int32 length and one raw snappy block.
 *
 * Reading also takes a bare snappy block, as snappy-java's SnappyInputStream does: that is what
 * kafkajs-snappy's producer writes. Concatenated streams (a header where a chunk length would be)
 * are read on, as SnappyInputStream does.
 */
import { compress as snappyBlock, uncompress as snappyUnblock } from "snappyjs";

const HEADER = Uint8Array.of(
  0x82,
  0x53,
  0x4e,
  0x41,
  0x50,
  0x50,
  0x59,
  0x00,
  0,
  0,
  0,
  1,
  0,
  0,
  0,
  1,
);
const MAGIC_LENGTH = 8;
/** The first four magic bytes read as a chunk length: another stream's header follows. */
const MAGIC_HEAD = 0x82534e41;
/** snappy-java's SnappyOutputStream.DEFAULT_BLOCK_SIZE. */
export const SNAPPY_CHUNK_SIZE = 32 * 1024;

export function snappyCompressStream(data: Uint8Array): Uint8Array {
  // SnappyOutputStream writes nothing at all, not even its header, when no byte was written.
  if (data.length === 0) return new Uint8Array(0);
  const parts: Uint8Array[] = [HEADER];
  for (let start = 0; start < data.length; start += SNAPPY_CHUNK_SIZE) {
    const block = snappyBlock(data.subarray(start, start + SNAPPY_CHUNK_SIZE));
    const length = new Uint8Array(4);
    new DataView(length.buffer).setInt32(0, block.length);
    parts.push(length, block);
  }
  return concat(parts);
}

export function snappyDecompressStream(data: Uint8Array): Uint8Array {
  if (data.length === 0) return data;
  if (!startsWithMagic(data, 0)) return snappyUnblock(data);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const parts: Uint8Array[] = [];
  let pos = HEADER.length;
  if (pos > data.length) throw new Error("Snappy stream header is truncated.");
  while (pos < data.length) {
    if (pos + 4 > data.length)
      throw new Error(`Snappy stream chunk length at byte ${pos} is truncated.`);
    const length = view.getInt32(pos);
    if (length >>> 0 === MAGIC_HEAD && startsWithMagic(data, pos)) {
      pos += HEADER.length;
      continue;
    }
    pos += 4;
    if (length < 0 || pos + length > data.length) {
      throw new Error(
        `Snappy stream chunk at byte ${pos - 4} declares ${length} bytes, but ${data.length - pos} remain.`,
      );
    }
    parts.push(snappyUnblock(data.subarray(pos, pos + length)));
    pos += length;
  }
  return concat(parts);
}

function startsWithMagic(data: Uint8Array, at: number): boolean {
  if (data.length - at < MAGIC_LENGTH) return false;
  for (let i = 0; i < MAGIC_LENGTH; i++) if (data[at + i] !== HEADER[i]) return false;
  return true;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
