import { describe, expect, it } from "vitest";
import { bucketStart, compactionSteps, downsample, resolutionFor } from "./downsample";
import { aggregateOf } from "./metric-names";

const T0 = Date.parse("2026-03-01T12:00:00.000Z");

describe("compactionSteps", () => {
  it("rolls 1-s samples older than an hour into whole minutes, minutes older than a day into 10 minutes, and drops what is older than a week", () => {
    const now = T0 + 42_500; // 12:00:42.5
    expect(compactionSteps(now)).toEqual([
      {
        kind: "rollup",
        fromResolutionS: 1,
        toResolutionS: 60,
        before: new Date("2026-03-01T11:00:00.000Z"),
      },
      {
        kind: "rollup",
        fromResolutionS: 60,
        toResolutionS: 600,
        before: new Date("2026-02-28T12:00:00.000Z"),
      },
      { kind: "delete", resolutionS: 600, before: new Date("2026-02-22T12:00:42.500Z") },
    ]);
  });

  it("never cuts a target bucket in half", () => {
    for (const offset of [0, 1, 59_999, 60_000, 599_999]) {
      const [raw, minutes] = compactionSteps(T0 + offset);
      expect(raw.kind === "rollup" && raw.before.getTime() % 60_000).toBe(0);
      expect(minutes.kind === "rollup" && minutes.before.getTime() % 600_000).toBe(0);
    }
  });
});

describe("downsample", () => {
  const points = [
    { atMs: T0 + 1000, value: 10 },
    { atMs: T0 + 30_000, value: 40 },
    { atMs: T0 + 59_999, value: 70 },
    { atMs: T0 + 60_000, value: 100 },
  ];

  it("keeps the last (largest) value of a counter per bucket", () => {
    expect(downsample("numRecordsOut", points, 60)).toEqual([
      { atMs: T0, value: 70 },
      { atMs: T0 + 60_000, value: 100 },
    ]);
  });

  it("averages rates and send times", () => {
    expect(downsample("numRecordsOutPerSecond", points, 60)).toEqual([
      { atMs: T0, value: 40 },
      { atMs: T0 + 60_000, value: 100 },
    ]);
    expect(aggregateOf("currentSendTime")).toBe("avg");
  });

  it("keeps the worst lag", () => {
    expect(aggregateOf("records-lag:orders-3")).toBe("max");
    expect(
      downsample(
        "records-lag-max",
        [
          { atMs: T0, value: 5 },
          { atMs: T0 + 1, value: 2 },
        ],
        60,
      ),
    ).toEqual([{ atMs: T0, value: 5 }]);
  });
});

describe("bucketStart and resolutionFor", () => {
  it("aligns buckets to the epoch", () => {
    expect(bucketStart(T0 + 61_234, 60)).toBe(T0 + 60_000);
    expect(bucketStart(T0 + 61_234, 1)).toBe(T0 + 61_000);
  });

  it("reads the finest tier that still covers the range's start", () => {
    expect(resolutionFor(T0 - 30 * 60_000, T0)).toBe(1);
    expect(resolutionFor(T0 - 2 * 3_600_000, T0)).toBe(60);
    expect(resolutionFor(T0 - 3 * 86_400_000, T0)).toBe(600);
  });

  it("still reads the 1-s tier for an hour's range asked a moment before now", () => {
    // The page computes its range start before the server's clock reads "now".
    const now = T0 + 30_000;
    expect(resolutionFor(now - 3_600_000 - 250, now)).toBe(1);
    // Older than the cut compaction makes (the minute bucket before now - 1 h): the minute tier.
    expect(resolutionFor(bucketStart(now - 3_600_000, 60) - 1, now)).toBe(60);
  });
});
