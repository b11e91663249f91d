/**
 * Parsing and validating one Kafka client property value as the Java ConfigDef does
 * (ConfigDef.parseType, Range, ValidString, NonEmptyString), with ConfigException's wording:
 * "Invalid value <v> for configuration <key>: <reason>". Password values print as [hidden],
 * as Kafka's Password.toString() does. Browser-safe.
 */
import type { ClientConfigKey, ConfigType } from "./catalog";

export type ParsedValue = string | number | boolean | string[];

export type ValueCheck = { ok: true; value: ParsedValue } | { ok: false; reason: string };

const INT_RE = /^[+-]?\d+$/;
const DOUBLE_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/;

function parseInteger(text: string, bits: 16 | 32 | 64): bigint | undefined {
  if (!INT_RE.test(text)) return undefined;
  const n = BigInt(text);
  const limit = 1n << BigInt(bits - 1);
  return n >= -limit && n < limit ? n : undefined;
}

const TYPE_NAME: Record<ConfigType, string> = {
  string: "STRING",
  int: "INT",
  short: "SHORT",
  long: "LONG",
  double: "DOUBLE",
  boolean: "BOOLEAN",
  list: "LIST",
  class: "CLASS",
  password: "PASSWORD",
};

/** ConfigDef.parseType for a string value (trimmed first, as ConfigDef does). */
export function parseClientValue(type: ConfigType, raw: string): ValueCheck {
  const trimmed = raw.trim();
  switch (type) {
    case "boolean":
      if (trimmed.toLowerCase() === "true") return { ok: true, value: true };
      if (trimmed.toLowerCase() === "false") return { ok: true, value: false };
      return { ok: false, reason: "Expected value to be either true or false" };
    case "int":
    case "short":
    case "long": {
      const n = parseInteger(trimmed, type === "short" ? 16 : type === "int" ? 32 : 64);
      if (n === undefined) return { ok: false, reason: `Not a number of type ${TYPE_NAME[type]}` };
      return { ok: true, value: Number(n) };
    }
    case "double":
      if (!DOUBLE_RE.test(trimmed)) return { ok: false, reason: "Not a number of type DOUBLE" };
      return { ok: true, value: Number.parseFloat(trimmed) };
    case "list":
      return { ok: true, value: trimmed === "" ? [] : trimmed.split(/\s*,\s*/) };
    case "string":
    case "password":
    case "class":
      return { ok: true, value: trimmed };
  }
}

/** Java's Number.toString for the bound: doubles keep their ".0". */
function formatBound(n: number, type: ConfigType): string {
  return type === "double" && Number.isInteger(n) ? `${n}.0` : String(n);
}

/** The reason a parsed value fails the key's validator, or undefined when it passes. */
export function validatorFailure(entry: ClientConfigKey, value: ParsedValue): string | undefined {
  const v = entry.validator;
  if (!v) return undefined;
  switch (v.kind) {
    case "in":
      return v.values.includes(String(value))
        ? undefined
        : `String must be one of: ${v.values.join(", ")}`;
    case "range": {
      const n = value as number;
      if (v.min !== undefined && n < v.min)
        return `Value must be at least ${formatBound(v.min, entry.type)}`;
      if (v.max !== undefined && n > v.max)
        return `Value must be no more than ${formatBound(v.max, entry.type)}`;
      return undefined;
    }
    case "non-empty":
      return String(value) === "" ? "String must be non-empty" : undefined;
  }
}

/** ConfigException's message. */
export function invalidValueMessage(key: string, shownValue: string, reason: string): string {
  return `Invalid value ${shownValue} for configuration ${key}: ${reason}`;
}
