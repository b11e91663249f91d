import { describe, expect, it } from "vitest";
import { explainPlan } from "./explain-plan";
import { validateScript } from "./validate";

const TABLES = [
  "CREATE TABLE o (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');",
  "CREATE TABLE p (id INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');",
  "CREATE TABLE s (a INT, b INT) WITH ('connector' = 'blackhole');",
].join("\n");

function explain(on: string, joinType = "JOIN"): string {
  const r = validateScript(
    `${TABLES}\nINSERT INTO s SELECT x.id, y.id FROM o x ${joinType} p y ON ${on};`,
  );
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => d.message)).toEqual([]);
  return explainPlan((r.plan ?? r.explainable)!);
}

describe("interval joins (Flink's IntervalJoinUtil bounds on left.time - right.time)", () => {
  it("BETWEEN bounds both sides, inclusive", () => {
    expect(explain("x.id = y.id AND x.ts BETWEEN y.ts - INTERVAL '1' HOUR AND y.ts")).toContain(
      "IntervalJoin(joinType=[InnerJoin], windowBounds=[isRowTime=true, leftLowerBound=-3600000, leftUpperBound=0, leftTimeIndex=1, rightTimeIndex=1]",
    );
  });

  it("strict comparisons move a bound by a millisecond, and the right side may come first", () => {
    expect(explain("x.id = y.id AND y.ts > x.ts - INTERVAL '5' SECOND AND y.ts < x.ts")).toContain(
      "leftLowerBound=1, leftUpperBound=4999",
    );
  });

  it("a bound on one side only, or on columns of two kinds, is a regular join", () => {
    expect(explain("x.id = y.id AND x.ts >= y.ts")).toContain("Join(joinType=[InnerJoin]");
    expect(explain("x.id = y.id AND x.ts >= y.ts")).not.toContain("IntervalJoin");
    expect(explain("x.id = y.id AND x.ts BETWEEN y.pt - INTERVAL '1' HOUR AND y.pt")).not.toContain(
      "IntervalJoin",
    );
  });

  it("keeps time attributes: a window over an interval join's rowtime validates", () => {
    const r = validateScript(
      `${TABLES}\nCREATE TABLE w (ws TIMESTAMP(3), n BIGINT) WITH ('connector' = 'blackhole');\nCREATE VIEW j AS SELECT x.id, x.ts FROM o x JOIN p y ON x.id = y.id AND x.ts BETWEEN y.ts - INTERVAL '1' MINUTE AND y.ts;\nINSERT INTO w SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE j, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;`,
    );
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const regular = validateScript(
      `${TABLES}\nCREATE TABLE w (ws TIMESTAMP(3), n BIGINT) WITH ('connector' = 'blackhole');\nCREATE VIEW j AS SELECT x.id, x.ts FROM o x JOIN p y ON x.id = y.id AND x.ts >= y.ts;\nINSERT INTO w SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE j, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;`,
    );
    expect(regular.diagnostics.map((d) => d.message).join()).toContain(
      "requires the timecol to be a time attribute type",
    );
  });
});
