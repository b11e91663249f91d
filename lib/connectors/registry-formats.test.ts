import { describe, expect, it } from "vitest";
import { T } from "@/lib/types/logical-type";
import { tableFixture } from "./testing/table-fixture";
import { validateTable } from "./validate";

// Through lib/formats/registry.ts (no fake formats): the spec's Kafka→Kafka CSV tables.
describe("validateTable with the real format registry", () => {
  const cols = [
    { name: "id", type: T.int() },
    { name: "name", type: T.string() },
    { name: "age", type: T.int() },
  ];
  const options = {
    connector: "kafka",
    topic: "in",
    "properties.bootstrap.servers": "k:9092",
    format: "csv",
  };

  it("accepts the spec's source and sink", () => {
    const source = validateTable(
      tableFixture("kafka_source", cols, { ...options, "properties.group.id": "g" }),
      "source",
    );
    const sink = validateTable(tableFixture("kafka_sink", cols, options), "sink");
    expect(source.diagnostics).toEqual([]);
    expect(sink.diagnostics).toEqual([]);
    expect(sink.resolved?.connector).toBe("kafka");
  });

  it("checks csv options through the csv factory", () => {
    const r = validateTable(
      tableFixture("t", cols, { ...options, "csv.field-delimiter": ";;" }),
      "sink",
    );
    expect(r.diagnostics.map((d) => d.severity)).toContain("error");
    expect(r.diagnostics[0].message).toContain("csv.field-delimiter");
  });
});
