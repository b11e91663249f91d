/** Where the source reader goes on after a fetch, as the Java consumer moves its position. */
import { describe, expect, it } from "vitest";
import { nextOffsetAfter } from "./record-reader";

const record = (offset: number, batchFirst: number, lastOffsetDelta: number) => ({
  offset: String(offset),
  batchContext: { firstOffset: String(batchFirst), lastOffsetDelta },
});

describe("nextOffsetAfter", () => {
  it("is past the last record batch seen", () => {
    expect(nextOffsetAfter([record(10, 10, 2), record(11, 10, 2), record(12, 10, 2)], 10)).toBe(13);
  });

  it("skips the compacted tail of a batch (its last offset delta reaches past its last record)", () => {
    expect(nextOffsetAfter([record(20, 20, 9)], 20)).toBe(30);
  });

  it("counts control batches and aborted records, which the caller does not get", () => {
    // records 5..6 aborted (filtered out), then an abort marker at 7
    expect(nextOffsetAfter([record(5, 5, 1), record(6, 5, 1), record(7, 7, 0)], 5)).toBe(8);
  });

  it("stays put when nothing came back", () => {
    expect(nextOffsetAfter([], 42)).toBe(42);
  });
});
