import { describe, expect, it } from "vitest";
import { compress as lz4jsFrame, compressBlock, compressBound } from "lz4js";
import { hash as xxh32 } from "lz4js/xxh32.js";
import { lateMatchInput, noiseInput, textInput } from "./testing/inputs";
import { javaFixture } from "./testing/read-fixture";
import { LZ4_BLOCK_FILL, lz4CompressFrame, lz4DecompressFrame } from "./lz4";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** The frame's blocks: stored size word and payload. */
function blocks(frame: Uint8Array): Array<{ compressed: boolean; payload: Uint8Array }> {
  const view = new DataView(frame.buffer, frame.byteOffset);
  const out: Array<{ compressed: boolean; payload: Uint8Array }> = [];
  for (let pos = 7; ;) {
    const word = view.getUint32(pos, true);
    if (word === 0) return out;
    const size = word & 0x7fffffff;
    out.push({
      compressed: (word & 0x80000000) === 0,
      payload: frame.subarray(pos + 4, pos + 4 + size),
    });
    pos += 4 + size;
  }
}

/** Output position at which each sequence's match starts, in one LZ4 block. */
function matchStarts(block: Uint8Array): number[] {
  const starts: number[] = [];
  let s = 0;
  let d = 0;
  for (;;) {
    const token = block[s++];
    let literals = token >> 4;
    if (literals === 15) for (let b = 255; b === 255; literals += b) b = block[s++];
    s += literals;
    d += literals;
    if (s >= block.length) return starts;
    s += 2;
    let length = token & 15;
    if (length === 15) for (let b = 255; b === 255; length += b) b = block[s++];
    starts.push(d);
    d += length + 4;
  }
}

/** A one-block frame built by hand, with the optional checksums Kafka's writer never sets. */
function frameWithChecksums(content: Uint8Array): Uint8Array {
  const header = Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x60 | 0x10 | 0x04, 0x40, 0);
  header[6] = (xxh32(0, header, 4, 2) >>> 8) & 0xff;
  const word = (n: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n >>> 0, true);
    return b;
  };
  return new Uint8Array(
    Buffer.concat([
      header,
      word(content.length | 0x80000000),
      content,
      word(xxh32(0, content, 0, content.length)),
      word(0),
      word(xxh32(0, content, 0, content.length)),
    ]),
  );
}

describe("lz4 (Kafka's LZ4 frame)", () => {
  it("writes Kafka's frame descriptor: independent blocks, 64 KiB maximum, correct HC for record batches", () => {
    const ours = lz4CompressFrame(textInput());
    // The Java client's magic v2 frame starts with the same seven bytes.
    expect(hex(ours.subarray(0, 7))).toBe("04224d18604082");
    expect(hex(javaFixture("text.lz4.bin").subarray(0, 7))).toBe("04224d18604082");
    expect(hex(ours.subarray(ours.length - 4))).toBe("00000000");
  });

  it("reads the Java client's frames, including magic v0's HC computed over the magic number too", () => {
    expect(hex(lz4DecompressFrame(javaFixture("text.lz4.bin")))).toBe(hex(textInput()));
    const magic0 = javaFixture("text.magic0.lz4.bin");
    expect(hex(magic0.subarray(0, 7))).toBe("04224d1860401a");
    expect(hex(lz4DecompressFrame(magic0))).toBe(hex(textInput()));
  });

  it("round-trips empty, multi-block and incompressible input; stores what does not shrink as is", () => {
    expect(hex(lz4CompressFrame(new Uint8Array(0)))).toBe("04224d1860408200000000");
    expect(lz4DecompressFrame(lz4CompressFrame(new Uint8Array(0)))).toHaveLength(0);
    const text = textInput();
    const frame = lz4CompressFrame(text);
    expect(blocks(frame).map((b) => b.compressed)).toEqual([true, true]);
    expect(hex(lz4DecompressFrame(frame))).toBe(hex(text));
    const noise = noiseInput(150_000);
    const noisy = lz4CompressFrame(noise);
    expect(blocks(noisy).map((b) => [b.compressed, b.payload.length])).toEqual([
      [false, LZ4_BLOCK_FILL],
      [false, LZ4_BLOCK_FILL],
      [false, 150_000 - 2 * LZ4_BLOCK_FILL],
    ]);
    expect(hex(lz4DecompressFrame(noisy))).toBe(hex(noise));
  });

  it("keeps every match at least 12 bytes before the end of Kafka's 64 KiB decode buffer", () => {
    const input = lateMatchInput();
    // lz4js on a full 64 KiB block starts the last match 11 bytes before the end: lz4-java refuses that.
    const full = new Uint8Array(compressBound(0x10000));
    const size = compressBlock(input, full, 0, input.length, new Uint32Array(1 << 16));
    expect(0x10000 - Math.max(...matchStarts(full.subarray(0, size)))).toBe(11);

    expect(LZ4_BLOCK_FILL).toBe(65534);
    const frame = lz4CompressFrame(input);
    for (const block of blocks(frame).filter((b) => b.compressed)) {
      expect(Math.max(...matchStarts(block.payload))).toBeLessThanOrEqual(0x10000 - 12);
    }
    expect(hex(lz4DecompressFrame(frame))).toBe(hex(input));
  });

  it("reads frames of lz4js's own writer (dependent-block flag, 4 MiB blocks) when each block stands alone", () => {
    const text = textInput();
    expect(hex(lz4DecompressFrame(lz4jsFrame(text)))).toBe(hex(text));
  });

  it("verifies block and content checksums when a frame has them", () => {
    const content = new TextEncoder().encode("checksummed block");
    const frame = frameWithChecksums(content);
    expect(Buffer.from(lz4DecompressFrame(frame)).toString()).toBe("checksummed block");
    const badBlock = frame.slice();
    badBlock[7 + 4] ^= 1;
    expect(() => lz4DecompressFrame(badBlock)).toThrow("LZ4 block checksum mismatch.");
    const badContent = frame.slice();
    badContent[badContent.length - 1] ^= 1;
    expect(() => lz4DecompressFrame(badContent)).toThrow("LZ4 frame content checksum mismatch.");
  });

  it("fails on corrupt frames instead of yielding garbage", () => {
    const frame = lz4CompressFrame(textInput());
    expect(() => lz4DecompressFrame(frame.subarray(1))).toThrow(
      "Not an LZ4 frame: it does not start with the magic number 0x184D2204.",
    );
    const badHc = frame.slice();
    badHc[6] ^= 0xff;
    expect(() => lz4DecompressFrame(badHc)).toThrow(
      "LZ4 frame descriptor corrupted: its header checksum does not match.",
    );
    expect(() => lz4DecompressFrame(frame.subarray(0, 1000))).toThrow(
      "LZ4 frame ended prematurely.",
    );
    const dependent = frame.slice();
    dependent[4] = 0x80;
    expect(() => lz4DecompressFrame(dependent)).toThrow(
      "LZ4 frame descriptor flags 0x80 are not LZ4 frame version 01.",
    );
    // A match offset pointing before the block's start.
    const badOffset = lz4CompressFrame(new TextEncoder().encode("abcdabcdabcdabcdabcdabcd"));
    const [block] = blocks(badOffset);
    expect(block.compressed).toBe(true);
    const at = badOffset.indexOf(block.payload[0], 11) + 1 + (block.payload[0] >> 4);
    badOffset[at] = 0xff;
    expect(() => lz4DecompressFrame(badOffset)).toThrow(
      /^Malformed LZ4 block at input offset \d+\.$/,
    );
  });
});
