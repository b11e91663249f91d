import { describe, expect, it } from "vitest";
import { asResumePoint, mergeResumePoints, restorePointKind } from "./resume-point";

describe("mergeResumePoints", () => {
  it("keeps the largest offset of each partition and the latest time", () => {
    const merged = mergeResumePoints(
      { offsets: { orders: { 0: "10", 1: "5" } }, recordedAt: "2026-01-01T00:00:00.000Z" },
      null,
      {
        offsets: { orders: { 1: "7", 2: "3" }, users: { 0: "1" } },
        recordedAt: "2026-01-01T00:00:05.000Z",
      },
      { offsets: { orders: { 0: "9" } }, recordedAt: "2026-01-01T00:00:01.000Z" },
    );
    expect(merged).toEqual({
      offsets: { orders: { 0: "10", 1: "7", 2: "3" }, users: { 0: "1" } },
      recordedAt: "2026-01-01T00:00:05.000Z",
    });
  });

  it("compares offsets as 64-bit numbers, not as text", () => {
    const merged = mergeResumePoints(
      { offsets: { t: { 0: "9" } }, recordedAt: "a" },
      { offsets: { t: { 0: "10" } }, recordedAt: "a" },
      { offsets: { t: { 0: "9007199254740993" } }, recordedAt: "a" },
    );
    expect(merged?.offsets.t[0]).toBe("9007199254740993");
  });

  it("is undefined when nothing is known", () => {
    expect(mergeResumePoints(undefined, null)).toBeUndefined();
  });
});

describe("asResumePoint", () => {
  it("accepts a stored point and refuses malformed offsets", () => {
    expect(asResumePoint({ offsets: { t: { 0: "1" } }, recordedAt: "x" })).toEqual({
      offsets: { t: { 0: "1" } },
      recordedAt: "x",
    });
    expect(asResumePoint({ offsets: { t: { 0: -1 } }, recordedAt: "x" })).toBeUndefined();
    expect(asResumePoint({ mode: "earliest-offset" })).toBeUndefined();
  });
});

describe("restorePointKind", () => {
  it("tells a checkpoint Flink retained from a savepoint", () => {
    expect(restorePointKind("file:/data/flink/checkpoints/8f0c2d/chk-12")).toBe("checkpoint");
    expect(restorePointKind("file:/data/flink/savepoints/savepoint-8f0c2d-5e1a")).toBe("savepoint");
  });
});

describe("per-INSERT offsets (byInsert)", () => {
  it("merge per INSERT, newest offset per partition, beside the merged offsets", () => {
    const merged = mergeResumePoints(
      {
        offsets: { t: { 0: "5" } },
        byInsert: { "0:a": { t: { 0: "9" } }, "1:b": { t: { 0: "5" } } },
        recordedAt: "2026-01-01T00:00:01Z",
      },
      {
        offsets: { t: { 0: "7" } },
        byInsert: { "1:b": { t: { 0: "7" } } },
        recordedAt: "2026-01-01T00:00:02Z",
      },
    );
    expect(merged).toEqual({
      offsets: { t: { 0: "7" } },
      byInsert: { "0:a": { t: { 0: "9" } }, "1:b": { t: { 0: "7" } } },
      recordedAt: "2026-01-01T00:00:02Z",
    });
    expect(asResumePoint(JSON.parse(JSON.stringify(merged)))).toEqual(merged);
  });

  it("refuses a stored point whose per-INSERT offsets are not offsets", () => {
    expect(
      asResumePoint({ offsets: {}, byInsert: { "0:a": { t: { 0: "x" } } }, recordedAt: "now" }),
    ).toBeUndefined();
  });
});
