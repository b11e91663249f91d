import { describe, expect, it } from "vitest";
import type { InstanceMetrics } from "@/lib/runtime/job-runtime";
import { samplesOf } from "./instance-samples";

const base: InstanceMetrics = {
  instance: 0,
  numRecordsIn: 100,
  numRecordsOut: 90,
  numBytesIn: 10_000,
  numBytesOut: 9_000,
  numRecordsOutErrors: 1,
  numRecordsInErrors: 2,
  currentSendTime: 3,
  lagByPartition: { "orders-0": 5, "orders-1": 12 },
  assignedPartitions: ["orders-0", "orders-1"],
  lastCommitAt: "2026-03-01T12:00:00.000Z",
};

describe("samplesOf", () => {
  it("derives per-second rates, lag max and per-partition lag, and the commit time", () => {
    const previous = { metrics: base, atMs: 0 };
    const current = {
      metrics: {
        ...base,
        numRecordsIn: 300,
        numRecordsOut: 290,
        numBytesIn: 30_000,
        numBytesOut: 29_000,
      },
      atMs: 2000,
    };
    expect(Object.fromEntries(samplesOf(current, previous).map((s) => [s.name, s.value]))).toEqual({
      numRecordsIn: 300,
      numRecordsOut: 290,
      numBytesIn: 30_000,
      numBytesOut: 29_000,
      numRecordsOutErrors: 1,
      numRecordsInErrors: 2,
      numRecordsInPerSecond: 100,
      numRecordsOutPerSecond: 100,
      numBytesInPerSecond: 10_000,
      numBytesOutPerSecond: 10_000,
      currentSendTime: 3,
      "records-lag-max": 12,
      "records-lag:orders-0": 5,
      "records-lag:orders-1": 12,
      lastCommitTime: Date.parse("2026-03-01T12:00:00.000Z"),
    });
  });

  it("reports no rate for the first reading or after the counters were reset by a restart", () => {
    const first = samplesOf({ metrics: base, atMs: 0 }, undefined);
    expect(first.find((s) => s.name === "numRecordsInPerSecond")?.value).toBe(0);
    const reset = samplesOf(
      { metrics: { ...base, numRecordsIn: 3 }, atMs: 1000 },
      { metrics: base, atMs: 0 },
    );
    expect(reset.find((s) => s.name === "numRecordsInPerSecond")?.value).toBe(0);
  });
});
