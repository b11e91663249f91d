import { describe, expect, it } from "vitest";
import {
  KafkaDefaultPartitioning,
  recordSizeInBytes,
  sizeOfVarint,
  sizeOfVarlong,
} from "./default-partitioning";
import { partitionForKey } from "./murmur2";

const bytes = (n: number) => new Uint8Array(n);
const utf8 = (s: string) => new TextEncoder().encode(s);

function randomFrom(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe("KafkaDefaultPartitioning with a key", () => {
  it("puts the record at toPositive(murmur2(key)) % partition count", () => {
    const partitioning = new KafkaDefaultPartitioning();
    for (const key of ["a", "ab", "user-42", "é€"]) {
      expect(partitioning.partition("t", { key: utf8(key), value: null }, 6)).toBe(
        partitionForKey(utf8(key), 6),
      );
    }
    expect(partitioning.partition("t", { key: utf8("hello"), value: null }, 4)).toBe(1);
  });

  it("hashes an empty key rather than treating it as absent", () => {
    const partitioning = new KafkaDefaultPartitioning({ random: () => 0 });
    // murmur2 of no bytes is 275646681; 275646681 % 4 = 1, while the sticky choice would be 0.
    expect(partitioning.partition("t", { key: bytes(0), value: bytes(1) }, 4)).toBe(1);
  });

  it("ignores the key with partitioner.ignore.keys", () => {
    const partitioning = new KafkaDefaultPartitioning({ ignoreKeys: true, random: () => 2 });
    expect(partitioning.partition("t", { key: utf8("hello"), value: null }, 4)).toBe(2);
  });
});

describe("KafkaDefaultPartitioning without a key (KIP-794 sticky)", () => {
  it("stays on a random partition until batch.size bytes were appended, then picks another at random", () => {
    // Each 100-byte value with no key or headers is a 109-byte record; the first in a batch adds
    // the 61-byte batch header. 170 + 8 × 109 = 1042 ≥ 1000, so the 9th record is the last on partition 1.
    const partitioning = new KafkaDefaultPartitioning({
      batchSize: 1000,
      random: randomFrom([5, 2, 7]),
    });
    const chosen = Array.from({ length: 20 }, () =>
      partitioning.partition("t", { key: null, value: bytes(100), timestamp: 1_000 }, 4),
    );
    expect(chosen).toEqual([...Array(9).fill(1), ...Array(9).fill(2), 3, 3]);
  });

  it("may pick the same partition again, as Java's uniform choice does", () => {
    const partitioning = new KafkaDefaultPartitioning({
      batchSize: 1,
      random: randomFrom([1, 5, 2]),
    });
    const chosen = [0, 1, 2].map(() =>
      partitioning.partition("t", { key: null, value: bytes(1), timestamp: 0 }, 4),
    );
    expect(chosen).toEqual([1, 1, 2]);
  });

  it("chooses among partitions with a leader when told which", () => {
    const partitioning = new KafkaDefaultPartitioning({ random: () => 3 });
    expect(partitioning.partition("t", { key: null, value: bytes(1) }, 6, [0, 4])).toBe(4);
  });

  it("keeps one sticky partition per topic and does not count keyed records", () => {
    const partitioning = new KafkaDefaultPartitioning({
      batchSize: 300,
      random: randomFrom([0, 1, 2]),
    });
    const unkeyed = { key: null, value: bytes(100), timestamp: 0 };
    expect(partitioning.partition("a", unkeyed, 3)).toBe(0);
    expect(partitioning.partition("b", unkeyed, 3)).toBe(1);
    for (let i = 0; i < 10; i++)
      partitioning.partition("a", { key: utf8(`k${i}`), value: bytes(1000) }, 3);
    // 170 + 109 = 279 < 300: still on partition 0; the third record crosses 300 and is the last there.
    expect(partitioning.partition("a", unkeyed, 3)).toBe(0);
    expect(partitioning.partition("a", unkeyed, 3)).toBe(0);
    expect(partitioning.partition("a", unkeyed, 3)).toBe(2);
  });

  it("rejects a batch size below 1 with BuiltInPartitioner's message", () => {
    expect(() => new KafkaDefaultPartitioning({ batchSize: 0 })).toThrow(
      "stickyBatchSize must be >= 1 but got 0",
    );
  });
});

describe("record sizes (DefaultRecord.sizeInBytes)", () => {
  // Expected values printed by Kafka's DefaultRecord.sizeInBytes (testing/RecordSize.java).
  it("counts attributes, deltas, nullable key and value, and headers", () => {
    expect(recordSizeInBytes(0, 0, { key: null, value: null })).toBe(7);
    expect(recordSizeInBytes(0, 0, { key: null, value: bytes(100) })).toBe(109);
    expect(recordSizeInBytes(64, 0, { key: null, value: bytes(100) })).toBe(110);
    expect(recordSizeInBytes(0, 1_000_000, { key: bytes(3), value: bytes(5) })).toBe(17);
    expect(
      recordSizeInBytes(1, 0, {
        key: bytes(0),
        value: bytes(200),
        headers: [
          { key: "é", value: null },
          { key: "k", value: bytes(2) },
        ],
      }),
    ).toBe(218);
  });

  it("sizes zig-zag varints as Kafka's ByteUtils", () => {
    expect(
      [0, 63, 64, -1, -64, -65, 8191, 8192, -2147483648, 2147483647].map(sizeOfVarint),
    ).toEqual([1, 1, 2, 1, 1, 2, 2, 3, 5, 5]);
    expect([0, 63, 64, 2 ** 31, 2 ** 40].map(sizeOfVarlong)).toEqual([1, 1, 2, 5, 6]);
  });
});
