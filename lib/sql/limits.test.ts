import { describe, expect, it } from "vitest";
import { MAX_NESTING, MAX_SQL_LENGTH, MAX_TREE_DEPTH } from "./limits";
import { validateScript } from "./validate";
import { planToJson } from "./plan";

const TABLES = `CREATE TABLE src (a INT) WITH ('connector' = 'datagen');
CREATE TABLE snk (a INT) WITH ('connector' = 'blackhole');
`;

function insertOf(expr: string): string {
  return `${TABLES}INSERT INTO snk SELECT ${expr} FROM src;`;
}

function errorsOf(sql: string) {
  return validateScript(sql).diagnostics.filter((d) => d.severity === "error");
}

describe("script limits: a diagnostic, never a stack overflow", () => {
  it("refuses brackets nested 2,000 deep at the place, and keeps checking the script", () => {
    const sql =
      insertOf("(".repeat(2000) + "a" + ")".repeat(2000)) + "\nINSERT INTO nope SELECT a FROM src;";
    const errors = errorsOf(sql);
    expect(errors[0].message).toMatch(/nested too deeply/);
    expect(errors[0].line).toBe(3);
    // The next statement is still checked (recovery at the `;`).
    expect(errors.some((e) => e.line === 4 && /nope/i.test(e.message))).toBe(true);
  });

  it("refuses a 150,000-term 1+1+… chain", () => {
    const errors = errorsOf(insertOf(Array(150_000).fill("1").join("+")));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/too deep/);
  });

  it("refuses 20,000 nested CASE", () => {
    const sql = insertOf("CASE WHEN a > 0 THEN ".repeat(20_000) + "a" + " END".repeat(20_000));
    expect(errorsOf(sql)[0].message).toMatch(/nested too deeply/);
  });

  it("refuses deep NOT, signs, types and subqueries", () => {
    expect(errorsOf(insertOf("NOT ".repeat(5000) + "a > 0"))[0].message).toMatch(/nested/);
    expect(errorsOf(insertOf("- ".repeat(5000) + "a"))[0].message).toMatch(/nested/);
    const type = "ARRAY<".repeat(3000) + "INT" + ">".repeat(3000);
    expect(
      errorsOf(`CREATE TABLE t (a ${type}) WITH ('connector' = 'datagen');`)[0].message,
    ).toMatch(/nested/);
    const sub = "SELECT a FROM (".repeat(3000) + "SELECT a FROM src" + ")".repeat(3000);
    expect(errorsOf(`${TABLES}INSERT INTO snk ${sub};`)[0].message).toMatch(/nested/);
  });

  it("accepts what is within the limits, through planning", () => {
    const deep = "(".repeat(MAX_NESTING - 5) + "a" + ")".repeat(MAX_NESTING - 5);
    const r1 = validateScript(insertOf(deep));
    expect(errorsOf(insertOf(deep))).toEqual([]);
    expect(() => planToJson(r1.plan!)).not.toThrow();
    const chain = Array(MAX_TREE_DEPTH - 20)
      .fill("a")
      .join("+");
    const r2 = validateScript(insertOf(chain));
    expect(r2.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(() => planToJson(r2.plan!)).not.toThrow();
  });

  it("refuses a script beyond the one SQL size limit", () => {
    const sql = insertOf("a") + "\n-- " + "x".repeat(MAX_SQL_LENGTH);
    const errors = errorsOf(sql);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/at most 1,048,576/);
  });
});
