import { describe, expect, it } from "vitest";
import { connectionSnippet, connectionOptions } from "./connection-snippet";
import { validateScript } from "@/lib/sql/validate";

const sasl = {
  bootstrapServers: "b1:9092,b2:9092",
  properties: {
    "ssl.endpoint.identification.algorithm": "",
    "sasl.jaas.config":
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${secret_values.kafka_pw}";',
    "sasl.mechanism": "SCRAM-SHA-512",
    "security.protocol": "SASL_SSL",
  },
};

describe("connectionSnippet", () => {
  it("renders bootstrap servers, then security settings, as WITH options", () => {
    expect(connectionSnippet(sasl)).toBe(
      [
        "  'properties.bootstrap.servers' = 'b1:9092,b2:9092',",
        "  'properties.security.protocol' = 'SASL_SSL',",
        "  'properties.sasl.mechanism' = 'SCRAM-SHA-512',",
        `  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="\${secret_values.kafka_pw}";',`,
        "  'properties.ssl.endpoint.identification.algorithm' = ''",
      ].join("\n"),
    );
  });

  it("doubles quotes and can end in a comma for options that follow", () => {
    const text = connectionSnippet(
      { bootstrapServers: "h:1", properties: { "client.id": "it's" } },
      { indent: "", trailingComma: true },
    );
    expect(text).toBe("'properties.bootstrap.servers' = 'h:1',\n'properties.client.id' = 'it''s',");
    expect(connectionOptions({ bootstrapServers: "h:1", properties: {} })).toEqual([
      ["properties.bootstrap.servers", "h:1"],
    ]);
  });

  it("validates inside CREATE TABLE", () => {
    const sql = `CREATE TABLE t (a STRING) WITH (\n  'connector' = 'kafka',\n  'topic' = 'x',\n${connectionSnippet(sasl, { trailingComma: true })}\n  'format' = 'raw'\n);`;
    const result = validateScript(sql);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
