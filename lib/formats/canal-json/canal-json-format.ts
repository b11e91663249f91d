/**
 * The `canal-json` format (CanalJsonFormatFactory, CanalJsonSerializationSchema,
 * CanalJsonDeserializationSchema, Flink 1.20).
 *
 * Writing: {"data":[{…}],"type":"INSERT"} for +I/+U and "DELETE" for -U/-D. Reading: INSERT and
 * DELETE emit one row per element of "data"; UPDATE emits -U/+U pairs where a field absent from
 * "old" keeps its "data" value; CREATE (DDL) is skipped; `database.include` / `table.include`
 * are Java regular expressions matched against the whole name.
 */
import { option, type ConfigOption } from "@/lib/options/config-option";
import { FormatError, type FormatContext, type FormatFactory, type FormatIssue, type RowDeserializer, type RowSerializer } from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { utf8Decode } from "@/lib/formats/common/text";
import { T, type ChangelogRow, type LogicalType, type Value } from "@/lib/types/logical-type";
import { dedupe } from "@/lib/formats/json/json-format";
import { JsonRowDecoder, JsonRowEncoder, rowSummary } from "@/lib/formats/json/json-codec";
import { findValue } from "@/lib/formats/json/json-find";
import { nodeText } from "@/lib/formats/json/json-node";
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

export const DATABASE_INCLUDE = option(
  "database.include",
  { kind: "string" },
  'An optional regular expression to only read the specific databases changelog rows by regular matching the "database" meta field in the Canal record. The pattern string is compatible with Java\'s Pattern.',
);
export const TABLE_INCLUDE = option(
  "table.include",
  { kind: "string" },
  'An optional regular expression to only read the specific tables changelog rows by regular matching the "table" meta field in the Canal record. The pattern string is compatible with Java\'s Pattern.',
);

export const CANAL_JSON_OPTIONS: readonly ConfigOption[] = [
  IGNORE_PARSE_ERRORS,
  TIMESTAMP_FORMAT,
  MAP_NULL_KEY_MODE,
  MAP_NULL_KEY_LITERAL,
  ENCODE_DECIMAL_AS_PLAIN_NUMBER,
  ENCODE_IGNORE_NULL_FIELDS,
  DATABASE_INCLUDE,
  TABLE_INCLUDE,
];

type Row = Extract<LogicalType, { kind: "ROW" }>;

/** A Java regex used with Matcher.matches(): the whole text must match. */
function wholeMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, "u");
}

function patternIssues(o: FormatOptions): FormatIssue[] {
  const issues: FormatIssue[] = [];
  for (const key of [DATABASE_INCLUDE.key, TABLE_INCLUDE.key]) {
    const p = o.explicit(key);
    if (p === undefined) continue;
    try {
      wholeMatch(p);
    } catch (e) {
      issues.push({ severity: "error", option: key, message: `Option 'canal-json.${key}' is not a valid regular expression: ${(e as Error).message}` });
    }
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

export const canalJsonFormat: FormatFactory = {
  identifier: "canal-json",
  requiredOptions: [],
  optionalOptions: CANAL_JSON_OPTIONS,
  changelogMode: "all",

  validate(ctx) {
    const o = FormatOptions.of(ctx, CANAL_JSON_OPTIONS);
    return dedupe([...validateJsonEncoding(o), ...validateJsonDecoding(o, false), ...patternIssues(o), ...typeIssues(ctx)]);
  },

  createSerializer(ctx): RowSerializer {
    throwFirst([...validateJsonEncoding(FormatOptions.of(ctx, CANAL_JSON_OPTIONS)), ...typeIssues(ctx)]);
    const data = { ...ctx.rowType, nullable: true };
    const envelope: Row = {
      kind: "ROW",
      nullable: false,
      fields: [
        { name: "data", type: T.array(data) },
        { name: "type", type: T.string() },
      ],
    };
    const encoder = new JsonRowEncoder(envelope, readJsonEncoding(ctx.options, CANAL_JSON_OPTIONS));
    return {
      serialize(row) {
        const type = row.kind === "+I" || row.kind === "+U" ? "INSERT" : "DELETE";
        return encoder.encode([[row.values], type], () => rowSummary(row.kind, row.values));
      },
    };
  },

  createDeserializer(ctx): RowDeserializer {
    const o = FormatOptions.of(ctx, CANAL_JSON_OPTIONS);
    throwFirst([...validateJsonDecoding(o, false), ...patternIssues(o), ...typeIssues(ctx)]);
    const config = readJsonDecoding(ctx.options, CANAL_JSON_OPTIONS);
    const database = o.explicit(DATABASE_INCLUDE.key);
    const table = o.explicit(TABLE_INCLUDE.key);
    const databasePattern = database === undefined ? undefined : wholeMatch(database);
    const tablePattern = table === undefined ? undefined : wholeMatch(table);
    const data = { ...ctx.rowType, nullable: true };
    const envelope: Row = {
      kind: "ROW",
      nullable: false,
      fields: [
        { name: "data", type: T.array(data) },
        { name: "old", type: T.array(data) },
        { name: "type", type: T.string() },
        { name: "database", type: T.string() },
        { name: "table", type: T.string() },
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
          const field = (name: string) => (root.type === "object" ? root.fields.get(name) : undefined);
          const metaText = (name: string) => {
            const node = field(name);
            if (node === undefined) throw new Error(`the "${name}" field is missing`);
            return nodeText(node);
          };
          if (databasePattern && !databasePattern.test(metaText("database"))) return [];
          if (tablePattern && !tablePattern.test(metaText("table"))) return [];
          const row = decoder.convertNode(root);
          if (row === null) throw new Error("the message is null");
          const [dataRows, oldRows, type] = row as [Value[][] | null, Value[][] | null, string | null];
          if (type === null) throw new Error('the "type" field is missing');
          const need = <X>(v: X | null, name: string): X => {
            if (v === null) throw new Error(`the "${name}" field is null`);
            return v;
          };
          switch (type) {
            case "INSERT":
              return need(dataRows, "data").map((values) => ({ kind: "+I", values }));
            case "DELETE":
              return need(dataRows, "data").map((values) => ({ kind: "-D", values }));
            case "UPDATE": {
              const out: ChangelogRow[] = [];
              const after = need(dataRows, "data");
              const before = need(oldRows, "old");
              const oldNode = field("old");
              after.forEach((a, i) => {
                const b = [...need(before[i] ?? null, "old")];
                // Fields absent from "old" did not change: copy them from "data".
                names.forEach((name, f) => {
                  if (b[f] === null && findValue(oldNode, name) === undefined) b[f] = a[f];
                });
                out.push({ kind: "-U", values: b }, { kind: "+U", values: a });
              });
              return out;
            }
            case "CREATE":
              return [];
            default:
              throw new Error(`Unknown "type" value "${type}". The Canal JSON message is '${text()}'`);
          }
        } catch (e) {
          if (config.ignoreParseErrors) return [];
          throw new FormatError(`Corrupt Canal JSON message '${text()}'. ${(e as Error).message}`, (e as { field?: string }).field);
        }
      },
    };
  },
};
