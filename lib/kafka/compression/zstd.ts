/**
 * Zstandard for record batches: standard zstd frames, compressed at zstd's default level 3 as
 * kafka-clients 3.4 does (zstd-jni's ZstdOutputStream; compression.zstd.level arrives in 3.8).
 *
 * The Java client writes through a stream, so its frames carry no content size. The wasm build
 * only offers one-shot ZSTD_decompress, which needs an output capacity up front: it is tried with
 * a guess and grown while zstd answers dstSize_tooSmall.
 */
import { compress, decompress, init } from "@bokuweb/zstd-wasm";

/** kafka-clients 3.4's level (zstd-jni's default, ZSTD_CLEVEL_DEFAULT). */
export const ZSTD_LEVEL = 3;
/** ZSTD_error_dstSize_tooSmall, which the wasm build reports as the negated code. */
const DST_SIZE_TOO_SMALL = -70;
/** Never grow the output past this: a record batch is bounded by message.max.bytes far below it. */
const MAX_CAPACITY = 1 << 30;
const ZSTD_MAGIC = 0xfd2fb528;
/** zstd_errors.h names of the codes a corrupt or truncated frame produces. */
const ERROR_NAMES: Record<number, string> = {
  10: "prefix_unknown",
  14: "frameParameter_unsupported",
  16: "frameParameter_windowTooLarge",
  20: "corruption_detected",
  22: "checksum_wrong",
  70: "dstSize_tooSmall",
  72: "srcSize_wrong",
};

let ready: Promise<void> | undefined;

/** Loads the wasm module once; every other function here needs it to have resolved. */
export function initZstd(): Promise<void> {
  ready ??= init().catch((error: unknown) => {
    ready = undefined;
    throw new Error(`Cannot load the zstd codec (@bokuweb/zstd-wasm): ${(error as Error).message}`);
  });
  return ready;
}

export async function zstdCompress(data: Uint8Array): Promise<Uint8Array> {
  await initZstd();
  return compress(data, ZSTD_LEVEL);
}

export async function zstdDecompress(
  frame: Uint8Array,
  options: { initialCapacity?: number } = {},
): Promise<Uint8Array> {
  await initZstd();
  if (
    frame.length < 4 ||
    new DataView(frame.buffer, frame.byteOffset).getUint32(0, true) !== ZSTD_MAGIC
  ) {
    throw new Error("Not a zstd frame: it does not start with the magic number 0xFD2FB528.");
  }
  // A frame with a content size is decompressed into exactly that; this guess only serves
  // frames without one (the Java client's).
  let capacity = options.initialCapacity ?? Math.max(1 << 20, frame.length * 8);
  for (;;) {
    try {
      return decompress(frame, { defaultHeapSize: capacity });
    } catch (error) {
      const code = zstdErrorCode(error);
      if (code === DST_SIZE_TOO_SMALL && capacity < MAX_CAPACITY) {
        capacity = Math.min(capacity * 2, MAX_CAPACITY);
        continue;
      }
      const why =
        code === undefined
          ? String(error)
          : `zstd error ${-code} (${ERROR_NAMES[-code] ?? "see zstd_errors.h"})`;
      throw new Error(`Cannot decompress a zstd frame: ${why}.`);
    }
  }
}

/** The negated zstd error code in @bokuweb/zstd-wasm's message ("Failed to compress with code -70"). */
export function zstdErrorCode(error: unknown): number | undefined {
  const match = /code (-\d+)/.exec(error instanceof Error ? error.message : "");
  return match ? Number(match[1]) : undefined;
}
