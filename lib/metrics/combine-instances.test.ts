import { describe, expect, it } from "vitest";
import { combineInstances, type InstanceSnapshot } from "./combine-instances";
import { acrossInstancesOf } from "./metric-names";

function subtask(instance: number, over: Partial<InstanceSnapshot>): InstanceSnapshot {
  return {
    instance,
    numRecordsIn: 0,
    numRecordsOut: 0,
    numBytesIn: 0,
    numBytesOut: 0,
    numRecordsOutErrors: 0,
    numRecordsInErrors: 0,
    currentSendTime: 0,
    lagByPartition: {},
    assignedPartitions: [],
    numRecordsInPerSecond: 0,
    numRecordsOutPerSecond: 0,
    numBytesInPerSecond: 0,
    numBytesOutPerSecond: 0,
    ...over,
  };
}

describe("one instance's snapshot of a Flink job's subtasks", () => {
  it("adds counters and rates up and keeps the worst gauge, every partition's lag and the latest commit", () => {
    const combined = combineInstances(0, [
      subtask(0, {
        numRecordsIn: 100,
        numRecordsOut: 90,
        numBytesIn: 1_000,
        numBytesOut: 900,
        numRecordsOutErrors: 1,
        numRecordsInErrors: 2,
        currentSendTime: 4,
        numRecordsInPerSecond: 10,
        numRecordsOutPerSecond: 9,
        numBytesInPerSecond: 100,
        numBytesOutPerSecond: 90,
        lagByPartition: { "orders-0": 5 },
        assignedPartitions: ["orders-0"],
        lastCommitAt: "2026-03-01T12:00:01.000Z",
      }),
      subtask(1, {
        numRecordsIn: 50,
        numRecordsOut: 45,
        numBytesIn: 500,
        numBytesOut: 450,
        numRecordsOutErrors: 3,
        numRecordsInErrors: 0,
        currentSendTime: 7,
        numRecordsInPerSecond: 5,
        numRecordsOutPerSecond: 4,
        numBytesInPerSecond: 50,
        numBytesOutPerSecond: 40,
        lagByPartition: { "orders-1": 12 },
        assignedPartitions: ["orders-1"],
        lastCommitAt: "2026-03-01T12:00:03.000Z",
      }),
      subtask(2, { currentSendTime: 2, lagByPartition: { "records-lag-max": 3 } }),
      subtask(3, { lagByPartition: { "records-lag-max": 8 } }),
    ]);
    expect(combined).toEqual({
      instance: 0,
      numRecordsIn: 150,
      numRecordsOut: 135,
      numBytesIn: 1_500,
      numBytesOut: 1_350,
      numRecordsOutErrors: 4,
      numRecordsInErrors: 2,
      currentSendTime: 7,
      numRecordsInPerSecond: 15,
      numRecordsOutPerSecond: 13,
      numBytesInPerSecond: 150,
      numBytesOutPerSecond: 130,
      lagByPartition: { "orders-0": 5, "orders-1": 12, "records-lag-max": 8 },
      assignedPartitions: ["orders-0", "orders-1"],
      lastCommitAt: "2026-03-01T12:00:03.000Z",
    });
  });

  it("says sum for counters and rates, max for gauges", () => {
    expect(acrossInstancesOf("numRecordsOut")).toBe("sum");
    expect(acrossInstancesOf("numBytesInPerSecond")).toBe("sum");
    expect(acrossInstancesOf("currentSendTime")).toBe("max");
    expect(acrossInstancesOf("records-lag-max")).toBe("max");
    expect(acrossInstancesOf("lastCommitTime")).toBe("max");
  });

  it("is all zeros for no subtasks", () => {
    expect(combineInstances(0, [])).toMatchObject({ numRecordsIn: 0, currentSendTime: 0 });
  });
});
