import { describe, expect, it } from "vitest";
import { relInputs, type RelNode } from "./rel";
import { validateScript } from "./validate";
import { typeToString } from "@/lib/types/logical-type";

const SRC =
  "CREATE TABLE src (name STRING, code CHAR(3), label VARCHAR(10), age INT, price DECIMAL(10, 2), score DOUBLE, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');";

function find(rel: RelNode, kind: RelNode["kind"]): RelNode | undefined {
  if (rel.kind === kind) return rel;
  for (const i of relInputs(rel)) {
    const f = find(i, kind);
    if (f) return f;
  }
  return undefined;
}

function validate(sql: string) {
  const r = validateScript(sql);
  return { ...r, errors: r.diagnostics.filter((d) => d.severity === "error") };
}

/** The type Flink infers for `agg` in `SELECT agg FROM src GROUP BY age`, read from the plan. */
function aggType(agg: string, sinkType: string): string {
  const r = validate(
    `${SRC}\nCREATE TABLE snk (x ${sinkType}) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT ${agg} FROM src GROUP BY age;`,
  );
  if (r.errors.length) throw new Error(r.errors[0].message);
  const agg_ = find(r.plan!.jobs[0].inserts[0].query, "GroupAggregate");
  if (agg_?.kind !== "GroupAggregate") throw new Error("no GroupAggregate in the plan");
  return typeToString(agg_.fields.at(-1)!.type);
}

function errorOf(sql: string): string | undefined {
  return validate(`${SRC}\n${sql}`).errors[0]?.message;
}

describe("aggregate functions (lib/sql/functions.ts), typed as Flink 1.20 types them", () => {
  // Calcite's AVG_AGG_FUNCTION through FlinkTypeSystem.deriveAvgAggType: the argument's type,
  // DECIMAL with scale at least 6; nullable because a group may have only NULLs.
  const cases: Array<[string, string, string]> = [
    ["STDDEV_POP(age)", "INT", "INT"],
    ["STDDEV_SAMP(score)", "DOUBLE", "DOUBLE"],
    ["STDDEV(age)", "INT", "INT"],
    ["VAR_POP(price)", "DECIMAL(38, 6)", "DECIMAL(38, 6)"],
    ["VAR_SAMP(age)", "INT", "INT"],
    ["VARIANCE(score)", "DOUBLE", "DOUBLE"],
    ["FIRST_VALUE(name)", "STRING", "STRING"],
    ["LAST_VALUE(ts)", "TIMESTAMP(3)", "TIMESTAMP(3)"],
    ["LISTAGG(name)", "STRING", "STRING"],
    ["LISTAGG(label, ';')", "VARCHAR(10)", "VARCHAR(10)"],
    ["COLLECT(name)", "MULTISET<STRING>", "MULTISET<STRING> NOT NULL"],
    ["ARRAY_AGG(age)", "ARRAY<INT>", "ARRAY<INT>"],
    ["JSON_ARRAYAGG(age)", "STRING", "STRING NOT NULL"],
    ["JSON_ARRAYAGG(name NULL ON NULL)", "STRING", "STRING NOT NULL"],
    ["JSON_OBJECTAGG(KEY COALESCE(name, '?') VALUE age)", "STRING", "STRING NOT NULL"],
    ["JSON_OBJECTAGG(COALESCE(name, '?') VALUE age ABSENT ON NULL)", "STRING", "STRING NOT NULL"],
  ];
  for (const [agg, sink, want] of cases) {
    it(`${agg} is ${want}`, () => {
      expect(aggType(agg, sink)).toBe(want);
    });
  }

  it("refuses what Calcite's operand checks refuse, with Calcite's message", () => {
    const snk = "CREATE TABLE snk (x STRING) WITH ('connector' = 'blackhole');";
    expect(
      errorOf(`${snk}\nINSERT INTO snk SELECT LISTAGG(name, name) FROM src GROUP BY age;`),
    ).toMatch(/^Cannot apply 'LISTAGG' to arguments of type 'LISTAGG\(<STRING>, <STRING>\)'/);
    expect(
      errorOf(
        `${snk}\nINSERT INTO snk SELECT CAST(STDDEV_POP(name) AS STRING) FROM src GROUP BY age;`,
      ),
    ).toMatch(/^Cannot apply 'STDDEV_POP' to arguments of type 'STDDEV_POP\(<STRING>\)'/);
    expect(
      errorOf(
        `${snk}\nINSERT INTO snk SELECT JSON_OBJECTAGG(KEY name VALUE age) FROM src GROUP BY age;`,
      ),
    ).toMatch(/^Cannot apply 'JSON_OBJECTAGG'/);
    expect(
      errorOf(`${snk}\nINSERT INTO snk SELECT LISTAGG(name, ',', ';') FROM src GROUP BY age;`),
    ).toBe("Invalid number of arguments to function 'LISTAGG'. Was expecting 1 to 2 arguments");
  });

  it("a GROUP BY with the new aggregates validates, explains and runs on Flink", () => {
    const r = validate(
      `${SRC}\nCREATE TABLE snk (age INT, names STRING, first_name STRING, spread INT, PRIMARY KEY (age) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');\nINSERT INTO snk SELECT age, LISTAGG(name), FIRST_VALUE(name), STDDEV_POP(age) FROM src GROUP BY age;`,
    );
    expect(r.errors).toEqual([]);
    expect(r.diagnostics.some((d) => /runs on the Flink engine/.test(d.message))).toBe(true);
  });
});

describe("GROUPING SETS, ROLLUP and CUBE (Calcite's expansion)", () => {
  function groupAgg(groupBy: string, select = "name, age, COUNT(*)") {
    const r = validate(
      `${SRC}\nCREATE TABLE snk (name STRING, age INT, n BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT ${select} FROM src GROUP BY ${groupBy};`,
    );
    if (r.errors.length) throw new Error(r.errors[0].message);
    const agg = find(r.plan!.jobs[0].inserts[0].query, "GroupAggregate");
    if (agg?.kind !== "GroupAggregate") throw new Error("no GroupAggregate");
    return agg;
  }

  it("expands each form into its sets, over the distinct keys", () => {
    expect(groupAgg("GROUPING SETS ((name, age), (name), ())").groupingSets).toEqual([
      [0, 1],
      [0],
      [],
    ]);
    expect(groupAgg("ROLLUP (name, age)").groupingSets).toEqual([[0, 1], [0], []]);
    expect(groupAgg("CUBE (name, age)").groupingSets).toEqual([[0, 1], [0], [1], []]);
    expect(groupAgg("name, ROLLUP (age)").groupingSets).toEqual([[0, 1], [0]]);
    expect(groupAgg("name, age").groupingSets).toBeUndefined();
  });

  it("makes a key nullable where a set leaves it out", () => {
    const agg = groupAgg("ROLLUP (name, age)");
    expect(agg.fields.slice(0, 2).map((f) => typeToString(f.type))).toEqual(["STRING", "INT"]);
    const r = validate(
      `CREATE TABLE t (k INT NOT NULL, v INT) WITH ('connector' = 'datagen');\nCREATE TABLE snk (k INT, n BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT k, COUNT(*) FROM t GROUP BY GROUPING SETS ((k), ());`,
    );
    const a = find(r.plan!.jobs[0].inserts[0].query, "GroupAggregate")!;
    expect(typeToString(a.fields[0].type)).toBe("INT");
  });

  it("GROUPING() takes grouped expressions only", () => {
    expect(
      typeToString(
        groupAgg("ROLLUP (name, age)", "name, age, GROUPING(name, age)").fields.at(-1)!.type,
      ),
    ).toBe("BIGINT NOT NULL");
    expect(() => groupAgg("ROLLUP (name)", "name, 1, GROUPING(age)")).toThrow(
      "Argument to GROUPING operator must be a grouped expression",
    );
  });
});
