/**
 * The `maxwell-json` format (MaxwellJsonFormatFactory, MaxwellJsonSerializationSchema,
 * MaxwellJsonDeserializationSchema, Flink 1.20).
 *
 * Writing: {"data":{…},"type":"insert"} for +I/+U and "delete" for -U/-D. Reading: insert → +I,
 * delete → -D, update → -U (from "old", unchanged fields copied from "data") and +U.
 */
import type { ConfigOption } from "@/lib/options/config-option";
import type { FormatFactory, RowDeserializer, RowSerializer } from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { T, type ChangelogRow, type Value } from "@/lib/types/logical-type";
import { throwFirst } from "@/lib/formats/json/json-format";
import { JsonRowDecoder, JsonRowEncoder, rowSummary } from "@/lib/formats/json/json-codec";
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

export const MAXWELL_JSON_OPTIONS: readonly ConfigOption[] = changelogJsonOptions();

export const maxwellJsonFormat: FormatFactory = {
  identifier: "maxwell-json",
  schemaless: "json-value",
  requiredOptions: [],
  optionalOptions: MAXWELL_JSON_OPTIONS,
  changelogMode: "all",
  // MaxwellJsonDecodingFormat.ReadableMetadata
  readableMetadata: [
    { key: "database", type: T.string() },
    { key: "table", type: T.string() },
    { key: "primary-key-columns", type: T.array(T.string()) },
    { key: "ingestion-timestamp", type: T.timestampLtz(3) },
  ],

  validate(ctx) {
    return changelogJsonIssues(ctx, MAXWELL_JSON_OPTIONS);
  },

  createSerializer(ctx): RowSerializer {
    throwFirst(validateJsonEncoding(FormatOptions.of(ctx, MAXWELL_JSON_OPTIONS)), ctx);
    const envelope = envelopeRow([
      { name: "data", type: nullableData(ctx) },
      { name: "type", type: T.string() },
    ]);
    const encoder = new JsonRowEncoder(
      envelope,
      readJsonEncoding(ctx.options, MAXWELL_JSON_OPTIONS),
    );
    return {
      serialize(row) {
        const type = writtenAsInsert(row.kind) ? "insert" : "delete";
        return encoder.encode([row.values, type], () => rowSummary(row.kind, row.values));
      },
    };
  },

  createDeserializer(ctx): RowDeserializer {
    throwFirst(validateJsonDecoding(FormatOptions.of(ctx, MAXWELL_JSON_OPTIONS), false), ctx);
    const config = readJsonDecoding(ctx.options, MAXWELL_JSON_OPTIONS);
    const data = nullableData(ctx);
    const envelope = envelopeRow([
      { name: "data", type: data },
      { name: "old", type: data },
      { name: "type", type: T.string() },
    ]);
    const decoder = new JsonRowDecoder(envelope, config);
    const names = ctx.rowType.fields.map((f) => f.name);
    return changelogJsonDeserializer(
      "Maxwell",
      config.ignoreParseErrors,
      (bytes, text): ChangelogRow[] => {
        const root = decoder.parse(bytes);
        const row = decoder.convertNode(root);
        if (row === null) throw new Error("the message is null");
        const [after, before, type] = row as [Value[] | null, Value[] | null, string | null];
        if (type === null) throw new Error('the "type" field is missing');
        switch (type) {
          case "insert":
            return [{ kind: "+I", values: requireField(after, "data") }];
          case "delete":
            return [{ kind: "-D", values: requireField(after, "data") }];
          case "update": {
            const a = requireField(after, "data");
            const oldNode = root.type === "object" ? root.fields.get("old") : undefined;
            const b = beforeWithUnchanged(requireField(before, "old"), a, oldNode, names);
            return [
              { kind: "-U", values: b },
              { kind: "+U", values: a },
            ];
          }
          default:
            throw new Error(
              `Unknown "type" value "${type}". The Maxwell JSON message is '${text()}'`,
            );
        }
      },
    );
  },
};
