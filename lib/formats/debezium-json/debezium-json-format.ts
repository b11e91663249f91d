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
import { FormatError, type FormatContext, type FormatFactory, type FormatIssue, type RowDeserializer, type RowSerializer } from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { utf8Decode } from "@/lib/formats/common/text";
import { T, type ChangelogRow, type LogicalType, type Value } from "@/lib/types/logical-type";
import { dedupe } from "@/lib/formats/json/json-format";
import { JsonRowDecoder, JsonRowEncoder, rowSummary } from "@/lib/formats/json/json-codec";
import {
  ENCODE_DECIMAL_AS_PLAIN_NUMBER,
  ENCODE_IGNORE_NULL_FIELDS,
  IGNORE_PARSE_ERRORS,
  MAP_NULL_KEY_LITERAL,
  MAP_NULL_KEY_MODE,
  readJsonDecoding,
  readJsonEncoding,
  TIMESTAMP_FORMAT,
  validateJsonDecoding,
  validateJsonEncoding,
} from "@/lib/formats/json/json-options";
import { jsonUnsupported } from "@/lib/formats/json/row-to-json";

export const SCHEMA_INCLUDE = option(
  "schema-include",
  { kind: "boolean" },
  'When setting up a Debezium Kafka Connect, users can enable a Kafka configuration "value.converter.schemas.enable" to include schema in the message. This option indicates the Debezium JSON data include the schema in the message or not. Default is false.',
  "false",
);

const IGNORE_PARSE_ERRORS_DEBEZIUM = {
  ...IGNORE_PARSE_ERRORS,
  description: "Optional flag to skip fields and rows with parse errors instead of failing, false by default.",
};

export const DEBEZIUM_JSON_OPTIONS: readonly ConfigOption[] = [
  SCHEMA_INCLUDE,
  IGNORE_PARSE_ERRORS_DEBEZIUM,
  TIMESTAMP_FORMAT,
  MAP_NULL_KEY_MODE,
  MAP_NULL_KEY_LITERAL,
  ENCODE_DECIMAL_AS_PLAIN_NUMBER,
  ENCODE_IGNORE_NULL_FIELDS,
];

type Row = Extract<LogicalType, { kind: "ROW" }>;

const REPLICA_IDENTITY_EXCEPTION = (op: string) =>
  `The "before" field of ${op} message is null, if you are using Debezium Postgres Connector, please check the Postgres table has been set REPLICA IDENTITY to FULL level.`;

function envelope(physical: Row): Row {
  const data = { ...physical, nullable: true };
  return {
    kind: "ROW",
    nullable: false,
    fields: [
      { name: "before", type: data },
      { name: "after", type: data },
      { name: "op", type: T.string() },
    ],
  };
}

function encodingIssues(ctx: FormatContext): FormatIssue[] {
  const o = FormatOptions.of(ctx, DEBEZIUM_JSON_OPTIONS);
  const issues = validateJsonEncoding(o);
  if (o.boolean(SCHEMA_INCLUDE.key)) {
    issues.push({
      severity: "error",
      option: SCHEMA_INCLUDE.key,
      message: "Debezium JSON serialization doesn't support 'debezium-json.schema-include' option been set to true.",
    });
  }
  return issues;
}

function typeIssues(ctx: FormatContext): FormatIssue[] {
  return ctx.rowType.fields.flatMap((f) => {
    const message = jsonUnsupported(f.type);
    return message ? [{ severity: "error" as const, column: f.name, message }] : [];
  });
}

function throwFirst(issues: FormatIssue[]): void {
  const error = issues.find((i) => i.severity === "error");
  if (error) throw new FormatError(error.message, error.column);
}

export const debeziumJsonFormat: FormatFactory = {
  identifier: "debezium-json",
  requiredOptions: [],
  optionalOptions: DEBEZIUM_JSON_OPTIONS,
  changelogMode: "all",

  validate(ctx) {
    const o = FormatOptions.of(ctx, DEBEZIUM_JSON_OPTIONS);
    return dedupe([...encodingIssues(ctx), ...validateJsonDecoding(o, false), ...typeIssues(ctx)]);
  },

  createSerializer(ctx): RowSerializer {
    throwFirst([...encodingIssues(ctx), ...typeIssues(ctx)]);
    const encoder = new JsonRowEncoder(envelope(ctx.rowType), readJsonEncoding(ctx.options, DEBEZIUM_JSON_OPTIONS));
    return {
      serialize(row) {
        const insert = row.kind === "+I" || row.kind === "+U";
        const values: Value[] = insert ? [null, row.values, "c"] : [row.values, null, "d"];
        return encoder.encode(values, () => rowSummary(row.kind, row.values));
      },
    };
  },

  createDeserializer(ctx): RowDeserializer {
    const o = FormatOptions.of(ctx, DEBEZIUM_JSON_OPTIONS);
    throwFirst([...validateJsonDecoding(o, false), ...typeIssues(ctx)]);
    const config = readJsonDecoding(ctx.options, DEBEZIUM_JSON_OPTIONS);
    const schemaInclude = o.boolean(SCHEMA_INCLUDE.key);
    const inner = envelope(ctx.rowType);
    const outer: Row = schemaInclude
      ? { kind: "ROW", nullable: false, fields: [{ name: "schema", type: T.string() }, { name: "payload", type: inner }] }
      : inner;
    const decoder = new JsonRowDecoder(outer, config);
    return {
      deserialize(bytes): ChangelogRow[] {
        if (bytes.length === 0) return [];
        const text = () => utf8Decode(bytes);
        try {
          const row = decoder.convertNode(decoder.parse(bytes));
          const payload = (schemaInclude ? (row?.[1] as Value[] | null) : row) ?? null;
          if (payload === null) throw new Error("the message has no payload");
          const [before, after, op] = payload as [Value[] | null, Value[] | null, string | null];
          if (op === null) throw new Error('the "op" field is missing');
          switch (op) {
            case "c":
            case "r":
              if (after === null) throw new Error('the "after" field is null');
              return [{ kind: "+I", values: after }];
            case "u":
              if (before === null) throw new Error(REPLICA_IDENTITY_EXCEPTION("UPDATE"));
              if (after === null) throw new Error('the "after" field is null');
              return [{ kind: "-U", values: before }, { kind: "+U", values: after }];
            case "d":
              if (before === null) throw new Error(REPLICA_IDENTITY_EXCEPTION("DELETE"));
              return [{ kind: "-D", values: before }];
            default:
              throw new Error(`Unknown "op" value "${op}". The Debezium JSON message is '${text()}'`);
          }
        } catch (e) {
          if (config.ignoreParseErrors) return [];
          throw new FormatError(`Corrupt Debezium JSON message '${text()}'. ${(e as Error).message}`, (e as { field?: string }).field);
        }
      },
    };
  },
};
