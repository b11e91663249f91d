import { describe, expect, it } from "vitest";
import { validateScript } from "./validate";

const KAFKA = (extra: string) =>
  `'connector' = 'kafka', 'properties.bootstrap.servers' = 'b:9092', 'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset'${extra}`;

function errors(sql: string): string[] {
  return validateScript(sql)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.message);
}

describe("metadata columns read the connector's and the format's descriptors", () => {
  it("lists the value format's readable keys before the connector's", () => {
    const [message] = errors(
      `CREATE TABLE s (a STRING, x STRING METADATA FROM 'value.nope' VIRTUAL) WITH (${KAFKA(", 'topic' = 't', 'format' = 'canal-json'")});
CREATE TABLE o (a STRING) WITH ('connector' = 'blackhole');
INSERT INTO o SELECT a FROM s;`,
    );
    expect(message).toContain("KafkaDynamicSource");
    expect(message.split("\n").slice(1)).toEqual([
      "value.database",
      "value.table",
      "value.sql-type",
      "value.pk-names",
      "value.ingestion-timestamp",
      "value.event-timestamp",
      "topic",
      "partition",
      "headers",
      "leader-epoch",
      "offset",
      "timestamp",
      "timestamp-type",
    ]);
  });

  it("checks a format key's type: value.ingestion-timestamp is a TIMESTAMP_LTZ(3)", () => {
    const ok = `CREATE TABLE s (a STRING, t TIMESTAMP_LTZ(3) METADATA FROM 'value.ingestion-timestamp' VIRTUAL) WITH (${KAFKA(", 'topic' = 't', 'format' = 'maxwell-json'")});
CREATE TABLE o (a STRING) WITH ('connector' = 'blackhole');
INSERT INTO o SELECT a FROM s;`;
    expect(errors(ok)).toEqual([]);
    expect(errors(ok.replace("TIMESTAMP_LTZ(3) METADATA", "BOOLEAN METADATA"))).toEqual([
      "Invalid data type for metadata column 't' of table 'default_catalog.default_database.s'. The column cannot be declared as 'BOOLEAN' because the type must be castable from metadata type 'TIMESTAMP_LTZ(3)'.",
    ]);
  });

  it("a sink writes topic only with a topic list", () => {
    const sink = (topic: string) =>
      `CREATE TABLE o (a STRING, tp STRING METADATA FROM 'topic') WITH ('connector' = 'kafka', 'properties.bootstrap.servers' = 'b:9092', 'topic' = '${topic}', 'format' = 'csv');
INSERT INTO o VALUES ('x', 'a');`;
    expect(errors(sink("a;b"))).toEqual([]);
    expect(errors(sink("a"))[0]).toMatch(/^Invalid metadata key 'topic'/);
  });
});
