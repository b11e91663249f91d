import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { CompressionCodecs, CompressionTypes } from "../kafkajs";
import { lz4Codec, registerCompressionCodecs, snappyCodec, zstdCodec } from "./index";

// kafkajs's own record batch encoder and decoder, which call the registered codecs.
const require = createRequire(import.meta.url);
const { RecordBatch } = require("kafkajs/src/protocol/recordBatch/v0") as {
  RecordBatch: (batch: object) => Promise<{ buffer: Buffer }>;
};
const decodeRecordBatch = require("kafkajs/src/protocol/recordBatch/v0/decoder") as (
  decoder: unknown,
) => Promise<{ records: Array<{ key: Buffer; value: Buffer; offset: string }> }>;
const Record = require("kafkajs/src/protocol/recordBatch/record/v0") as (record: object) => unknown;
const Decoder = require("kafkajs/src/protocol/decoder") as new (buffer: Buffer) => unknown;

describe("registerCompressionCodecs", () => {
  it("registers snappy, lz4 and zstd in kafkajs, once", async () => {
    const first = registerCompressionCodecs();
    expect(registerCompressionCodecs()).toBe(first);
    // In place before the promise settles: clients.ts's synchronous factory relies on it.
    expect(CompressionCodecs[CompressionTypes.LZ4]()).toBe(lz4Codec);
    await first;
    expect(CompressionCodecs[CompressionTypes.Snappy]()).toBe(snappyCodec);
    expect(CompressionCodecs[CompressionTypes.LZ4]()).toBe(lz4Codec);
    expect(CompressionCodecs[CompressionTypes.ZSTD]()).toBe(zstdCodec);
  });

  for (const [name, type] of [
    ["snappy", CompressionTypes.Snappy],
    ["lz4", CompressionTypes.LZ4],
    ["zstd", CompressionTypes.ZSTD],
  ] as const) {
    it(`lets kafkajs encode and decode a ${name} record batch`, async () => {
      await registerCompressionCodecs();
      const records = Array.from({ length: 500 }, (_, i) =>
        Record({
          offsetDelta: i,
          key: Buffer.from(`key-${i}`),
          value: Buffer.from(`value ${i} `.repeat(20)),
        }),
      );
      const batch = await RecordBatch({ compression: type, records, lastOffsetDelta: 499 });
      const attributes = batch.buffer.readInt16BE(8 + 4 + 4 + 1 + 4);
      expect(attributes & 0x07).toBe(type);
      const { records: decoded } = await decodeRecordBatch(new Decoder(batch.buffer));
      expect(decoded).toHaveLength(500);
      expect(decoded[123].key.toString()).toBe("key-123");
      expect(decoded[123].value.toString()).toBe("value 123 ".repeat(20));
    });
  }

  it("names the codec when a batch cannot be decompressed", async () => {
    await expect(lz4Codec.decompress(Buffer.from("not lz4"))).rejects.toThrow(
      "Cannot decompress a lz4 record batch: Not an LZ4 frame: it does not start with the magic number 0x184D2204.",
    );
    await expect(
      snappyCodec.decompress(
        Buffer.from([
          0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9,
        ]),
      ),
    ).rejects.toThrow(
      "Cannot decompress a snappy record batch: Snappy stream chunk at byte 16 declares 9 bytes, but 0 remain.",
    );
  });
});
