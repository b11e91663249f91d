import { describe, expect, it } from "vitest";
import { benchScript } from "@/bench/sql";
import { explainPlan, planFromJson, planToJson } from "./plan";
import { evaluate } from "./evaluate";
import { validateScript } from "./validate";
import { PRELUDE } from "./testing/corpus/prelude";
import { SPEC_KAFKA_TO_KAFKA } from "./testing/corpus/cases";
import type { Calc } from "./rel";
import { Decimal, Timestamp } from "@/lib/types/logical-type";

describe("plan and EXPLAIN", () => {
  it("explains the spec's Kafka-to-Kafka job like Flink", () => {
    const { plan, diagnostics } = validateScript(SPEC_KAFKA_TO_KAFKA);
    expect(diagnostics).toEqual([]);
    const text = explainPlan(plan!);
    expect(text).toContain("== Job 1: insert-into_default_catalog.default_database.kafka_sink ==");
    expect(text).toContain(
      [
        "Sink(table=[default_catalog.default_database.kafka_sink], fields=[id, name, age], changelogMode=[I])",
        "+- TableSourceScan(table=[[default_catalog, default_database, kafka_source]], fields=[id, name, age])",
      ].join("\n"),
    );
    expect(text).toContain(
      "sink default_catalog.default_database.kafka_sink: connector=kafka, topic=[<yourTopicName>], value.format=csv, partitioner=default, delivery-guarantee=at-least-once",
    );
  });

  it("resolves expressions to column indexes the runtime can evaluate", () => {
    const { plan } = validateScript(
      `${PRELUDE}\nINSERT INTO snk SELECT id + 1, UPPER(name), age FROM src WHERE age > 18;`,
    );
    const ins = plan!.jobs[0].inserts[0];
    expect(ins.sink.columns.map((c) => c.name)).toEqual(["id", "name", "age"]);
    const calc = ins.query as Calc;
    expect(calc.kind).toBe("Calc");
    const row = [41, "ann", 30, new Decimal(100n, 2), new Timestamp(0), ["a"], null];
    expect(calc.projects.map((p) => evaluate(p, row))).toEqual([42, "ANN", 30]);
    expect(evaluate(calc.condition!, row)).toBe(true);
    expect(evaluate(calc.condition!, [1, "b", 10])).toBe(false);
  });

  it("puts a statement set in one job with the SET options in effect", () => {
    // GROUP BY runs on the Flink engine (the embedded engine does not run it).
    const { plan, diagnostics } = validateScript(
      `${PRELUDE}\nSET 'pipeline.name' = 'two sinks';\nSET 'execution.checkpointing.interval' = '30 s';\nSET 'parallelism.default' = '3';\nBEGIN STATEMENT SET;\nINSERT INTO snk SELECT id, name, age FROM src;\nINSERT INTO agg_snk SELECT name, COUNT(*) FROM src GROUP BY name;\nEND;`,
    );
    expect(diagnostics.map((d) => d.message.split(";")[0])).toEqual([
      "GROUP BY aggregation is not run by the embedded engine: this job runs on the Flink engine (engine 'auto' or 'flink'), which Tributary starts on first need.",
    ]);
    expect(plan!.jobs.length).toBe(1);
    const job = plan!.jobs[0];
    expect(job.name).toBe("two sinks");
    expect(job.settings.checkpointIntervalMs).toBe(30_000);
    expect(job.settings.parallelism).toBe(3);
    expect(job.settings.localTimeZone).toBe("UTC");
    expect(job.inserts.map((i) => i.changelogMode)).toEqual(["insert-only", "upsert"]);
    expect(explainPlan(plan!)).toContain(
      "GroupAggregate(groupBy=[name], select=[name, COUNT(*) AS EXPR$1])",
    );
  });

  it("explains window aggregation and watermarks", () => {
    const { explainable: plan } = validateScript(
      `${PRELUDE}\nINSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;`,
    );
    const text = explainPlan(plan!);
    expect(text).toContain(
      "WindowAggregate(groupBy=[window_start, window_end], window=[TUMBLE(time_col=[ts], size=[1 min])], select=[window_start, window_end, COUNT(*) AS EXPR$2])",
    );
    expect(text).toContain("WindowTableFunction(window=[TUMBLE(time_col=[ts], size=[1 min])])");
    expect(text).toContain(
      "WatermarkAssigner(rowtime=[ts], watermark=[-(ts, 5000:INTERVAL DAY TO SECOND)])",
    );
    expect(plan!.jobs[0].inserts[0].changelogMode).toBe("insert-only");
  });

  it("marks a job from a changelog source into upsert-kafka as upsert", () => {
    const { plan } = validateScript(
      `${PRELUDE}\nINSERT INTO agg_snk SELECT name, CAST(id AS BIGINT) FROM cdc;`,
    );
    expect(plan!.jobs[0].inserts[0].sources[0].changelogMode).toBe("all");
    expect(plan!.jobs[0].inserts[0].changelogMode).toBe("upsert");
  });

  it("survives JSON with runtime values intact", () => {
    const { plan } = validateScript(
      `${PRELUDE}\nINSERT INTO snk SELECT id, name, age FROM src WHERE price > 1.50 AND ts > TIMESTAMP '2024-01-01 00:00:00' AND id <> 9223372036854775807;`,
    );
    const back = planFromJson(planToJson(plan!));
    expect(back).toEqual(plan);
    const calc = back.jobs[0].inserts[0].query as Calc;
    expect(
      evaluate(calc.condition!, [
        1,
        "x",
        2,
        new Decimal(200n, 2),
        new Timestamp(Date.UTC(2024, 5, 1)),
      ]),
    ).toBe(true);
  });

  it("has no plan when the script has errors", () => {
    expect(validateScript(`${PRELUDE}\nINSERT INTO snk SELECT id FROM src;`).plan).toBeUndefined();
  });
});

describe("the benchmark script", () => {
  // Its speed is measured by `npm run bench`; here only that it is 500 valid lines.
  it("is 500 lines that validate without problems", () => {
    const sql = benchScript(500);
    expect(sql.split("\n")).toHaveLength(500);
    expect(validateScript(sql).diagnostics).toEqual([]);
  });
});
