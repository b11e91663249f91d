import { describe, expect, it } from "vitest";
import { compress as rawSnappy } from "snappyjs";
import { noiseInput, textInput } from "./testing/inputs";
import { javaFixture } from "./testing/read-fixture";
import { SNAPPY_CHUNK_SIZE, snappyCompressStream, snappyDecompressStream } from "./snappy";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("snappy (snappy-java stream format, as kafka-clients writes it)", () => {
  it("writes byte for byte what the Java client writes", () => {
    // text.snappy.bin: SnappyOutputStream via Compression#wrapForOutput, magic v2.
    expect(hex(snappyCompressStream(textInput()))).toBe(hex(javaFixture("text.snappy.bin")));
  });

  it("starts with snappy-java's header and cuts the input into 32 KiB chunks", () => {
    const out = snappyCompressStream(textInput());
    expect(hex(out.subarray(0, 16))).toBe("82534e41505059000000000100000001");
    const view = new DataView(out.buffer, out.byteOffset);
    const chunks: number[] = [];
    for (let pos = 16; pos < out.length; pos += 4 + view.getInt32(pos))
      chunks.push(view.getInt32(pos));
    expect(SNAPPY_CHUNK_SIZE).toBe(32768);
    expect(chunks).toHaveLength(Math.ceil(textInput().length / 32768));
  });

  it("reads the Java client's stream", () => {
    expect(hex(snappyDecompressStream(javaFixture("text.snappy.bin")))).toBe(hex(textInput()));
  });

  it("reads a bare snappy block, as kafkajs-snappy producers write", () => {
    const input = new TextEncoder().encode("kafkajs-snappy writes one raw block ".repeat(50));
    expect(hex(snappyDecompressStream(rawSnappy(input)))).toBe(hex(input));
  });

  it("reads on across concatenated streams, as SnappyInputStream does", () => {
    const a = new TextEncoder().encode("first stream ".repeat(10));
    const b = new TextEncoder().encode("second stream ".repeat(10));
    const both = Buffer.concat([snappyCompressStream(a), snappyCompressStream(b)]);
    expect(Buffer.from(snappyDecompressStream(both)).toString()).toBe(
      Buffer.from(a).toString() + Buffer.from(b).toString(),
    );
  });

  it("round-trips empty, tiny and incompressible input", () => {
    expect(snappyCompressStream(new Uint8Array(0))).toHaveLength(0);
    expect(snappyDecompressStream(new Uint8Array(0))).toHaveLength(0);
    const one = Uint8Array.of(7);
    expect(hex(snappyDecompressStream(snappyCompressStream(one)))).toBe("07");
    const noise = noiseInput(100_000);
    expect(hex(snappyDecompressStream(snappyCompressStream(noise)))).toBe(hex(noise));
  });

  it("names the truncated chunk", () => {
    const out = snappyCompressStream(textInput());
    expect(() => snappyDecompressStream(out.subarray(0, 100))).toThrow(
      /^Snappy stream chunk at byte 16 declares \d+ bytes, but 80 remain\.$/,
    );
    expect(() => snappyDecompressStream(out.subarray(0, 18))).toThrow(
      "Snappy stream chunk length at byte 16 is truncated.",
    );
  });
});
