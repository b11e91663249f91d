import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import { readPlan } from "../plan-input";
import { cpuThreadBudget, cpuThreadBudgetReason, pipelineChoice } from "./pipelining";

const kafka = (name: string, columns: string, options: string) =>
  `CREATE TABLE ${name} (${columns}) WITH ('connector' = 'kafka', 'properties.bootstrap.servers' = 'b:9092', ${options});`;
const TABLES = [
  kafka(
    "csv_in",
    "k STRING, n INT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'",
    "'topic' = 'in', 'format' = 'csv', 'scan.startup.mode' = 'earliest-offset'",
  ),
  kafka("json_out", "k STRING, n INT", "'topic' = 'out', 'format' = 'json'"),
  kafka(
    "keyed_out",
    "k STRING, n INT",
    "'topic' = 'out;out2', 'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'avro', 'sink.partitioner' = 'fixed'",
  ),
  kafka(
    "registry_in",
    "k STRING, n INT",
    "'topic' = 'in', 'format' = 'avro-confluent', 'avro-confluent.url' = 'http://r:8081', 'scan.startup.mode' = 'earliest-offset'",
  ),
  kafka(
    "registry_out",
    "k STRING, n INT",
    "'topic' = 'out', 'format' = 'avro-confluent', 'avro-confluent.url' = 'http://r:8081'",
  ),
  kafka("pattern_out", "k STRING, n INT", "'topic-pattern' = 'out-.*', 'format' = 'csv'"),
  kafka(
    "custom_out",
    "k STRING, n INT",
    "'topic' = 'out', 'format' = 'csv', 'sink.partitioner' = 'Halves'",
  ),
  `CREATE TABLE upsert_out (k STRING, n INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'upsert-kafka',
    'topic' = 'out', 'properties.bootstrap.servers' = 'b:9092', 'key.format' = 'csv', 'value.format' = 'csv');`,
  `CREATE TABLE buffered_out (k STRING, n INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'upsert-kafka',
    'topic' = 'out', 'properties.bootstrap.servers' = 'b:9092', 'key.format' = 'csv', 'value.format' = 'csv',
    'sink.buffer-flush.max-rows' = '10', 'sink.buffer-flush.interval' = '1 s');`,
  "CREATE TABLE gen (k STRING, n INT) WITH ('connector' = 'datagen');",
  "CREATE TABLE printed (k STRING, n INT) WITH ('connector' = 'print');",
].join("\n");

function choiceFor(insert: string) {
  const result = validateScript(`${TABLES}\n${insert}`, { attachedPartitionerClasses: ["Halves"] });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return pipelineChoice(readPlan(result.plan!)[0].insert);
}

describe("which plans run their CPU stages on a thread per instance", () => {
  it("pipelines Kafka to Kafka with synchronous formats, metadata, Calc, UNION, upsert without a buffer", () => {
    const pipelined = { pipelined: true };
    expect(
      choiceFor("INSERT INTO json_out SELECT UPPER(k), n * 2 FROM csv_in WHERE n > 0;"),
    ).toEqual(pipelined);
    expect(choiceFor("INSERT INTO keyed_out SELECT k, n FROM csv_in;")).toEqual(pipelined);
    expect(
      choiceFor(
        "INSERT INTO json_out SELECT k, n FROM csv_in UNION ALL SELECT k, n + 1 FROM csv_in;",
      ),
    ).toEqual(pipelined);
    expect(choiceFor("INSERT INTO upsert_out SELECT k, n FROM csv_in;")).toEqual(pipelined);
  });

  it("keeps the in-loop path for what the thread cannot run, saying why", () => {
    const why = (insert: string) => {
      const choice = choiceFor(insert);
      return choice.pipelined ? "pipelined" : choice.reason;
    };
    expect(why("INSERT INTO json_out VALUES ('a', 1);")).toBe("it reads VALUES");
    expect(why("INSERT INTO json_out SELECT k, n FROM csv_in UNION ALL SELECT 'a', 1;")).toBe(
      "it reads VALUES",
    );
    expect(why("INSERT INTO json_out SELECT k, n FROM gen;")).toBe("it reads a 'datagen' table");
    expect(why("INSERT INTO printed SELECT k, n FROM csv_in;")).toBe("its sink is a 'print' table");
    expect(why("INSERT INTO json_out SELECT k, n FROM registry_in;")).toBe(
      "its source format 'avro-confluent' fetches schemas while it decodes",
    );
    expect(why("INSERT INTO registry_out SELECT k, n FROM csv_in;")).toBe(
      "its sink format 'avro-confluent' registers its schema",
    );
    expect(why("INSERT INTO pattern_out SELECT k, n FROM csv_in;")).toBe(
      "its sink writes to a topic pattern",
    );
    expect(why("INSERT INTO custom_out SELECT k, n FROM csv_in;")).toBe(
      "its sink uses the custom partitioner 'Halves'",
    );
    expect(why("INSERT INTO buffered_out SELECT k, n FROM csv_in;")).toBe(
      "its upsert-kafka sink reduces changes in a buffer (sink.buffer-flush.*)",
    );
  });
});

describe("TRIBUTARY_CPU_THREADS", () => {
  it("is the number of CPU threads a process may run: 0 turns pipelining off, unset allows two per core", () => {
    expect(cpuThreadBudget("0", 2)).toBe(0);
    expect(cpuThreadBudget("3", 2)).toBe(3);
    expect(cpuThreadBudget(undefined, 2)).toBe(4);
    expect(cpuThreadBudget("", 8)).toBe(16);
    expect(cpuThreadBudget("many", 2)).toBe(4);
  });

  it("allows none by default on one core, where a thread only takes turns with the event loop", () => {
    expect(cpuThreadBudget(undefined, 1)).toBe(0);
    expect(cpuThreadBudget("2", 1)).toBe(2);
    expect(cpuThreadBudgetReason(undefined, 1)).toMatch(/^the process runs on one core/);
    expect(cpuThreadBudgetReason("0", 2)).toBe("TRIBUTARY_CPU_THREADS=0");
    expect(cpuThreadBudgetReason("1", 2)).toBe(
      "the 1 CPU threads TRIBUTARY_CPU_THREADS allows this process are in use",
    );
  });
});
