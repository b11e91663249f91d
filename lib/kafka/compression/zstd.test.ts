import { describe, expect, it } from "vitest";
import { repetitiveInput, textInput } from "./testing/inputs";
import { javaFixture } from "./testing/read-fixture";
import { ZSTD_LEVEL, zstdCompress, zstdDecompress, zstdErrorCode } from "./zstd";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
/** Frame_Header_Descriptor's Frame_Content_Size_flag and Single_Segment_flag (RFC 8878 3.1.1.1.1). */
const declaresContentSize = (frame: Uint8Array) => (frame[4] & 0xe0) !== 0;

describe("zstd", () => {
  it("reads the Java client's streamed frames, which declare no content size", async () => {
    const text = javaFixture("text.zstd.bin");
    expect(hex(text.subarray(0, 4))).toBe("28b52ffd");
    expect(declaresContentSize(text)).toBe(false);
    expect(hex(await zstdDecompress(text))).toBe(hex(textInput()));
  });

  it("grows the output past its first guess: 3 MiB from a 25 KiB frame", async () => {
    const frame = javaFixture("repetitive.zstd.bin");
    expect(frame.length).toBeLessThan(64 * 1024);
    const out = await zstdDecompress(frame, { initialCapacity: 4096 });
    expect(out.length).toBe(3 * 1024 * 1024);
    expect(Buffer.compare(Buffer.from(out), Buffer.from(repetitiveInput()))).toBe(0);
  });

  it("compresses at kafka-clients 3.4's level into standard frames", async () => {
    expect(ZSTD_LEVEL).toBe(3);
    const text = textInput();
    const frame = await zstdCompress(text);
    expect(hex(frame.subarray(0, 4))).toBe("28b52ffd");
    expect(hex(await zstdDecompress(frame))).toBe(hex(text));
    expect(hex(await zstdDecompress(await zstdCompress(new Uint8Array(0))))).toBe("");
  });

  it("names zstd's error for corrupt or foreign input", async () => {
    await expect(zstdDecompress(Uint8Array.of(1, 2, 3, 4, 5))).rejects.toThrow(
      "Not a zstd frame: it does not start with the magic number 0xFD2FB528.",
    );
    const truncated = javaFixture("text.zstd.bin").subarray(0, 500);
    await expect(zstdDecompress(truncated)).rejects.toThrow(
      "Cannot decompress a zstd frame: zstd error 72 (srcSize_wrong).",
    );
    expect(zstdErrorCode(new Error("Failed to compress with code -70"))).toBe(-70);
    expect(zstdErrorCode(new Error("something else"))).toBeUndefined();
  });
});
