import { describe, expect, it } from "vitest";
import { javaFloatToString } from "@/lib/formats/common/java-number";
import { decimal32Float } from "./reduce-expressions";
import { validateScript } from "./validate";
import type { Rex } from "./rel";

describe("FLOAT constants as Flink's ExpressionReducer leaves them", () => {
  // [value cast to FLOAT, Float.toString of the folded constant] — computed with Java 17:
  // Float.toString(new BigDecimal((double) (float) v, MathContext.DECIMAL32).floatValue()).
  const java: Array<[number, string]> = [
    [123456789, "1.234568E8"],
    [16777217, "1.677722E7"],
    [12345665, "1.234566E7"], // a tie: HALF_EVEN keeps the even 6
    [12345675, "1.234568E7"],
    [0.1, "0.1"],
    [1 / 3, "0.3333333"],
    [3.4028235e38, "3.402823E38"],
    [1.4e-45, "1.4E-45"],
    // Java 17 prints this float -9.8765427E8; java-number.ts follows JDK 19+ (shortest digits).
    [-987654321.5, "-9.876543E8"],
    [2.5e-10, "2.5E-10"],
    [100000001, "1.0E8"],
    [1e10, "1.0E10"],
    [7, "7.0"],
    [65536.0078125, "65536.01"],
    [9.999999e-5, "9.999999E-5"],
    [5e-324, "0.0"],
  ];
  it("rounds to 7 significant digits (HALF_EVEN) and reads back as a float", () => {
    for (const [v, folded] of java) {
      const f = Math.fround(v);
      expect(javaFloatToString(decimal32Float(f)), `${v}`).toBe(folded);
    }
  });

  const projects = (sql: string): Rex[] => {
    const { plan, diagnostics } = validateScript(
      `CREATE TABLE s (a INT) WITH ('connector' = 'datagen');\nCREATE TABLE t (f FLOAT, g FLOAT, d DOUBLE) WITH ('connector' = 'blackhole');\n${sql}`,
    );
    expect(diagnostics).toEqual([]);
    const q = plan!.jobs[0].inserts[0].query;
    if (q.kind !== "Calc") throw new Error(q.kind);
    return q.projects;
  };

  it("folds a constant FLOAT, leaves a column's cast and a FLOAT inside a DOUBLE constant alone", () => {
    const [f, g, d] = projects(
      "INSERT INTO t SELECT CAST(123456789 AS FLOAT), CAST(a AS FLOAT), CAST(CAST(123456789 AS FLOAT) AS DOUBLE) FROM s;",
    );
    expect(f).toMatchObject({ kind: "literal", value: 123456800 });
    expect(g.kind).toBe("cast");
    expect(d.kind).toBe("cast");
  });

  it("folds FLOAT arithmetic over constants as one value, and VALUES rows", () => {
    const { plan: arith } = validateScript(
      "CREATE TABLE t (f FLOAT) WITH ('connector' = 'blackhole');\nINSERT INTO t SELECT CAST(123456789 AS FLOAT) * 2;",
    );
    // 1.23456792E8f * 2 = 2.46913584E8, then cleaned to 2.469136E8 (246913600).
    expect(JSON.stringify(arith!.jobs[0].inserts[0].query)).toContain('"value":246913600');
    const { plan } = validateScript(
      "CREATE TABLE t (f FLOAT) WITH ('connector' = 'blackhole');\nINSERT INTO t VALUES (CAST(16777217 AS FLOAT));",
    );
    expect(JSON.stringify(plan!.jobs[0].inserts[0].query)).toContain('"value":16777220');
  });
});
