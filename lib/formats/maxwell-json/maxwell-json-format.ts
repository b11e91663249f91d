/**
 * The `maxwell-json` format (MaxwellJsonFormatFactory, MaxwellJsonSerializationSchema,
 * MaxwellJsonDeserializationSchema, Flink 1.20).
 *
 * Writing: {"data":{…},"type":"insert"} for +I/+U and "delete" for -U/-D. Reading: insert → +I,
 * delete → -D, update → -U (from "old", unchanged fields copied from "data") and +U.
 */
import type { ConfigOption } from "@/lib/options/config-option";
import { FormatError, type FormatContext, type FormatFactory, type FormatIssue, type RowDeserializer, type RowSerializer } from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { utf8Decode } from "@/lib/formats/common/text";
import { T, type ChangelogRow, type LogicalType, type Value } from "@/lib/types/logical-type";
import { dedupe } from "@/lib/formats/json/json-format";
import { JsonRowDecoder, JsonRowEncoder, rowSummary } from "@/lib/formats/json/json-codec";
import { findValue } from "@/lib/formats/json/json-find";
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

export const MAXWELL_JSON_OPTIONS: readonly ConfigOption[] = [
  IGNORE_PARSE_ERRORS,
  TIMESTAMP_FORMAT,
  MAP_NULL_KEY_MODE,
  MAP_NULL_KEY_LITERAL,
  ENCODE_DECIMAL_AS_PLAIN_NUMBER,
  ENCODE_IGNORE_NULL_FIELDS,
];

type Row = Extract<LogicalType, { kind: "ROW" }>;

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

export const maxwellJsonFormat: FormatFactory = {
  identifier: "maxwell-json",
  requiredOptions: [],
  optionalOptions: MAXWELL_JSON_OPTIONS,
  changelogMode: "all",

  validate(ctx) {
    const o = FormatOptions.of(ctx, MAXWELL_JSON_OPTIONS);
    return dedupe([...validateJsonEncoding(o), ...validateJsonDecoding(o, false), ...typeIssues(ctx)]);
  },

  createSerializer(ctx): RowSerializer {
    throwFirst([...validateJsonEncoding(FormatOptions.of(ctx, MAXWELL_JSON_OPTIONS)), ...typeIssues(ctx)]);
    const envelope: Row = {
      kind: "ROW",
      nullable: false,
      fields: [
        { name: "data", type: { ...ctx.rowType, nullable: true } },
        { name: "type", type: T.string() },
      ],
    };
    const encoder = new JsonRowEncoder(envelope, readJsonEncoding(ctx.options, MAXWELL_JSON_OPTIONS));
    return {
      serialize(row) {
        const type = row.kind === "+I" || row.kind === "+U" ? "insert" : "delete";
        return encoder.encode([row.values, type], () => rowSummary(row.kind, row.values));
      },
    };
  },

  createDeserializer(ctx): RowDeserializer {
    throwFirst([...validateJsonDecoding(FormatOptions.of(ctx, MAXWELL_JSON_OPTIONS), false), ...typeIssues(ctx)]);
    const config = readJsonDecoding(ctx.options, MAXWELL_JSON_OPTIONS);
    const data = { ...ctx.rowType, nullable: true };
    const envelope: Row = {
      kind: "ROW",
      nullable: false,
      fields: [
        { name: "data", type: data },
        { name: "old", type: data },
        { name: "type", type: T.string() },
      ],
    };
    const decoder = new JsonRowDecoder(envelope, config);
    const names = ctx.rowType.fields.map((f) => f.name);
    return {
      deserialize(bytes): ChangelogRow[] {
        if (bytes.length === 0) return [];
        const text = () => utf8Decode(bytes);
        try {
          const root = decoder.parse(bytes);
          const row = decoder.convertNode(root);
          if (row === null) throw new Error("the message is null");
          const [after, before, type] = row as [Value[] | null, Value[] | null, string | null];
          if (type === null) throw new Error('the "type" field is missing');
          const need = <X>(v: X | null, name: string): X => {
            if (v === null) throw new Error(`the "${name}" field is null`);
            return v;
          };
          switch (type) {
            case "insert":
              return [{ kind: "+I", values: need(after, "data") }];
            case "delete":
              return [{ kind: "-D", values: need(after, "data") }];
            case "update": {
              const a = need(after, "data");
              const b = [...need(before, "old")];
              const oldNode = root.type === "object" ? root.fields.get("old") : undefined;
              names.forEach((name, f) => {
                if (b[f] === null && findValue(oldNode, name) === undefined) b[f] = a[f];
              });
              return [{ kind: "-U", values: b }, { kind: "+U", values: a }];
            }
            default:
              throw new Error(`Unknown "type" value "${type}". The Maxwell JSON message is '${text()}'`);
          }
        } catch (e) {
          if (config.ignoreParseErrors) return [];
          throw new FormatError(`Corrupt Maxwell JSON message '${text()}'. ${(e as Error).message}`, (e as { field?: string }).field);
        }
      },
    };
  },
};
