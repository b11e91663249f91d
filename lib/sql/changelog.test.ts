import { describe, expect, it } from "vitest";
import { changelogFromOptions } from "./changelog";
import { connectorIdentifiers, getConnectorFactory } from "@/lib/connectors/registry";
import { formatIdentifiers, getFormatFactory } from "@/lib/formats/registry";

const opts = (o: Record<string, string>) => new Map(Object.entries(o));

describe("changelog mode from options, read from the descriptors", () => {
  it("kafka follows its value format's descriptor, for every registered format", () => {
    for (const format of formatIdentifiers()) {
      const expected = getFormatFactory(format)!.changelogMode;
      expect(changelogFromOptions(opts({ connector: "kafka", format })), format).toBe(expected);
      expect(changelogFromOptions(opts({ connector: "kafka", "value.format": format }))).toBe(
        expected,
      );
    }
    expect(changelogFromOptions(opts({ connector: "kafka", format: "debezium-json" }))).toBe("all");
  });

  it("a format no descriptor declares is insert-only (Flink would not find its factory)", () => {
    // Once listed by hand as changelog formats; lib/formats has neither.
    for (const format of ["debezium-avro-confluent", "ogg-json"])
      expect(changelogFromOptions(opts({ connector: "kafka", format }))).toBe("insert-only");
    expect(changelogFromOptions(opts({ connector: "kafka", format: "${secret_values.f}" }))).toBe(
      "insert-only",
    );
  });

  it("each connector answers for itself", () => {
    const modes = Object.fromEntries(
      connectorIdentifiers().map((id) => [id, changelogFromOptions(opts({ connector: id }))]),
    );
    expect(modes).toEqual({
      blackhole: "all",
      datagen: "insert-only",
      kafka: "insert-only",
      print: "all",
      "upsert-kafka": "upsert",
    });
    expect(getConnectorFactory("nope")).toBeUndefined();
    expect(changelogFromOptions(opts({ connector: "nope" }))).toBe("insert-only");
  });
});
