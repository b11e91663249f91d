import { describe, expect, it } from "vitest";
import { formatIdentifiers, getFormatFactory } from "./registry";

describe("format registry", () => {
  it("knows Flink's format identifiers", () => {
    expect(formatIdentifiers()).toEqual([
      "csv",
      "json",
      "raw",
      "avro",
      "avro-confluent",
      "debezium-json",
      "canal-json",
      "maxwell-json",
    ]);
    for (const id of formatIdentifiers()) expect(getFormatFactory(id)?.identifier).toBe(id);
    expect(getFormatFactory("protobuf")).toBeUndefined();
  });

  it("declares changelog modes as Flink does: changelog JSON formats encode every row kind", () => {
    const modes = Object.fromEntries(
      formatIdentifiers().map((id) => [id, getFormatFactory(id)!.changelogMode]),
    );
    expect(modes).toEqual({
      csv: "insert-only",
      json: "insert-only",
      raw: "insert-only",
      avro: "insert-only",
      "avro-confluent": "insert-only",
      "debezium-json": "all",
      "canal-json": "all",
      "maxwell-json": "all",
    });
  });

  it("only avro-confluent has a required option (url)", () => {
    const required = formatIdentifiers().flatMap((id) =>
      getFormatFactory(id)!.requiredOptions.map((o) => `${id}.${o.key}`),
    );
    expect(required).toEqual(["avro-confluent.url"]);
  });
});
