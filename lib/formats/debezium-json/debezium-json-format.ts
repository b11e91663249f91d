/**
 * The `debezium-json` format (DebeziumJsonFormatFactory, DebeziumJsonSerializationSchema,
 * DebeziumJsonDeserializationSchema, Flink 1.20).
 *
 * Writing: +I and +U become {"before":null,"after":{…},"op":"c"}, -U and -D become
 * {"before":{…},"after":null,"op":"d"} (Flink never writes "u"). Reading: "c" and "r" give +I,
 * "u" gives -U then +U (needs "before"), "d" gives -D (needs "before"); empty messages
 * (tombstones) give nothing.
 */
import { option, type ConfigOption } from "@/lib/options/config-option";
import type {
  FormatContext,
  FormatFactory,
  FormatIssue,
  RowDeserializer,
  RowSerializer,
} from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { T, type ChangelogRow, type Value } from "@/lib/types/logical-type";
import { throwFirst } from "@/lib/formats/json/json-format";
import { JsonRowDecoder, JsonRowEncoder, rowSummary } from "@/lib/formats/json/json-codec";
import {
  IGNORE_PARSE_ERRORS,
  readJsonDecoding,
  readJsonEncoding,
  validateJsonDecoding,
  validateJsonEncoding,
} from "@/lib/formats/json/json-options";
import {
  changelogJsonDeserializer,
  changelogJsonIssues,
  changelogJsonOptions,
  envelopeRow,
  nullableData,
  requireField,
  writtenAsInsert,
  type Row,
} from "@/lib/formats/json/changelog-json";

export const SCHEMA_INCLUDE = option(
  "schema-include",
  { kind: "boolean" },
  'When setting up a Debezium Kafka Connect, users can enable a Kafka configuration "value.converter.schemas.enable" to include schema in the message. This option indicates the Debezium JSON data include the schema in the message or not. Default is false.',
  "false",
);

const IGNORE_PARSE_ERRORS_DEBEZIUM = {
  ...IGNORE_PARSE_ERRORS,
  description:
    "Optional flag to skip fields and rows with parse errors instead of failing, false by default.",
};

export const DEBEZIUM_JSON_OPTIONS: readonly ConfigOption[] = [
  SCHEMA_INCLUDE,
  ...changelogJsonOptions(IGNORE_PARSE_ERRORS_DEBEZIUM),
];

const REPLICA_IDENTITY_EXCEPTION = (op: string) =>
  `The "before" field of ${op} message is null, if you are using Debezium Postgres Connector, please check the Postgres table has been set REPLICA IDENTITY to FULL level.`;

function envelope(ctx: FormatContext): Row {
  const data = nullableData(ctx);
  return envelopeRow([
    { name: "before", type: data },
    { name: "after", type: data },
    { name: "op", type: T.string() },
  ]);
}

/** DebeziumJsonFormatFactory.createEncodingFormat: the schema cannot be written. */
function schemaIncludeIssues(o: FormatOptions): FormatIssue[] {
  if (!o.boolean(SCHEMA_INCLUDE.key)) return [];
  return [
    {
      severity: "error",
      option: SCHEMA_INCLUDE.key,
      message:
        "Debezium JSON serialization doesn't support 'debezium-json.schema-include' option been set to true.",
    },
  ];
}

export const debeziumJsonFormat: FormatFactory = {
  identifier: "debezium-json",
  schemaless: "json-value",
  requiredOptions: [],
  optionalOptions: DEBEZIUM_JSON_OPTIONS,
  changelogMode: "all",
  // DebeziumJsonDecodingFormat.ReadableMetadata
  readableMetadata: [
    { key: "schema", type: T.string() },
    { key: "ingestion-timestamp", type: T.timestampLtz(3) },
    { key: "source.timestamp", type: T.timestampLtz(3) },
    { key: "source.database", type: T.string() },
    { key: "source.schema", type: T.string() },
    { key: "source.table", type: T.string() },
    { key: "source.properties", type: T.map(T.string(false), T.string()) },
  ],

  validate(ctx) {
    return changelogJsonIssues(
      ctx,
      DEBEZIUM_JSON_OPTIONS,
      schemaIncludeIssues(FormatOptions.of(ctx, DEBEZIUM_JSON_OPTIONS)),
    );
  },

  createSerializer(ctx): RowSerializer {
    const o = FormatOptions.of(ctx, DEBEZIUM_JSON_OPTIONS);
    throwFirst([...validateJsonEncoding(o), ...schemaIncludeIssues(o)], ctx);
    const encoder = new JsonRowEncoder(
      envelope(ctx),
      readJsonEncoding(ctx.options, DEBEZIUM_JSON_OPTIONS),
    );
    return {
      serialize(row) {
        const values: Value[] = writtenAsInsert(row.kind)
          ? [null, row.values, "c"]
          : [row.values, null, "d"];
        return encoder.encode(values, () => rowSummary(row.kind, row.values));
      },
    };
  },

  createDeserializer(ctx): RowDeserializer {
    const o = FormatOptions.of(ctx, DEBEZIUM_JSON_OPTIONS);
    throwFirst(validateJsonDecoding(o, false), ctx);
    const config = readJsonDecoding(ctx.options, DEBEZIUM_JSON_OPTIONS);
    const schemaInclude = o.boolean(SCHEMA_INCLUDE.key);
    const inner = envelope(ctx);
    const outer: Row = schemaInclude
      ? envelopeRow([
          { name: "schema", type: T.string() },
          { name: "payload", type: inner },
        ])
      : inner;
    const decoder = new JsonRowDecoder(outer, config);
    return changelogJsonDeserializer(
      "Debezium",
      config.ignoreParseErrors,
      (bytes, text): ChangelogRow[] => {
        const row = decoder.convertNode(decoder.parse(bytes));
        const payload = (schemaInclude ? (row?.[1] as Value[] | null) : row) ?? null;
        if (payload === null) throw new Error("the message has no payload");
        const [before, after, op] = payload as [Value[] | null, Value[] | null, string | null];
        if (op === null) throw new Error('the "op" field is missing');
        switch (op) {
          case "c":
          case "r":
            return [{ kind: "+I", values: requireField(after, "after") }];
          case "u":
            if (before === null) throw new Error(REPLICA_IDENTITY_EXCEPTION("UPDATE"));
            return [
              { kind: "-U", values: before },
              { kind: "+U", values: requireField(after, "after") },
            ];
          case "d":
            if (before === null) throw new Error(REPLICA_IDENTITY_EXCEPTION("DELETE"));
            return [{ kind: "-D", values: before }];
          default:
            throw new Error(`Unknown "op" value "${op}". The Debezium JSON message is '${text()}'`);
        }
      },
    );
  },
};
