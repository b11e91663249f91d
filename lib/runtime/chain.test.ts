import { describe, expect, it, vi } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import { evaluate, type EvalContext } from "@/lib/sql/evaluate";
import type { RowKind, Value } from "@/lib/types/logical-type";
import { compileChain } from "./chain";
import { RecordError } from "./failure";
import type { RecordCoordinates } from "./job-runtime";

vi.mock("@/lib/sql/evaluate", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/sql/evaluate")>();
  return { ...original, evaluate: vi.fn(original.evaluate) };
});

const utc: EvalContext = { localTimeZone: "UTC", now: () => 0 };

/** The chain of the script's only INSERT (source `src`), with what reaches the sink collected. */
function chainOf(select: string, ctx: EvalContext = utc) {
  const result = validateScript(`
    CREATE TABLE src (id INT, name STRING, ts BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
    CREATE TABLE dst (a STRING, b STRING, c STRING) WITH ('connector' = 'blackhole');
    INSERT INTO dst ${select};`);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const out: Array<{ kind: RowKind; values: Value[]; coords: RecordCoordinates }> = [];
  const [leaf] = compileChain(
    result.plan!.jobs[0].inserts[0].query,
    (kind, values, coords) => void out.push({ kind, values, coords }),
    ctx,
  );
  return { push: leaf.push, out };
}

describe("compileChain", () => {
  it("runs CROSS JOIN UNNEST: one row per element, none for an empty or NULL collection", () => {
    const { push, out } = chainOf(
      "SELECT name, tag, CAST(id AS STRING) FROM (SELECT id, name, SPLIT_TAGS AS tags FROM (SELECT id, name, ARRAY[name, 'x'] AS SPLIT_TAGS FROM src)) CROSS JOIN UNNEST(tags) AS t (tag)",
    );
    push("+I", [1, "a", 0n], { row: 1 });
    push("+I", [2, null, 0n], { row: 2 });
    expect(out.map((o) => o.values)).toEqual([
      ["a", "a", "1"],
      ["a", "x", "1"],
      [null, null, "2"],
      [null, "x", "2"],
    ]);
  });

  it("projects and filters with lib/sql/evaluate's semantics", () => {
    const { push, out } = chainOf(
      "SELECT UPPER(name), CAST(id * 2 AS STRING), COALESCE(name, 'none') FROM src WHERE id > 1",
    );
    push("+I", [1, "a", 0n], { row: 1 });
    push("+I", [2, null, 0n], { row: 2 });
    push("-U", [3, "c", 0n], { row: 3 });
    expect(out).toEqual([
      { kind: "+I", values: [null, "4", "none"], coords: { row: 2 } },
      { kind: "-U", values: ["C", "6", "c"], coords: { row: 3 } },
    ]);
  });

  it("evaluates in the session's table.local-time-zone", () => {
    const shanghai = chainOf(
      "SELECT FROM_UNIXTIME(ts), CAST(TO_TIMESTAMP_LTZ(ts, 0) AS STRING), name FROM src",
      {
        localTimeZone: "Asia/Shanghai",
        now: () => 0,
      },
    );
    shanghai.push("+I", [1, "x", 0n], { row: 1 });
    expect(shanghai.out[0].values).toEqual(["1970-01-01 08:00:00", "1970-01-01 08:00:00.000", "x"]);
    const utcRun = chainOf(
      "SELECT FROM_UNIXTIME(ts), CAST(TO_TIMESTAMP_LTZ(ts, 0) AS STRING), name FROM src",
    );
    utcRun.push("+I", [1, "x", 0n], { row: 1 });
    expect(utcRun.out[0].values).toEqual(["1970-01-01 00:00:00", "1970-01-01 00:00:00.000", "x"]);
  });

  it("fails a record whose expression cannot be evaluated, with the record's coordinates", () => {
    const { push } = chainOf("SELECT name, CAST(CAST(name AS INT) AS STRING), name FROM src");
    const coords = { topic: "orders", partition: 2, offset: "41" };
    let thrown: unknown;
    try {
      push("+I", [1, "not-a-number", 0n], coords);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RecordError);
    expect((thrown as RecordError).record).toEqual(coords);
    expect((thrown as RecordError).message).toMatch(/^Could not evaluate the query for a record: /);
  });

  it("copies column references and literals without calling evaluate", () => {
    const reordered = chainOf("SELECT name, 'const', name FROM src");
    vi.mocked(evaluate).mockClear();
    reordered.push("+I", [7, "n", 5n], { row: 1 });
    reordered.push("+I", [8, "m", 5n], { row: 2 });
    expect(reordered.out.map((o) => o.values)).toEqual([
      ["n", "const", "n"],
      ["m", "const", "m"],
    ]);
    expect(evaluate).not.toHaveBeenCalled();
  });
});
