/**
 * Failures that must be fast and precise: a missing topic (named, no timeout), a source record
 * that does not parse (skipped and counted with ignore-parse-errors, else the job fails with its
 * topic, partition and offset), a value that does not fit the sink (the column and coordinates).
 */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import { createTopic, produce, readAll, runScript, uniqueName } from "./testing/run-script";

const broker = brokerForTests();

const table = (
  name: string,
  topic: string,
  extra = "",
  columns = "id INT, name STRING",
  format = "csv",
) => `
  CREATE TABLE ${name} (${columns}) WITH (
    'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
    'properties.group.id' = 'g-${topic}', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
    'format' = '${format}'${extra});`;

describe("failures", () => {
  it("fails at once, naming a sink topic that does not exist", async () => {
    const input = uniqueName("in");
    const missing = uniqueName("no-such-topic");
    await createTopic(broker.kafka, input, 2);
    const started = Date.now();
    const { job } = await runScript(
      `${table("src", input)}${table("dst", missing)} INSERT INTO dst SELECT * FROM src;`,
    );
    const outcome = await job.outcome;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.message).toContain(`Topic '${missing}' does not exist`);
    expect(outcome.failure.retriable).toBe(false);
  });

  it("fails with topic, partition and offset on a record that does not parse", async () => {
    const input = uniqueName("in");
    const output = uniqueName("out");
    await createTopic(broker.kafka, input, 2);
    await createTopic(broker.kafka, output, 2);
    await produce(broker.kafka, input, [
      { value: "1,a", partition: 1 },
      { value: "x,b", partition: 1 },
      { value: "3,c", partition: 1 },
    ]);
    const { job } = await runScript(
      `${table("src", input)}${table("dst", output)} INSERT INTO dst SELECT * FROM src;`,
    );
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.record).toEqual({ topic: input, partition: 1, offset: "1" });
    expect(outcome.failure.message).toContain("Failed to deserialize consumer record due to");
    expect(outcome.failure.message).toContain(`topic '${input}', partition 1, offset 1`);
    expect(outcome.failure.retriable).toBe(false);
  });

  it("skips and counts records that do not parse when json.ignore-parse-errors is on", async () => {
    const input = uniqueName("in");
    const output = uniqueName("out");
    await createTopic(broker.kafka, input, 2);
    await createTopic(broker.kafka, output, 2);
    await produce(broker.kafka, input, [
      { value: '{"id":1,"name":"a"}', partition: 0 },
      { value: "not json", partition: 0 },
      { value: '{"id":3,"name":"c"}', partition: 1 },
    ]);
    const { job, metrics } = await runScript(
      `${table("src", input, ", 'json.ignore-parse-errors' = 'true'", undefined, "json")}${table("dst", output)} INSERT INTO dst SELECT * FROM src;`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect((await readAll(broker.kafka, output)).map((r) => r.value!.toString()).sort()).toEqual([
      "1,a",
      "3,c",
    ]);
    expect(metrics.at(-1)![0].numRecordsInErrors).toBe(1);
    expect(metrics.at(-1)![0].numRecordsIn).toBe(3);
  });

  it("fails naming the column when a null reaches a NOT NULL sink column", async () => {
    const input = uniqueName("in");
    const output = uniqueName("out");
    await createTopic(broker.kafka, input, 1);
    await createTopic(broker.kafka, output, 1);
    await produce(broker.kafka, input, [{ value: "1,a" }, { value: "2," }]);
    const { job } = await runScript(
      `${table("src", input, ", 'csv.null-literal' = ''")}${table("dst", output, "", "id INT, name STRING NOT NULL")} INSERT INTO dst SELECT id, name FROM src;`,
    );
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.record).toEqual({
      topic: input,
      partition: 0,
      offset: "1",
      column: "name",
    });
    expect(outcome.failure.message).toContain(
      "Column 'name' is NOT NULL, however, a null value is being written into it.",
    );
  });

  it("fails with the record's coordinates when an expression cannot be evaluated (kafka, VALUES, datagen)", async () => {
    const input = uniqueName("in");
    const output = uniqueName("out");
    await createTopic(broker.kafka, input, 2);
    await createTopic(broker.kafka, output, 2);
    await produce(broker.kafka, input, [
      { value: "1,7", partition: 0 },
      { value: "2,x", partition: 0 },
    ]);
    const fromKafka = await runScript(
      `${table("src", input)}${table("dst", output, "", "id INT, n INT")} INSERT INTO dst SELECT id, CAST(name AS INT) FROM src;`,
    );
    const kafkaOutcome = await fromKafka.job.outcome;
    expect(kafkaOutcome.state).toBe("FAILED");
    if (kafkaOutcome.state !== "FAILED") return;
    expect(kafkaOutcome.failure.record).toEqual({ topic: input, partition: 0, offset: "1" });
    expect(kafkaOutcome.failure.message).toContain("Could not evaluate the query for a record");
    expect(kafkaOutcome.failure.retriable).toBe(false);

    const fromValues = await runScript(
      `${table("dst", output, "", "id INT, n INT")} INSERT INTO dst VALUES (1, 1), (2, CAST('x' AS INT));`,
    );
    const valuesOutcome = await fromValues.job.outcome;
    expect(valuesOutcome.state).toBe("FAILED");
    if (valuesOutcome.state !== "FAILED") return;
    expect(valuesOutcome.failure.record).toEqual({ row: 2 });
    expect(valuesOutcome.failure.message).toContain("row 2");

    const fromDatagen = await runScript(
      `CREATE TABLE gen (id INT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '-3', 'fields.id.end' = '3');
       ${table("dst", output, "", "id INT, n INT")} INSERT INTO dst SELECT id, 6 / id FROM gen;`,
    );
    const datagenOutcome = await fromDatagen.job.outcome;
    expect(datagenOutcome.state).toBe("FAILED");
    if (datagenOutcome.state !== "FAILED") return;
    expect(datagenOutcome.failure.record).toEqual({ row: 4 });
  });

  for (const { format, records, expected } of [
    {
      format: "csv",
      // A bad field becomes null and the row is kept (Flink's CsvToRowDataConverters); a record
      // with more fields than the table is unparsable and skipped.
      records: ["1,a", "x,b", "3,c,extra", "4,d"],
      expected: ["+I[1, a]", "+I[null, b]", "+I[4, d]"],
    },
    {
      format: "json",
      // Likewise a bad field is null; text that is no JSON is skipped; an empty message carries no row and is no error.
      records: [
        '{"id":1,"name":"a"}',
        '{"id":"x","name":"b"}',
        "not json",
        "",
        '{"id":4,"name":"d"}',
      ],
      expected: ["+I[1, a]", "+I[null, b]", "+I[4, d]"],
    },
  ]) {
    it(`${format}.ignore-parse-errors: nulls a bad field, skips an unparsable record and counts only the skipped one`, async () => {
      const input = uniqueName(`${format}-bad`);
      await createTopic(broker.kafka, input, 1);
      await produce(
        broker.kafka,
        input,
        records.map((value) => ({ value })),
      );
      const { job, printed, metrics } = await runScript(
        `${table("src", input, `, '${format}.ignore-parse-errors' = 'true'`, undefined, format)}
         CREATE TABLE printed_rows (id INT, name STRING) WITH ('connector' = 'print');
         INSERT INTO printed_rows SELECT * FROM src;`,
      );
      expect(await job.outcome).toEqual({ state: "FINISHED" });
      expect(printed).toEqual(expected);
      expect(metrics.at(-1)![0].numRecordsIn).toBe(records.length);
      expect(metrics.at(-1)![0].numRecordsInErrors).toBe(1);
    });
  }
});
