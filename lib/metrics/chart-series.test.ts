import { describe, expect, it } from "vitest";
import { alignSeries, appendPoint, gapCount } from "./chart-series";

describe("chart series", () => {
  it("aligns series on one time axis, null where one lacks a value", () => {
    const data = alignSeries(
      [
        {
          name: "a",
          points: [
            [1000, 1],
            [2000, 2],
          ],
        },
        { name: "b", points: [[2000, 5]] },
      ],
      ["a", "b"],
      1,
    );
    expect(data).toEqual([
      [1, 2],
      [1, 2],
      [null, 5],
    ]);
  });

  it("breaks the line where samples stop for more than two buckets (a stopped job)", () => {
    const data = alignSeries(
      [
        {
          name: "a",
          points: [
            [1000, 1],
            [2000, 1],
            [60_000, 3],
          ],
        },
      ],
      ["a"],
      1,
    );
    expect(data).toEqual([
      [1, 2, 3, 60],
      [1, 1, null, 3],
    ]);
    expect(gapCount(data)).toBe(1);
  });

  it("counts as gaps only the x positions where every series is null", () => {
    expect(
      gapCount([
        [1, 2, 3, 4],
        [1, null, null, 2],
        [null, 5, null, 2],
      ]),
    ).toBe(1);
    expect(gapCount([[]])).toBe(0);
  });

  it("appends live points, with a gap after a pause, and drops what left the range", () => {
    let data = alignSeries([{ name: "a", points: [[1000, 1]] }], ["a"], 1);
    data = appendPoint(data, 2000, [2], 60_000, 1);
    expect(data).toEqual([
      [1, 2],
      [1, 2],
    ]);
    data = appendPoint(data, 10_000, [4], 60_000, 1);
    expect(data).toEqual([
      [1, 2, 3, 10],
      [1, 2, null, 4],
    ]);
    expect(appendPoint(data, 10_000, [9], 60_000, 1)).toBe(data);
    expect(appendPoint(data, 70_000, [5], 60_000, 1)[0]).toEqual([10, 11, 70]);
  });
});
