import { describe, expect, it } from "vitest";
import { KafkaDefaultPartitioning } from "./default-partitioning";
import { partitionForKey } from "./murmur2";
import { FixedPartitioner, type KafkaPartitioner } from "./partitioner";
import { SinkPartitioning } from "./sink-partitioning";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("SinkPartitioning", () => {
  it("opens the Flink partitioner with the instance and lets it choose", () => {
    const sink = new SinkPartitioning(new FixedPartitioner(), new KafkaDefaultPartitioning(), {
      parallelInstanceId: 5,
      parallelInstances: 6,
    });
    expect(sink.hasFlinkPartitioner).toBe(true);
    expect(sink.partition(null, { key: utf8("hello"), value: null }, "t", [0, 1, 2, 3])).toBe(1);
  });

  it("without a Flink partitioner hashes the key as the producer does", () => {
    const sink = new SinkPartitioning(undefined, new KafkaDefaultPartitioning(), {
      parallelInstanceId: 0,
      parallelInstances: 1,
    });
    expect(sink.hasFlinkPartitioner).toBe(false);
    expect(sink.partition(null, { key: utf8("user-7"), value: null }, "t", [0, 1, 2])).toBe(
      partitionForKey(utf8("user-7"), 3),
    );
  });

  it("checks a custom partitioner's answer with the Java producer's messages", () => {
    const returning = (p: number): KafkaPartitioner => ({ partition: () => p });
    const instance = { parallelInstanceId: 0, parallelInstances: 1 };
    const record = { key: null, value: null };
    expect(() =>
      new SinkPartitioning(returning(4), new KafkaDefaultPartitioning(), instance).partition(
        null,
        record,
        "t",
        [0, 1, 2, 3],
      ),
    ).toThrow("Invalid partition given with record: 4 is not in the range [0...4).");
    expect(() =>
      new SinkPartitioning(returning(-1), new KafkaDefaultPartitioning(), instance).partition(
        null,
        record,
        "t",
        [0, 1],
      ),
    ).toThrow("Invalid partition: -1. Partition number should always be non-negative or null.");
  });
});
