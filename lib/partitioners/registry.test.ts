import { describe, expect, it } from "vitest";
import { FixedPartitioner, type KafkaPartitioner } from "./partitioner";
import { createPartitioner, PartitionerValidationError, sinkPartitionerSpec } from "./registry";

describe("sinkPartitionerSpec", () => {
  it("maps Flink's values exactly and anything else to a class name", () => {
    expect(sinkPartitionerSpec(undefined)).toEqual({ kind: "default" });
    expect(sinkPartitionerSpec("default")).toEqual({ kind: "default" });
    expect(sinkPartitionerSpec("round-robin")).toEqual({ kind: "round-robin" });
    expect(sinkPartitionerSpec("fixed")).toEqual({ kind: "fixed" });
    // Flink's switch is case-sensitive: 'Fixed' is looked up as a class.
    expect(sinkPartitionerSpec("Fixed")).toEqual({ kind: "custom", className: "Fixed" });
    expect(sinkPartitionerSpec("com.example.RegionPartitioner")).toEqual({
      kind: "custom",
      className: "com.example.RegionPartitioner",
    });
  });

  it("rejects an empty value with Flink's message", () => {
    expect(() => sinkPartitionerSpec("")).toThrow(
      new PartitionerValidationError("Option 'sink.partitioner' should be a non-empty string."),
    );
  });
});

describe("createPartitioner", () => {
  it("leaves default and round-robin to the producer and makes fixed a FixedPartitioner", () => {
    expect(createPartitioner({ kind: "default" })).toBeUndefined();
    expect(createPartitioner({ kind: "round-robin" })).toBeUndefined();
    expect(createPartitioner({ kind: "fixed" })).toBeInstanceOf(FixedPartitioner);
  });

  it("plugs a custom partitioner in through the resolver", () => {
    const lastPartition: KafkaPartitioner = {
      partition: (_r, _k, _v, _t, partitions) => partitions[partitions.length - 1],
    };
    const asked: string[] = [];
    const partitioner = createPartitioner(
      { kind: "custom", className: "com.example.Last" },
      (name) => {
        asked.push(name);
        return lastPartition;
      },
    );
    expect(asked).toEqual(["com.example.Last"]);
    expect(partitioner?.partition(null, null, null, "t", [0, 1, 2])).toBe(2);
  });

  it("says it could not find the class when nothing resolves it, keeping the resolver's error as the cause", () => {
    const spec = { kind: "custom", className: "com.example.Missing" } as const;
    const message = "Could not find and instantiate partitioner class 'com.example.Missing'";
    expect(() => createPartitioner(spec)).toThrow(message);
    expect(() => createPartitioner(spec, () => undefined)).toThrow(message);
    const cause = new Error("no resource provides it");
    let thrown: unknown;
    try {
      createPartitioner(spec, () => {
        throw cause;
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PartitionerValidationError);
    expect((thrown as Error).message).toBe(message);
    expect((thrown as Error).cause).toBe(cause);
  });

  it("rejects something that is not a partitioner with Flink's message", () => {
    expect(() =>
      createPartitioner({ kind: "custom", className: "com.example.NotOne" }, () => ({ open() {} })),
    ).toThrow(
      "Sink partitioner class 'com.example.NotOne' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner",
    );
  });
});
