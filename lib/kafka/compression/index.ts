/**
 * The codecs kafkajs lacks — snappy, lz4, zstd — registered in kafkajs's CompressionCodecs so that
 * `compression.type` works for producing and every compressed batch can be consumed. Each writes
 * what kafka-clients 3.4 writes and reads what it writes (see snappy.ts, lz4.ts, zstd.ts).
 *
 * kafkajs looks a codec up per batch, in a process-wide table: registering once, before the first
 * producer sends or consumer fetches, covers every client.
 */
import { CompressionCodecs, CompressionTypes } from "../kafkajs";
import { lz4CompressFrame, lz4DecompressFrame } from "./lz4";
import { snappyCompressStream, snappyDecompressStream } from "./snappy";
import { initZstd, zstdCompress, zstdDecompress } from "./zstd";

/** kafkajs's codec contract (src/protocol/message/compression): records in, compressed bytes out. */
export interface KafkaJsCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function codec(
  name: string,
  compress: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  decompress: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>,
): KafkaJsCodec {
  return {
    async compress(encoder) {
      return asBuffer(await compress(encoder.buffer));
    },
    async decompress(buffer) {
      try {
        return asBuffer(await decompress(buffer));
      } catch (error) {
        throw new Error(`Cannot decompress a ${name} record batch: ${(error as Error).message}`);
      }
    },
  };
}

export const snappyCodec: KafkaJsCodec = codec(
  "snappy",
  snappyCompressStream,
  snappyDecompressStream,
);
export const lz4Codec: KafkaJsCodec = codec("lz4", lz4CompressFrame, lz4DecompressFrame);
export const zstdCodec: KafkaJsCodec = codec("zstd", zstdCompress, (data) => zstdDecompress(data));

let registered: Promise<void> | undefined;

/**
 * Registers the snappy, lz4 and zstd codecs with kafkajs. The codec table is filled synchronously,
 * before this returns; the promise resolves once zstd's wasm module is loaded, which every zstd
 * batch awaits as well, so a caller that cannot wait may drop it. Idempotent: later calls return
 * the first call's promise (after a failed load, the next call tries again).
 */
export function registerCompressionCodecs(): Promise<void> {
  registered ??= (async () => {
    CompressionCodecs[CompressionTypes.Snappy] = () => snappyCodec;
    CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
    CompressionCodecs[CompressionTypes.ZSTD] = () => zstdCodec;
    await initZstd();
  })().catch((error: unknown) => {
    registered = undefined;
    throw error;
  });
  return registered;
}
