/**
 * JsonFormatOptions (Flink 1.20) and JsonFormatOptionsUtil's checks, shared by json and the
 * changelog JSON formats (debezium-json, canal-json, maxwell-json declare subsets of them).
 */
import { option, type ConfigOption } from "@/lib/options/config-option";
import type { FormatIssue } from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";

export const FAIL_ON_MISSING_FIELD = option(
  "fail-on-missing-field",
  { kind: "boolean" },
  "Optional flag to specify whether to fail if a field is missing or not, false by default.",
  "false",
);
export const IGNORE_PARSE_ERRORS = option(
  "ignore-parse-errors",
  { kind: "boolean" },
  "Optional flag to skip fields and rows with parse errors instead of failing;\nfields are set to null in case of errors, false by default.",
  "false",
);
export const MAP_NULL_KEY_MODE = option(
  "map-null-key.mode",
  { kind: "string" },
  "Optional flag to control the handling mode when serializing null key for map data, FAIL by default. Option DROP will drop null key entries for map data. Option LITERAL will use 'map-null-key.literal' as key literal.",
  "FAIL",
);
export const MAP_NULL_KEY_LITERAL = option(
  "map-null-key.literal",
  { kind: "string" },
  "Optional flag to specify string literal for null keys when 'map-null-key.mode' is LITERAL, \"null\" by default.",
  "null",
);
export const TIMESTAMP_FORMAT = option(
  "timestamp-format.standard",
  { kind: "string" },
  'Optional flag to specify timestamp format, SQL by default. Option ISO-8601 will parse input timestamp in "yyyy-MM-ddTHH:mm:ss.s{precision}" format and output timestamp in the same format. Option SQL will parse input timestamp in "yyyy-MM-dd HH:mm:ss.s{precision}" format and output timestamp in the same format.',
  "SQL",
);
export const ENCODE_DECIMAL_AS_PLAIN_NUMBER = option(
  "encode.decimal-as-plain-number",
  { kind: "boolean" },
  "Optional flag to specify whether to encode all decimals as plain numbers instead of possible scientific notations, false by default.",
  "false",
);
export const ENCODE_IGNORE_NULL_FIELDS = option(
  "encode.ignore-null-fields",
  { kind: "boolean" },
  "Optional flag to specify whether to ignore null fields when encoding, false by default.",
  "false",
);
export const DECODE_JSON_PARSER_ENABLED = option(
  "decode.json-parser.enabled",
  { kind: "boolean" },
  "Optional flag to specify whether to use the Jackson JsonParser to decode json with better performance, true by default.",
  "true",
);

export const JSON_OPTIONS: readonly ConfigOption[] = [
  FAIL_ON_MISSING_FIELD,
  IGNORE_PARSE_ERRORS,
  TIMESTAMP_FORMAT,
  MAP_NULL_KEY_MODE,
  MAP_NULL_KEY_LITERAL,
  ENCODE_DECIMAL_AS_PLAIN_NUMBER,
  ENCODE_IGNORE_NULL_FIELDS,
  DECODE_JSON_PARSER_ENABLED,
];

export type TimestampStandard = "SQL" | "ISO-8601";
export type MapNullKeyMode = "FAIL" | "DROP" | "LITERAL";

export interface JsonEncodingConfig {
  timestampFormat: TimestampStandard;
  mapNullKeyMode: MapNullKeyMode;
  mapNullKeyLiteral: string;
  encodeDecimalAsPlainNumber: boolean;
  ignoreNullFields: boolean;
}

export interface JsonDecodingConfig {
  timestampFormat: TimestampStandard;
  failOnMissingField: boolean;
  ignoreParseErrors: boolean;
}

export function readJsonEncoding(
  options: ReadonlyMap<string, string>,
  declared: readonly ConfigOption[] = JSON_OPTIONS,
): JsonEncodingConfig {
  const o = new FormatOptions(options, declared);
  return {
    timestampFormat: o.string(TIMESTAMP_FORMAT.key) as TimestampStandard,
    // JsonFormatOptionsUtil.getMapNullKeyMode upper-cases the value.
    mapNullKeyMode: o.string(MAP_NULL_KEY_MODE.key)!.toUpperCase() as MapNullKeyMode,
    mapNullKeyLiteral: o.string(MAP_NULL_KEY_LITERAL.key)!,
    encodeDecimalAsPlainNumber: o.boolean(ENCODE_DECIMAL_AS_PLAIN_NUMBER.key),
    ignoreNullFields: o.boolean(ENCODE_IGNORE_NULL_FIELDS.key),
  };
}

export function readJsonDecoding(
  options: ReadonlyMap<string, string>,
  declared: readonly ConfigOption[] = JSON_OPTIONS,
): JsonDecodingConfig {
  const o = new FormatOptions(options, declared);
  return {
    timestampFormat: o.string(TIMESTAMP_FORMAT.key) as TimestampStandard,
    failOnMissingField:
      declared.includes(FAIL_ON_MISSING_FIELD) && o.boolean(FAIL_ON_MISSING_FIELD.key),
    ignoreParseErrors: o.boolean(IGNORE_PARSE_ERRORS.key),
  };
}

/** JsonFormatOptionsUtil.validateTimestampFormat. */
export function validateTimestampFormat(o: FormatOptions): FormatIssue[] {
  const value = o.string(TIMESTAMP_FORMAT.key)!;
  if (value === "SQL" || value === "ISO-8601") return [];
  return [
    {
      severity: "error",
      option: TIMESTAMP_FORMAT.key,
      message: `Unsupported value '${value}' for ${TIMESTAMP_FORMAT.key}. Supported values are [SQL, ISO-8601].`,
    },
  ];
}

/** JsonFormatOptionsUtil.validateEncodingFormatOptions (the set prints in Java HashSet order). */
export function validateJsonEncoding(o: FormatOptions): FormatIssue[] {
  const issues: FormatIssue[] = [];
  const mode = o.string(MAP_NULL_KEY_MODE.key)!;
  if (mode !== "FAIL" && mode !== "DROP" && mode !== "LITERAL") {
    issues.push({
      severity: "error",
      option: MAP_NULL_KEY_MODE.key,
      message: `Unsupported value '${mode}' for option ${MAP_NULL_KEY_MODE.key}. Supported values are [LITERAL, FAIL, DROP].`,
    });
  }
  return issues.concat(validateTimestampFormat(o));
}

/** JsonFormatOptionsUtil.validateDecodingFormatOptions. */
export function validateJsonDecoding(o: FormatOptions, checkMissingField = true): FormatIssue[] {
  const issues: FormatIssue[] = [];
  if (
    checkMissingField &&
    o.boolean(FAIL_ON_MISSING_FIELD.key) &&
    o.boolean(IGNORE_PARSE_ERRORS.key)
  ) {
    issues.push({
      severity: "error",
      option: FAIL_ON_MISSING_FIELD.key,
      message: `${FAIL_ON_MISSING_FIELD.key} and ${IGNORE_PARSE_ERRORS.key} shouldn't both be true.`,
    });
  }
  return issues.concat(validateTimestampFormat(o));
}
