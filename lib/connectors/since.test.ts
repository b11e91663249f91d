/**
 * Every connector and format option says the release it appeared in — Flink's for what shipped
 * with Flink, flink-connector-kafka's for what the externalized Kafka connector added — or is
 * listed here with why it does not, so a new option cannot arrive without one unnoticed.
 */
import { describe, expect, it } from "vitest";
import type { ConfigOption } from "@/lib/options/config-option";
import { formatIdentifiers, getFormatFactory } from "@/lib/formats/registry";
import { FLINK_IMPLICIT_OPTIONS } from "./factory";
import { connectorIdentifiers, getConnectorFactory } from "./registry";

/**
 * Options whose first release is not established, and why — left without one rather than
 * guessed: each needs apache/flink's own history, whose snapshot (865 MB) was over what could be
 * fetched (500 MB), while flink-connector-kafka's history starts when it left Flink's tree.
 * Whoever can read Flink's tags (`git grep 'key("…")' release-1.x.0`) sets `since` and shortens
 * this list.
 */
const IN_FLINK_TREE =
  "declared by Flink itself: the release it appeared in needs apache/flink's history, which could not be fetched here";
const KAFKA_FROM_FLINK_TREE =
  "in flink-connector-kafka's first release (3.0.0) already, taken over from Flink's tree: the Flink release it appeared in needs apache/flink's history, which could not be fetched here";
const unknown = (why: string, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, why]));

/** `<connector or format>:<key>` → why its release is not established. */
const SINCE_UNKNOWN: Readonly<Record<string, string>> = {
  ...unknown(IN_FLINK_TREE, [
    "flink:connector",
    "flink:property-version",
    "datagen:rows-per-second",
    "datagen:number-of-rows",
    "datagen:scan.parallelism",
    "datagen:fields.#.kind",
    "datagen:fields.#.min",
    "datagen:fields.#.max",
    "datagen:fields.#.max-past",
    "datagen:fields.#.length",
    "datagen:fields.#.var-len",
    "datagen:fields.#.start",
    "datagen:fields.#.end",
    "datagen:fields.#.null-rate",
    "print:print-identifier",
    "print:standard-error",
    "print:sink.parallelism",
    "csv:field-delimiter",
    "csv:disable-quote-character",
    "csv:quote-character",
    "csv:allow-comments",
    "csv:ignore-parse-errors",
    "csv:array-element-delimiter",
    "csv:escape-character",
    "csv:null-literal",
    "csv:write-bigdecimal-in-scientific-notation",
    "json:fail-on-missing-field",
    "json:ignore-parse-errors",
    "json:timestamp-format.standard",
    "json:map-null-key.mode",
    "json:map-null-key.literal",
    "json:encode.decimal-as-plain-number",
    "json:encode.ignore-null-fields",
    "json:decode.json-parser.enabled",
    "raw:charset",
    "raw:endianness",
    "avro:encoding",
    "avro-confluent:url",
    "avro-confluent:subject",
    "avro-confluent:properties",
    "avro-confluent:ssl.keystore.location",
    "avro-confluent:ssl.keystore.password",
    "avro-confluent:ssl.truststore.location",
    "avro-confluent:ssl.truststore.password",
    "avro-confluent:basic-auth.credentials-source",
    "avro-confluent:basic-auth.user-info",
    "avro-confluent:bearer-auth.credentials-source",
    "avro-confluent:bearer-auth.token",
    "avro-confluent:schema",
    "debezium-json:schema-include",
    "debezium-json:ignore-parse-errors",
    "debezium-json:timestamp-format.standard",
    "debezium-json:map-null-key.mode",
    "debezium-json:map-null-key.literal",
    "debezium-json:encode.decimal-as-plain-number",
    "debezium-json:encode.ignore-null-fields",
    "canal-json:ignore-parse-errors",
    "canal-json:timestamp-format.standard",
    "canal-json:map-null-key.mode",
    "canal-json:map-null-key.literal",
    "canal-json:encode.decimal-as-plain-number",
    "canal-json:encode.ignore-null-fields",
    "canal-json:database.include",
    "canal-json:table.include",
    "maxwell-json:ignore-parse-errors",
    "maxwell-json:timestamp-format.standard",
    "maxwell-json:map-null-key.mode",
    "maxwell-json:map-null-key.literal",
    "maxwell-json:encode.decimal-as-plain-number",
    "maxwell-json:encode.ignore-null-fields",
  ]),
  ...unknown(KAFKA_FROM_FLINK_TREE, [
    "kafka:properties.bootstrap.servers",
    "kafka:format",
    "kafka:key.format",
    "kafka:key.fields",
    "kafka:key.fields-prefix",
    "kafka:value.format",
    "kafka:value.fields-include",
    "kafka:topic",
    "kafka:topic-pattern",
    "kafka:properties.group.id",
    "kafka:scan.startup.mode",
    "kafka:scan.startup.specific-offsets",
    "kafka:scan.topic-partition-discovery.interval",
    "kafka:scan.startup.timestamp-millis",
    "kafka:sink.partitioner",
    "kafka:sink.parallelism",
    "kafka:sink.delivery-guarantee",
    "kafka:sink.transactional-id-prefix",
    "kafka:sink.semantic",
    "kafka:scan.bounded.mode",
    "kafka:scan.bounded.specific-offsets",
    "kafka:scan.bounded.timestamp-millis",
    "upsert-kafka:properties.bootstrap.servers",
    "upsert-kafka:key.format",
    "upsert-kafka:value.format",
    "upsert-kafka:topic",
    "upsert-kafka:key.fields-prefix",
    "upsert-kafka:value.fields-include",
    "upsert-kafka:sink.parallelism",
    "upsert-kafka:sink.buffer-flush.interval",
    "upsert-kafka:sink.buffer-flush.max-rows",
  ]),
};

/** Every option a descriptor declares, as `<owner>:<key>`. */
function everyOption(): Array<[string, ConfigOption]> {
  const out: Array<[string, ConfigOption]> = FLINK_IMPLICIT_OPTIONS.map((o) => [
    `flink:${o.key}`,
    o,
  ]);
  for (const id of connectorIdentifiers()) {
    const c = getConnectorFactory(id)!;
    for (const o of [...c.requiredOptions, ...c.optionalOptions]) out.push([`${id}:${o.key}`, o]);
  }
  for (const id of formatIdentifiers()) {
    const f = getFormatFactory(id)!;
    for (const o of [...f.requiredOptions, ...f.optionalOptions]) out.push([`${id}:${o.key}`, o]);
  }
  return out;
}

const RELEASE = /^(Flink 1\.\d{1,2}|flink-connector-kafka \d\.\d\.\d)$/;

describe("each option's release", () => {
  it("is set, or the option is a known unknown", () => {
    const missing = everyOption()
      .filter(([name, o]) => o.since === undefined && !(name in SINCE_UNKNOWN))
      .map(([name]) => name);
    expect(missing, "set `since`, or list the option in SINCE_UNKNOWN with why").toEqual([]);
  });

  it("names a Flink or flink-connector-kafka release", () => {
    for (const [name, o] of everyOption()) {
      if (o.since !== undefined) expect(o.since, name).toMatch(RELEASE);
      if (o.deprecated?.since !== undefined) expect(o.deprecated.since, name).toMatch(RELEASE);
      for (const c of o.changes ?? []) expect(c.since, name).toMatch(RELEASE);
    }
  });

  it("lists as unknown only options that exist and have no release", () => {
    const byName = new Map(everyOption());
    for (const name of Object.keys(SINCE_UNKNOWN)) {
      expect(byName.has(name), `${name} is no option`).toBe(true);
      expect(byName.get(name)!.since, `${name} has a release now`).toBeUndefined();
    }
  });

  it("names a replacement that the same descriptor declares, for each deprecated option", () => {
    const byName = new Map(everyOption());
    for (const [name, o] of byName) {
      const replacement = o.deprecated?.replacedBy;
      if (replacement === undefined) continue;
      const owner = name.slice(0, name.indexOf(":"));
      expect(byName.has(`${owner}:${replacement}`), `${name} → ${replacement}`).toBe(true);
    }
  });
});
