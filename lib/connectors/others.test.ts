import { describe, expect, it } from "vitest";
import { T } from "@/lib/types/logical-type";
import { fakeFormats } from "./testing/fake-formats";
import { type ColumnSpec, tableFixture } from "./testing/table-fixture";
import { validateTable } from "./validate";
import type { TableRole } from "./table";
import { parseDuration, parseMemorySize, splitList } from "./option-values";

const COLS: ColumnSpec[] = [
  { name: "id", type: T.int() },
  { name: "name", type: T.string() },
];

function run(
  options: Record<string, string>,
  role: TableRole,
  columns: ColumnSpec[] = COLS,
  pk?: string[],
) {
  const table = tableFixture("t", columns, options, pk);
  const r = validateTable(table, role, { formats: fakeFormats });
  return { table, ...r, messages: r.diagnostics.map((d) => `${d.severity}: ${d.message}`) };
}

/** As run, with the registry's formats (lib/formats) instead of the fakes. */
function runWithRegistry(options: Record<string, string>, role: TableRole, columns = COLS) {
  const r = validateTable(tableFixture("t", columns, options), role);
  return { ...r, messages: r.diagnostics.map((d) => `${d.severity}: ${d.message}`) };
}

describe("connector discovery", () => {
  it("needs a connector option", () => {
    const r = run({ topic: "x" }, "sink");
    expect(r.messages).toEqual([
      "error: Table options do not contain an option key 'connector' for discovering a connector.",
    ]);
    expect(r.diagnostics[0].line).toBe(r.table.withSpan.line);
  });

  it("lists the available connectors for an unknown one", () => {
    expect(run({ connector: "kafak" }, "sink").messages).toEqual([
      "error: Could not find any factory for identifier 'kafak' that implements 'org.apache.flink.table.factories.DynamicTableFactory' in the classpath.\n\nAvailable factory identifiers are:\n\nblackhole\ndatagen\nkafka\nprint\nupsert-kafka\n\nDid you mean 'kafka'?",
    ]);
  });

  it("knows which connectors are source-only or sink-only", () => {
    expect(run({ connector: "datagen" }, "sink").messages).toEqual([
      "error: Connector 'datagen' can only be used as a source. It cannot be used as a sink.",
    ]);
    expect(run({ connector: "print" }, "source").messages).toEqual([
      "error: Connector 'print' can only be used as a sink. It cannot be used as a source.",
    ]);
  });
});

describe("formats", () => {
  const KAFKA = { connector: "kafka", topic: "t", "properties.bootstrap.servers": "k:9092" };

  it("reports an unknown format with Flink's message and the list", () => {
    expect(run({ ...KAFKA, format: "jsn" }, "sink").messages).toEqual([
      "error: Could not find any factory for identifier 'jsn' that implements 'org.apache.flink.table.factories.SerializationFormatFactory' in the classpath.\n\nAvailable factory identifiers are:\n\navro-confluent\ncsv\ndebezium-json\njson\nraw",
    ]);
  });

  it("projects prefixed format options and checks their values", () => {
    const r = run({ ...KAFKA, format: "json", "json.fail-on-missing-field": "true" }, "sink");
    expect(r.resolved).toMatchObject({
      valueFormat: { identifier: "json", options: { "fail-on-missing-field": "true" } },
    });
    expect(
      run({ ...KAFKA, format: "json", "json.fail-on-missing-field": "yes" }, "sink").messages,
    ).toEqual([
      "error: Invalid value for option 'json.fail-on-missing-field'. Could not parse value 'yes' for key 'json.fail-on-missing-field': Unrecognized option for boolean: yes. Expected either true or false(case insensitive)",
    ]);
    expect(
      run({ ...KAFKA, "value.format": "json", "value.json.ignore-parse-errors": "true" }, "sink")
        .resolved,
    ).toMatchObject({
      valueFormat: { identifier: "json", options: { "ignore-parse-errors": "true" } },
    });
  });

  it("says whose option a foreign format option is", () => {
    expect(
      run({ ...KAFKA, format: "csv", "json.fail-on-missing-field": "true" }, "sink").messages,
    ).toEqual([
      "error: Unsupported options found for 'kafka'. 'json.fail-on-missing-field' belongs to format 'json' but this table's value format is 'csv'.",
    ]);
    expect(
      run({ ...KAFKA, "value.format": "json", "json.fail-on-missing-field": "true" }, "sink")
        .messages,
    ).toEqual([
      "error: Unsupported options found for 'kafka'. 'json.fail-on-missing-field' is not read: the value format is set with 'value.format', so its options are written 'value.json.fail-on-missing-field'.",
    ]);
    expect(
      run({ ...KAFKA, format: "json", "value.json.fail-on-missing-field": "true" }, "sink")
        .messages,
    ).toEqual([
      "error: Unsupported options found for 'kafka'. 'value.json.fail-on-missing-field' is not read: the value format is set with 'format', so its options are written 'json.fail-on-missing-field'.",
    ]);
  });

  it("requires the format's required options, in its option space", () => {
    expect(run({ ...KAFKA, format: "avro-confluent" }, "sink").messages).toEqual([
      "error: Error creating sink format 'avro-confluent' in option space 'avro-confluent.'. One or more required options are missing.\n\nMissing required options are:\n\nurl",
    ]);
  });

  it("allows raw only over a single physical column (RawFormatFactory)", () => {
    // The rule is the raw format's own (lib/formats/raw): the real descriptor, not a fake.
    expect(runWithRegistry({ ...KAFKA, format: "raw" }, "sink").messages).toEqual([
      "error: The 'raw' format only supports single physical column. However the defined schema contains multiple physical columns: [`id` INT, `name` STRING]",
    ]);
    expect(
      runWithRegistry({ ...KAFKA, format: "raw" }, "sink", [{ name: "line", type: T.string() }])
        .diagnostics,
    ).toEqual([]);
    // With EXCEPT_KEY the value is the non-key column only.
    expect(
      runWithRegistry(
        {
          ...KAFKA,
          format: "raw",
          "key.format": "csv",
          "key.fields": "id",
          "value.fields-include": "EXCEPT_KEY",
        },
        "sink",
      ).diagnostics,
    ).toEqual([]);
  });

  it("points a format's column issue at the column", () => {
    const r = run({ ...KAFKA, format: "json" }, "sink", [
      { name: "m", type: T.map(T.int(), T.string()) },
    ]);
    expect(r.messages).toEqual([
      "error: JSON format doesn't support non-string as key type of map. The type is: MAP",
    ]);
    expect(r.diagnostics[0].line).toBe(2);
  });
});

describe("upsert-kafka", () => {
  const UPSERT = {
    connector: "upsert-kafka",
    topic: "users",
    "properties.bootstrap.servers": "k:9092",
    "key.format": "json",
    "value.format": "json",
  };

  it("resolves the primary key as the record key", () => {
    const r = run(UPSERT, "sink", COLS, ["id"]);
    expect(r.diagnostics).toEqual([]);
    expect(r.resolved).toMatchObject({
      connector: "upsert-kafka",
      primaryKey: ["id"],
      keyFields: [{ index: 0, name: "id" }],
      bufferFlush: { maxRows: 0, intervalMs: 0, enabled: false },
      changelogMode: "upsert",
      startup: { mode: "earliest-offset" },
    });
  });

  it("requires a primary key", () => {
    expect(run(UPSERT, "sink").messages).toEqual([
      "error: 'upsert-kafka' tables require to define a PRIMARY KEY constraint. The PRIMARY KEY specifies which columns should be read from or write to the Kafka message key. The PRIMARY KEY also defines records in the 'upsert-kafka' table should update or delete on which keys.",
    ]);
  });

  it("requires key.format and value.format", () => {
    const { "key.format": _k, ...noKey } = UPSERT;
    expect(run(noKey, "sink", COLS, ["id"]).messages).toEqual([
      "error: Could not find required sink format 'key.format'.",
    ]);
  });

  it("requires insert-only formats", () => {
    expect(
      run({ ...UPSERT, "value.format": "debezium-json" }, "sink", COLS, ["id"]).messages,
    ).toEqual([
      "error: 'upsert-kafka' connector doesn't support 'debezium-json' as value format, because 'debezium-json' is not in insert-only mode.",
    ]);
  });

  it("needs both buffer-flush options or neither", () => {
    expect(
      run({ ...UPSERT, "sink.buffer-flush.max-rows": "100" }, "sink", COLS, ["id"]).messages,
    ).toEqual([
      "error: 'sink.buffer-flush.max-rows' and 'sink.buffer-flush.interval' must be set to be greater than zero together to enable sink buffer flushing.",
    ]);
    expect(
      run(
        { ...UPSERT, "sink.buffer-flush.max-rows": "100", "sink.buffer-flush.interval": "1s" },
        "sink",
        COLS,
        ["id"],
      ).resolved,
    ).toMatchObject({ bufferFlush: { maxRows: 100, intervalMs: 1000, enabled: true } });
  });

  it("does not accept kafka-only options", () => {
    expect(
      run({ ...UPSERT, "sink.partitioner": "fixed" }, "sink", COLS, ["id"]).messages[0],
    ).toContain(
      "Unsupported options found for 'upsert-kafka'.\n\nUnsupported options:\n\nsink.partitioner",
    );
  });
});

describe("datagen", () => {
  it("resolves defaults: 10000 rows per second, random generators", () => {
    const r = run({ connector: "datagen" }, "source");
    expect(r.diagnostics).toEqual([]);
    expect(r.resolved).toMatchObject({
      connector: "datagen",
      rowsPerSecond: 10000,
      fields: [
        { name: "id", generator: { kind: "random", length: 100, nullRate: 0 } },
        { name: "name", generator: { kind: "random", length: 100, varLen: false } },
      ],
    });
  });

  it("resolves sequence and random field options", () => {
    const r = run(
      {
        connector: "datagen",
        "number-of-rows": "50",
        "fields.id.kind": "sequence",
        "fields.id.start": "1",
        "fields.id.end": "50",
        "fields.name.length": "8",
        "fields.name.var-len": "true",
        "fields.name.null-rate": "0.1",
      },
      "source",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.resolved).toMatchObject({
      numberOfRows: 50,
      fields: [
        { name: "id", generator: { kind: "sequence", start: "1", end: "50" } },
        { name: "name", generator: { kind: "random", length: 8, varLen: true, nullRate: 0.1 } },
      ],
    });
  });

  it("uses Flink's messages for bad generators", () => {
    expect(
      run({ connector: "datagen", "fields.id.kind": "sequence", "fields.id.start": "1" }, "source")
        .messages,
    ).toEqual(["error: Could not find required property 'fields.id.end' for sequence generator."]);
    expect(run({ connector: "datagen", "fields.id.kind": "counter" }, "source").messages).toEqual([
      "error: Unsupported generator kind: counter",
    ]);
  });

  it("rejects options for unknown columns or the wrong type, with a suggestion", () => {
    expect(run({ connector: "datagen", "fields.nme.length": "5" }, "source").messages).toEqual([
      "error: Unsupported options found for 'datagen'.\n\nUnsupported options:\n\nfields.nme.length\n\nDid you mean 'fields.name.length'?",
    ]);
    expect(run({ connector: "datagen", "fields.name.min": "5" }, "source").messages[0]).toContain(
      "Unsupported options:\n\nfields.name.min",
    );
    expect(run({ connector: "datagen", "fields.id.min": "x" }, "source").messages).toEqual([
      "error: Invalid value for option 'fields.id.min'. Could not parse value 'x' for key 'fields.id.min': For input string: \"x\"",
    ]);
  });

  it("supports no metadata columns", () => {
    expect(
      run({ connector: "datagen" }, "source", [
        ...COLS,
        { name: "ts", type: T.timestampLtz(3), kind: "metadata", metadataKey: "timestamp" },
      ]).messages,
    ).toEqual([
      "error: Table 't' declares metadata columns, but the underlying DynamicTableSource doesn't implement the SupportsReadingMetadata interface. Therefore, metadata cannot be read from the given source.",
    ]);
  });
});

describe("print and blackhole", () => {
  it("resolves print's options", () => {
    expect(
      run({ connector: "print", "print-identifier": "out", "standard-error": "TRUE" }, "sink")
        .resolved,
    ).toMatchObject({
      connector: "print",
      printIdentifier: "out",
      standardError: true,
    });
    expect(run({ connector: "print", "standard-err": "true" }, "sink").messages).toEqual([
      "error: Unsupported options found for 'print'.\n\nUnsupported options:\n\nstandard-err\n\nDid you mean 'standard-error'?",
    ]);
  });

  it("takes no options for blackhole", () => {
    expect(run({ connector: "blackhole" }, "sink").resolved).toMatchObject({
      connector: "blackhole",
      changelogMode: "all",
    });
    expect(run({ connector: "blackhole", "sink.parallelism": "2" }, "sink").messages[0]).toContain(
      "Unsupported options found for 'blackhole'.",
    );
  });
});

describe("option values (Flink's parsers)", () => {
  it("parses durations like TimeUtils.parseDuration", () => {
    expect(parseDuration("100")).toEqual({ ok: true, value: 100 });
    expect(parseDuration("5 min")).toEqual({ ok: true, value: 300000 });
    expect(parseDuration("1d")).toEqual({ ok: true, value: 86400000 });
    expect(parseDuration("  ")).toEqual({
      ok: false,
      reason: "argument is an empty- or whitespace-only string",
    });
    expect(parseDuration("s10")).toEqual({
      ok: false,
      reason: "text does not start with a number",
    });
  });

  it("parses memory sizes like MemorySize.parseBytes", () => {
    expect(parseMemorySize("2mb")).toEqual({ ok: true, value: 2097152 });
    expect(parseMemorySize("512 kb")).toEqual({ ok: true, value: 524288 });
    expect(parseMemorySize("7")).toEqual({ ok: true, value: 7 });
    expect(parseMemorySize("3 zb")).toEqual({
      ok: false,
      reason:
        "Memory size unit 'zb' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)",
    });
  });

  it("splits ';' lists like StructuredOptionsSplitter", () => {
    expect(splitList("a;b")).toEqual({ ok: true, value: ["a", "b"] });
    expect(splitList(" a ; 'b;c' ")).toEqual({ ok: true, value: ["a", "b;c"] });
    expect(splitList("'it''s'")).toEqual({ ok: true, value: ["it's"] });
    expect(splitList("'open")).toEqual({
      ok: false,
      reason: "Could not split string. Quoting was not closed properly.",
    });
  });
});
