import { describe, expect, it } from "vitest";
import type { LogLine } from "./append-job-logs";
import { RepeatedLines } from "./repeated-lines";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const CONNECTION =
  "[Connection] Connection error: connect ECONNREFUSED 127.0.0.1:19092 (broker localhost:19092)";
const line = (message: string, atMs: number, level: LogLine["level"] = "ERROR", instance = 0) => ({
  level,
  message,
  instance,
  at: new Date(T0 + atMs),
});
const messages = (lines: LogLine[]) => lines.map((l) => l.message);

describe("RepeatedLines", () => {
  it("keeps the first of a burst and sums up the rest once the window ends", () => {
    const r = new RepeatedLines(10_000);
    const kept: LogLine[] = [];
    // A broker outage: the same error 4 times a second for 10 s.
    for (let t = 0; t < 10_000; t += 250) kept.push(...r.admit(line(CONNECTION, t)));
    expect(messages(kept)).toEqual([CONNECTION]);
    expect(r.due(T0 + 9_999)).toEqual([]);
    const [summary] = r.due(T0 + 10_000);
    expect(summary).toMatchObject({
      level: "ERROR",
      instance: 0,
      message: `${CONNECTION} (repeated 39 times in 10 s)`,
    });
    expect(summary.at.getTime()).toBe(T0 + 10_000);
  });

  it("gives one summary per window while the repeats go on, and a first again after a quiet window", () => {
    const r = new RepeatedLines(10_000);
    const kept: LogLine[] = [];
    for (let t = 0; t < 30_000; t += 500) {
      kept.push(...r.admit(line(CONNECTION, t)));
      kept.push(...r.due(T0 + t));
    }
    kept.push(...r.due(T0 + 30_000));
    expect(messages(kept)).toEqual([
      CONNECTION,
      `${CONNECTION} (repeated 19 times in 10 s)`,
      `${CONNECTION} (repeated 20 times in 10 s)`,
      `${CONNECTION} (repeated 20 times in 10 s)`,
    ]);
    // Quiet for a window: it closes, and the error is a first again.
    expect(r.due(T0 + 40_000)).toEqual([]);
    expect(r.open).toBe(false);
    expect(messages(r.admit(line(CONNECTION, 45_000)))).toEqual([CONNECTION]);
  });

  it("tells lines apart by text, level and instance, and never aggregates INFO (print sinks' rows are data)", () => {
    const r = new RepeatedLines(10_000);
    const kept = [
      line("a", 0),
      line("a", 1),
      line("b", 2),
      line("a", 3, "WARN"),
      line("a", 4, "ERROR", 1),
      line("+I[1, x]", 5, "INFO"),
      line("+I[1, x]", 6, "INFO"),
    ].flatMap((l) => r.admit(l));
    expect(kept.map((l) => [l.level, l.instance, l.message])).toEqual([
      ["ERROR", 0, "a"],
      ["ERROR", 0, "b"],
      ["WARN", 0, "a"],
      ["ERROR", 1, "a"],
      ["INFO", 0, "+I[1, x]"],
      ["INFO", 0, "+I[1, x]"],
    ]);
    expect(messages(r.due(T0 + 10_000))).toEqual(["a (repeated 1 time in 10 s)"]);
  });

  it("sums up a window that ended before due() ran ahead of the next first, and everything at the last flush", () => {
    const r = new RepeatedLines(10_000);
    r.admit(line(CONNECTION, 0));
    r.admit(line(CONNECTION, 1_000));
    r.admit(line(CONNECTION, 2_000));
    // Repeating on into the next window: summed up, and counted there.
    expect(messages(r.admit(line(CONNECTION, 12_000)))).toEqual([
      `${CONNECTION} (repeated 2 times in 10 s)`,
    ]);
    // After a quiet window: the ended window's summary, then a first.
    expect(messages(r.admit(line(CONNECTION, 31_000)))).toEqual([
      `${CONNECTION} (repeated 1 time in 10 s)`,
      CONNECTION,
    ]);
    r.admit(line(CONNECTION, 33_000));
    expect(messages(r.due(Infinity))).toEqual([
      expect.stringMatching(/^\[Connection\] .* \(repeated 1 time in \d+ s\)$/),
    ]);
    expect(r.open).toBe(false);
  });
});
