import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import { chooseEngine, engineOptions, explainEngine } from "./engine-choice";

const TABLES = `CREATE TABLE src (k STRING, n INT) WITH ('connector' = 'datagen');
CREATE TABLE out_append (k STRING, n INT) WITH ('connector' = 'blackhole');
CREATE TABLE out_counts (k STRING, c BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'csv', 'value.format' = 'csv');`;

function planOf(sql: string) {
  const result = validateScript(`${TABLES}\n${sql}`);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.plan!;
}

const stateless = planOf("INSERT INTO out_append SELECT UPPER(k), n * 2 FROM src WHERE n > 0;");
const stateful = planOf("INSERT INTO out_counts SELECT k, COUNT(*) FROM src GROUP BY k;");

describe("chooseEngine", () => {
  it("auto picks the embedded engine for a stateless script", () => {
    expect(chooseEngine(stateless)).toMatchObject({ ok: true, engine: "embedded" });
  });

  it("auto picks Flink for a stateful one, naming the operator and its sink", () => {
    const decision = chooseEngine(stateful, "auto");
    expect(decision).toMatchObject({ ok: true, engine: "flink" });
    expect(decision.reason).toMatch(
      /INSERT INTO out_counts needs a GROUP BY aggregation \(GroupAggregate\)/,
    );
  });

  it("honours an explicit engine, and refuses embedded for what it cannot run", () => {
    expect(chooseEngine(stateless, "flink")).toMatchObject({ ok: true, engine: "flink" });
    expect(chooseEngine(stateless, "embedded")).toMatchObject({ ok: true, engine: "embedded" });
    const refused = chooseEngine(stateful, "embedded");
    expect(refused.ok).toBe(false);
    expect(refused.reason).toMatch(/embedded engine cannot run this script .*'flink' or 'auto'/);
  });

  it("explains the decision in the plan text", () => {
    expect(explainEngine(chooseEngine(stateful))).toMatch(/^== Engine ==\nflink: auto: /);
  });
});

describe("engineOptions", () => {
  it("lists auto, embedded and flink with what each decides, embedded refused for a stateful script", () => {
    const options = engineOptions(stateful);
    expect(options.map((o) => o.choice)).toEqual(["auto", "embedded", "flink"]);
    expect(options[0].decision).toMatchObject({ ok: true, engine: "flink" });
    expect(options[1].decision.ok).toBe(false);
    expect(options[1].decision.reason).toMatch(/GROUP BY aggregation/);
    expect(options[2].decision).toMatchObject({ ok: true, engine: "flink" });
    expect(engineOptions(stateless)[0].decision).toMatchObject({ ok: true, engine: "embedded" });
  });
});
