import { describe, expect, it } from "vitest";
import { validateScript } from "./validate";

const TABLES = [
  "CREATE TABLE a (id INT, k STRING, x INT) WITH ('connector' = 'datagen');",
  "CREATE TABLE b (k STRING, id INT, y DOUBLE) WITH ('connector' = 'datagen');",
  "CREATE TABLE c (k INT, z INT) WITH ('connector' = 'datagen');",
].join("\n");

function check(select: string) {
  const r = validateScript(
    `${TABLES}\nCREATE TABLE s (v STRING) WITH ('connector' = 'blackhole');\nEXPLAIN ${select};`,
  );
  return {
    errors: r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
    plan: r.plan ?? r.explainable,
  };
}

/** The column names `SELECT * FROM <from>` has, read from a sink-less INSERT's error. */
function starColumns(from: string): string[] {
  const r = validateScript(
    `${TABLES}\nCREATE TABLE s (v INT) WITH ('connector' = 'blackhole');\nINSERT INTO s SELECT * FROM ${from};`,
  );
  const msg = r.diagnostics.find((d) => d.severity === "error")?.message ?? "";
  const m = /Query schema: \[([^\]]*)\]/.exec(msg);
  if (!m) throw new Error(`unexpected: ${msg}`);
  return m[1].split(", ").map((c) => c.split(":")[0]);
}

describe("JOIN … USING and NATURAL JOIN (Calcite's rules)", () => {
  it("SELECT * shows each common column once, first, then the rest of each side", () => {
    expect(starColumns("a JOIN b USING (k)")).toEqual(["k", "id", "x", "id0", "y"]);
    expect(starColumns("a NATURAL JOIN b")).toEqual(["id", "k", "x", "y"]);
  });

  it("USING two columns shows both once, in the USING order", () => {
    expect(starColumns("a JOIN b USING (k, id)").slice(0, 4)).toEqual(["k", "id", "x", "y"]);
  });

  it("refuses columns of incompatible types and columns a side lacks", () => {
    expect(check("SELECT k FROM a JOIN c USING (k)").errors).toEqual([
      "Column 'k' matched using NATURAL keyword or USING clause has incompatible types: cannot compare 'STRING' to 'INT'",
    ]);
    expect(check("SELECT k FROM a JOIN b USING (z)").errors).toEqual([
      "Column 'z' not found in any table",
    ]);
  });

  it("an unqualified common column is not ambiguous; another shared name still is", () => {
    expect(check("SELECT k FROM a JOIN b USING (k)").errors).toEqual([]);
    expect(check("SELECT id FROM a JOIN b USING (k)").errors).toEqual(["Column 'id' is ambiguous"]);
  });
});
