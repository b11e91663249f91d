import { describe, expect, it } from "vitest";
import { FixedPartitioner } from "./partitioner";

function fixed(instance: number, instances: number): FixedPartitioner {
  const partitioner = new FixedPartitioner();
  partitioner.open(instance, instances);
  return partitioner;
}

describe("FixedPartitioner (FlinkFixedPartitioner)", () => {
  it("sends instance i to partitions[i % partitions.length]", () => {
    const partitions = [0, 1, 2, 3];
    expect(
      [0, 1, 2, 3, 4, 5].map((i) => fixed(i, 6).partition(null, null, null, "t", partitions)),
    ).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it("indexes the partition list it is given, ignoring key and value", () => {
    const p = fixed(1, 2);
    expect(p.partition(null, Uint8Array.of(1), Uint8Array.of(2), "t", [3, 7, 9])).toBe(7);
    expect(p.partition(null, null, null, "t", [3, 7, 9])).toBe(7);
  });

  it("uses instance 0 when never opened", () => {
    expect(new FixedPartitioner().partition(null, null, null, "t", [5, 6])).toBe(5);
  });

  it("rejects an empty partition list and bad subtask numbers with Flink's messages", () => {
    expect(() => fixed(0, 1).partition(null, null, null, "t", [])).toThrow(
      "Partitions of the target topic is empty.",
    );
    expect(() => fixed(-1, 1)).toThrow("Id of this subtask cannot be negative.");
    expect(() => fixed(0, 0)).toThrow("Number of subtasks must be larger than 0.");
  });
});
