/** The `json` format factory (JsonFormatFactory, Flink 1.20). */
import {
  FormatError,
  type FormatContext,
  type FormatFactory,
  type FormatIssue,
  type RowDeserializer,
  type RowSerializer,
} from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { utf8Decode } from "@/lib/formats/common/text";
import {
  JSON_OPTIONS,
  readJsonDecoding,
  readJsonEncoding,
  validateJsonDecoding,
  validateJsonEncoding,
} from "./json-options";
import { jsonUnsupported } from "./row-to-json";
import { JsonRowDecoder, JsonRowEncoder, rowSummary } from "./json-codec";
import { parseJson } from "./json-node";
import { createJsonRowReader } from "./json-row-reader";

export const jsonFormat: FormatFactory = {
  identifier: "json",
  schemaless: "json-value",
  requiredOptions: [],
  optionalOptions: JSON_OPTIONS,
  changelogMode: "insert-only",

  validate(ctx: FormatContext): FormatIssue[] {
    const o = FormatOptions.of(ctx, JSON_OPTIONS);
    return [
      ...dedupe([...validateJsonEncoding(o), ...validateJsonDecoding(o)]),
      ...jsonTypeIssues(ctx),
    ];
  },

  createSerializer(ctx: FormatContext): RowSerializer {
    throwFirst(validateJsonEncoding(FormatOptions.of(ctx, JSON_OPTIONS)), ctx);
    const encoder = new JsonRowEncoder(ctx.rowType, readJsonEncoding(ctx.options));
    return {
      serialize: (row) => encoder.encode(row.values, () => rowSummary(row.kind, row.values)),
    };
  },

  createDeserializer(ctx: FormatContext): RowDeserializer {
    throwFirst(validateJsonDecoding(FormatOptions.of(ctx, JSON_OPTIONS)), ctx);
    const config = readJsonDecoding(ctx.options);
    const decoder = new JsonRowDecoder(ctx.rowType, config);
    const readRow = createJsonRowReader(ctx.rowType, config);
    return {
      deserialize(bytes) {
        // An empty message is a missing node: no row, no error (testDeserializationMissingNode).
        if (bytes.length === 0) return [];
        const text = utf8Decode(bytes);
        const fast = readRow(text);
        if (fast !== undefined) return [{ kind: "+I", values: fast }];
        try {
          const values = decoder.convertNode(parseJson(text));
          return values === null ? [] : [{ kind: "+I", values }];
        } catch (e) {
          if (config.ignoreParseErrors) return [];
          const column = (e as { field?: string }).field;
          throw new FormatError(
            `Failed to deserialize JSON '${text}'. ${(e as Error).message}`,
            column,
          );
        }
      },
    };
  },
};

export function dedupe(issues: FormatIssue[]): FormatIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.message) ? false : (seen.add(i.message), true)));
}

/** One error per column whose type JSON cannot carry (the json and changelog JSON formats). */
export function jsonTypeIssues(ctx: FormatContext): FormatIssue[] {
  return ctx.rowType.fields.flatMap((f) => {
    const message = jsonUnsupported(f.type);
    return message ? [{ severity: "error" as const, column: f.name, message }] : [];
  });
}

/** Throws the first error; also checks the row type, as Flink does when it builds the codec. */
export function throwFirst(issues: FormatIssue[], ctx: FormatContext): void {
  const error = [...issues, ...jsonTypeIssues(ctx)].find((i) => i.severity === "error");
  if (error) throw new FormatError(error.message, error.column);
}
