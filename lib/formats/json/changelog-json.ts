/**
 * What the changelog JSON formats (debezium-json, canal-json, maxwell-json, Flink 1.20) share
 * around their own wire shapes: the JSON options they all declare and their checks, the envelope
 * row, which row kinds are written as inserts, the "old" field rule of canal and maxwell, and the
 * deserializer frame (tombstones, ignore-parse-errors, "Corrupt <Format> JSON message" wrapping).
 */
import type { ConfigOption } from "@/lib/options/config-option";
import {
  FormatError,
  type FormatContext,
  type FormatIssue,
  type RowDeserializer,
} from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { utf8Decode } from "@/lib/formats/common/text";
import type { ChangelogRow, LogicalType, RowField, RowKind, Value } from "@/lib/types/logical-type";
import { findValue } from "./json-find";
import type { JsonNode } from "./json-node";
import { dedupe, jsonTypeIssues } from "./json-format";
import {
  ENCODE_DECIMAL_AS_PLAIN_NUMBER,
  ENCODE_IGNORE_NULL_FIELDS,
  IGNORE_PARSE_ERRORS,
  MAP_NULL_KEY_LITERAL,
  MAP_NULL_KEY_MODE,
  TIMESTAMP_FORMAT,
  validateJsonDecoding,
  validateJsonEncoding,
} from "./json-options";

export type Row = Extract<LogicalType, { kind: "ROW" }>;

/**
 * The JsonFormatOptions each changelog JSON format declares, in Flink's order; debezium-json
 * passes its own ignore-parse-errors (same key, its own description).
 */
export function changelogJsonOptions(
  ignoreParseErrors: ConfigOption = IGNORE_PARSE_ERRORS,
): ConfigOption[] {
  return [
    ignoreParseErrors,
    TIMESTAMP_FORMAT,
    MAP_NULL_KEY_MODE,
    MAP_NULL_KEY_LITERAL,
    ENCODE_DECIMAL_AS_PLAIN_NUMBER,
    ENCODE_IGNORE_NULL_FIELDS,
  ];
}

/**
 * A changelog JSON format's validate(): the JSON encoding and decoding checks (these formats do not
 * declare fail-on-missing-field), then the format's own issues, then the row type; each message once.
 */
export function changelogJsonIssues(
  ctx: FormatContext,
  declared: readonly ConfigOption[],
  own: FormatIssue[] = [],
): FormatIssue[] {
  const o = FormatOptions.of(ctx, declared);
  return dedupe([
    ...validateJsonEncoding(o),
    ...validateJsonDecoding(o, false),
    ...own,
    ...jsonTypeIssues(ctx),
  ]);
}

/** The envelope a message is read or written as: a non-null ROW of the given fields. */
export function envelopeRow(fields: RowField[]): Row {
  return { kind: "ROW", nullable: false, fields };
}

/** The table row as it stands inside an envelope, where it may be null. */
export function nullableData(ctx: FormatContext): Row {
  return { ...ctx.rowType, nullable: true };
}

/**
 * The serializers write +I and +U as an insert and -U and -D as a delete: none of the three
 * writes an update message.
 */
export function writtenAsInsert(kind: RowKind): boolean {
  return kind === "+I" || kind === "+U";
}

/** A field the message type requires, or an error naming it. */
export function requireField<X>(value: X | null, name: string): X {
  if (value === null) throw new Error(`the "${name}" field is null`);
  return value;
}

/**
 * canal-json and maxwell-json UPDATE: "old" carries only the changed fields, so a field that is
 * null in `before` and absent from the message's "old" node (Jackson findValue over the whole node,
 * as Flink searches it) did not change and is copied from `after`. Returns a new array.
 */
export function beforeWithUnchanged(
  before: Value[],
  after: Value[],
  oldNode: JsonNode | undefined,
  names: string[],
): Value[] {
  const b = [...before];
  names.forEach((name, f) => {
    if (b[f] === null && findValue(oldNode, name) === undefined) b[f] = after[f];
  });
  return b;
}

/**
 * The deserializer around a format's `decode`: an empty message (a tombstone) gives no rows; a
 * failure gives no rows with ignore-parse-errors, else "Corrupt <name> JSON message '<text>'."
 * with the cause, pointing at the field when the JSON decoder names one.
 */
export function changelogJsonDeserializer(
  name: "Debezium" | "Canal" | "Maxwell",
  ignoreParseErrors: boolean,
  decode: (bytes: Uint8Array, text: () => string) => ChangelogRow[],
): RowDeserializer {
  return {
    deserialize(bytes): ChangelogRow[] {
      if (bytes.length === 0) return [];
      const text = () => utf8Decode(bytes);
      try {
        return decode(bytes, text);
      } catch (e) {
        if (ignoreParseErrors) return [];
        throw new FormatError(
          `Corrupt ${name} JSON message '${text()}'. ${(e as Error).message}`,
          (e as { field?: string }).field,
        );
      }
    },
  };
}
