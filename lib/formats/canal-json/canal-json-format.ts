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
import type {
  FormatFactory,
  FormatIssue,
  RowDeserializer,
  RowSerializer,
} from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { T, type ChangelogRow, type Value } from "@/lib/types/logical-type";
import { throwFirst } from "@/lib/formats/json/json-format";
import { JsonRowDecoder, JsonRowEncoder, rowSummary } from "@/lib/formats/json/json-codec";
import { nodeText } from "@/lib/formats/json/json-node";
import {
  readJsonDecoding,
  readJsonEncoding,
  validateJsonDecoding,
  validateJsonEncoding,
} from "@/lib/formats/json/json-options";
import {
  beforeWithUnchanged,
  changelogJsonDeserializer,
  changelogJsonIssues,
  changelogJsonOptions,
  envelopeRow,
  nullableData,
  requireField,
  writtenAsInsert,
} from "@/lib/formats/json/changelog-json";

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
  ...changelogJsonOptions(),
  DATABASE_INCLUDE,
  TABLE_INCLUDE,
];

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
      issues.push({
        severity: "error",
        option: key,
        message: `Option 'canal-json.${key}' is not a valid regular expression: ${(e as Error).message}`,
      });
    }
  }
  return issues;
}

export const canalJsonFormat: FormatFactory = {
  identifier: "canal-json",
  schemaless: "json-value",
  requiredOptions: [],
  optionalOptions: CANAL_JSON_OPTIONS,
  changelogMode: "all",
  // CanalJsonDecodingFormat.ReadableMetadata
  readableMetadata: [
    { key: "database", type: T.string() },
    { key: "table", type: T.string() },
    { key: "sql-type", type: T.map(T.string(false), T.int(false)) },
    { key: "pk-names", type: T.array(T.string()) },
    { key: "ingestion-timestamp", type: T.timestampLtz(3) },
    { key: "event-timestamp", type: T.timestampLtz(3) },
  ],

  validate(ctx) {
    return changelogJsonIssues(
      ctx,
      CANAL_JSON_OPTIONS,
      patternIssues(FormatOptions.of(ctx, CANAL_JSON_OPTIONS)),
    );
  },

  createSerializer(ctx): RowSerializer {
    throwFirst(validateJsonEncoding(FormatOptions.of(ctx, CANAL_JSON_OPTIONS)), ctx);
    const envelope = envelopeRow([
      { name: "data", type: T.array(nullableData(ctx)) },
      { name: "type", type: T.string() },
    ]);
    const encoder = new JsonRowEncoder(envelope, readJsonEncoding(ctx.options, CANAL_JSON_OPTIONS));
    return {
      serialize(row) {
        const type = writtenAsInsert(row.kind) ? "INSERT" : "DELETE";
        return encoder.encode([[row.values], type], () => rowSummary(row.kind, row.values));
      },
    };
  },

  createDeserializer(ctx): RowDeserializer {
    const o = FormatOptions.of(ctx, CANAL_JSON_OPTIONS);
    throwFirst([...validateJsonDecoding(o, false), ...patternIssues(o)], ctx);
    const config = readJsonDecoding(ctx.options, CANAL_JSON_OPTIONS);
    const database = o.explicit(DATABASE_INCLUDE.key);
    const table = o.explicit(TABLE_INCLUDE.key);
    const databasePattern = database === undefined ? undefined : wholeMatch(database);
    const tablePattern = table === undefined ? undefined : wholeMatch(table);
    const data = nullableData(ctx);
    const envelope = envelopeRow([
      { name: "data", type: T.array(data) },
      { name: "old", type: T.array(data) },
      { name: "type", type: T.string() },
      { name: "database", type: T.string() },
      { name: "table", type: T.string() },
    ]);
    const decoder = new JsonRowDecoder(envelope, config);
    const names = ctx.rowType.fields.map((f) => f.name);
    return changelogJsonDeserializer(
      "Canal",
      config.ignoreParseErrors,
      (bytes, text): ChangelogRow[] => {
        const root = decoder.parse(bytes);
        const field = (name: string) =>
          root.type === "object" ? root.fields.get(name) : undefined;
        const metaText = (name: string) => {
          const node = field(name);
          if (node === undefined) throw new Error(`the "${name}" field is missing`);
          return nodeText(node);
        };
        if (databasePattern && !databasePattern.test(metaText("database"))) return [];
        if (tablePattern && !tablePattern.test(metaText("table"))) return [];
        const row = decoder.convertNode(root);
        if (row === null) throw new Error("the message is null");
        const [dataRows, oldRows, type] = row as [
          Value[][] | null,
          Value[][] | null,
          string | null,
        ];
        if (type === null) throw new Error('the "type" field is missing');
        switch (type) {
          case "INSERT":
            return requireField(dataRows, "data").map((values) => ({ kind: "+I", values }));
          case "DELETE":
            return requireField(dataRows, "data").map((values) => ({ kind: "-D", values }));
          case "UPDATE": {
            const out: ChangelogRow[] = [];
            const after = requireField(dataRows, "data");
            const before = requireField(oldRows, "old");
            const oldNode = field("old");
            after.forEach((a, i) => {
              const b = beforeWithUnchanged(
                requireField(before[i] ?? null, "old"),
                a,
                oldNode,
                names,
              );
              out.push({ kind: "-U", values: b }, { kind: "+U", values: a });
            });
            return out;
          }
          case "CREATE":
            return [];
          default:
            throw new Error(
              `Unknown "type" value "${type}". The Canal JSON message is '${text()}'`,
            );
        }
      },
    );
  },
};
