/**
 * More of Flink 1.20's built-in functions (docs/content/docs/dev/table/functions/systemFunctions.md),
 * each described once: signatures, the return type Flink/Calcite infer, and the evaluation with
 * Flink's results. functions.ts registers them with the validator, evaluate.ts runs them.
 * Temporal units follow Calcite 1.32 (SqlTimestampAddFunction.deduceType, TIMESTAMPDIFF → INT,
 * DateTimeUtils.subtractMonths/addMonths); string functions follow Flink's SqlFunctionUtils
 * (LPAD/RPAD give NULL for a negative length or an empty pad). Browser-safe.
 */
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import {
  civilFromMillis,
  formatWithPattern,
  isValidZone,
  parseWithPattern,
  wallClockToInstant,
  zoneOffsetMillis,
} from "@/lib/sql/datetime";
import { javaDoubleToString, javaFloatToString } from "@/lib/sql/java-text";
import { jsonPathNode } from "@/lib/sql/json-path";
import { flinkHashCode } from "@/lib/sql/java-hash";
import { encodeBase64 } from "@/lib/formats/common/base64";
// DateTimeFormatter.ISO_LOCAL_DATE_TIME with "T" (JsonGenerateUtils formats TIMESTAMPs with it).
import { formatLocalDateTime } from "@/lib/formats/common/temporal";
import { isCharacterString, isIntegerType, isNumeric, commonType } from "@/lib/sql/types";
import {
  Decimal,
  MAX_LENGTH,
  MapValue,
  T,
  Timestamp,
  typeToString,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";

export interface BuiltinArg {
  type: LogicalType;
  literal?: unknown;
}

export interface EvalEnv {
  localTimeZone: string;
  now(): number;
}

export interface Builtin {
  name: string;
  signatures: string[];
  minArgs: number;
  maxArgs: number;
  infer(args: BuiltinArg[]): LogicalType | { error: string | null };
  /** `nested[i]`: operand i is itself a JSON_OBJECT/JSON_ARRAY call (inserted as JSON, not text). */
  run(
    args: Value[],
    types: LogicalType[],
    result: LogicalType,
    env: EvalEnv,
    nested: boolean[],
  ): Value;
  dynamic?: boolean;
  /** The arguments reach `run` cast to the result type (GREATEST/LEAST over mixed types). */
  castArgsToResult?: boolean;
}

const MS_PER_DAY = 86_400_000;
const mismatch = { error: null };
const anyNullable = (args: BuiltinArg[]) => args.some((a) => a.type.nullable);
const isStr = (t: LogicalType) => isCharacterString(t) || t.kind === "NULL";
const isInt = (t: LogicalType) => isIntegerType(t) || t.kind === "NULL";
const isNum = (t: LogicalType) => isNumeric(t) || t.kind === "NULL";
const isDateLike = (t: LogicalType) =>
  t.kind === "DATE" || t.kind === "TIMESTAMP" || t.kind === "TIMESTAMP_LTZ";
const num = (v: Value): number =>
  typeof v === "number"
    ? v
    : typeof v === "bigint"
      ? Number(v)
      : v instanceof Decimal
        ? Number(v.toString())
        : Number(v);
const nullIfAny = (f: (a: Value[]) => Value) => (args: Value[]) =>
  args.some((a) => a === null) ? null : f(args);

// ---- temporal values ------------------------------------------------------------------------

/** Wall-clock millis (UTC-based) of a DATE, TIME, TIMESTAMP or TIMESTAMP_LTZ value. */
function wallMillis(v: Value, t: LogicalType, env: EvalEnv): number {
  switch (t.kind) {
    case "DATE":
      return (v as number) * MS_PER_DAY;
    case "TIME":
      return v as number;
    case "TIMESTAMP_LTZ": {
      const ms = (v as Timestamp).epochMillis;
      return ms + zoneOffsetMillis(env.localTimeZone, ms);
    }
    default:
      return (v as Timestamp).epochMillis;
  }
}

function fromWall(ms: number, nanos: number, t: LogicalType, env: EvalEnv): Value {
  switch (t.kind) {
    case "DATE":
      return Math.floor(ms / MS_PER_DAY);
    case "TIME":
      return ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
    case "TIMESTAMP_LTZ":
      return new Timestamp(ms - zoneOffsetMillis(env.localTimeZone, ms), nanos);
    default:
      return new Timestamp(ms, nanos);
  }
}

const nanosOf = (v: Value) => (v instanceof Timestamp ? v.nanoOfMillisecond : 0);

function isoWeek(ms: number): { week: number; year: number } {
  const c = civilFromMillis(ms);
  const day = Math.floor(ms / MS_PER_DAY);
  // Thursday of this ISO week decides the year.
  const thursday = day - c.dayOfWeek + 4;
  const ty = civilFromMillis(thursday * MS_PER_DAY).year;
  const jan1 = Math.floor(Date.UTC(ty, 0, 1) / MS_PER_DAY);
  return { week: Math.floor((thursday - jan1) / 7) + 1, year: ty };
}

/** EXTRACT(unit FROM v) as Calcite's DateTimeUtils computes it. */
function extract(unit: string, v: Value, t: LogicalType, env: EvalEnv): bigint {
  const ms = wallMillis(v, t, env);
  const c = civilFromMillis(ms);
  const dayOfYear =
    Math.floor(ms / MS_PER_DAY) - Math.floor(Date.UTC(c.year, 0, 1) / MS_PER_DAY) + 1;
  switch (unit) {
    case "MILLENNIUM":
      return BigInt(Math.floor((c.year - 1) / 1000) + 1);
    case "CENTURY":
      return BigInt(Math.floor((c.year - 1) / 100) + 1);
    case "DECADE":
      return BigInt(Math.floor(c.year / 10));
    case "YEAR":
      return BigInt(c.year);
    case "ISOYEAR":
      return BigInt(isoWeek(ms).year);
    case "QUARTER":
      return BigInt(Math.floor((c.month - 1) / 3) + 1);
    case "MONTH":
      return BigInt(c.month);
    case "WEEK":
      return BigInt(isoWeek(ms).week);
    case "DAY":
      return BigInt(c.day);
    case "DOY":
      return BigInt(dayOfYear);
    case "DOW":
      return BigInt((c.dayOfWeek % 7) + 1); // 1 = Sunday … 7 = Saturday
    case "ISODOW":
      return BigInt(c.dayOfWeek); // 1 = Monday … 7 = Sunday
    case "HOUR":
      return BigInt(c.hour);
    case "MINUTE":
      return BigInt(c.minute);
    case "SECOND":
      return BigInt(c.second);
    case "MILLISECOND":
      return BigInt(c.second * 1000 + c.millis);
    case "MICROSECOND":
      return BigInt(c.second * 1_000_000 + c.millis * 1000 + Math.floor(nanosOf(v) / 1000));
    case "NANOSECOND":
      return BigInt(c.second) * 1_000_000_000n + BigInt(c.millis * 1_000_000 + nanosOf(v));
    case "EPOCH":
      return BigInt(Math.floor(ms / 1000));
    default:
      throw new Error(`EXTRACT(${unit}) is not supported`);
  }
}

const DATE_UNITS = [
  "MILLENNIUM",
  "CENTURY",
  "DECADE",
  "YEAR",
  "ISOYEAR",
  "QUARTER",
  "MONTH",
  "WEEK",
  "DAY",
  "DOY",
  "DOW",
  "ISODOW",
  "EPOCH",
];
const TIME_UNITS = ["HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND"];
export const EXTRACT_UNITS = [...DATE_UNITS, ...TIME_UNITS];

function extractType(unit: string, t: LogicalType): LogicalType | { error: string | null } {
  if (t.kind === "NULL") return T.bigint(true);
  if (!isDateLike(t) && t.kind !== "TIME") return mismatch;
  if (t.kind === "DATE" && TIME_UNITS.includes(unit))
    return { error: `Extract of time unit ${unit} from DATE is not supported.` };
  if (t.kind === "TIME" && DATE_UNITS.includes(unit) && unit !== "EPOCH")
    return { error: `Extract of time unit ${unit} from TIME is not supported.` };
  return T.bigint(t.nullable);
}

/** Calcite DateTimeUtils.addMonths: the day is clamped to the target month's last day. */
function addMonthsToDays(days: number, months: number): number {
  const c = civilFromMillis(days * MS_PER_DAY);
  const total = c.year * 12 + (c.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(c.day, last)) / MS_PER_DAY);
}

function addMonthsToMillis(ms: number, months: number): number {
  const day = Math.floor(ms / MS_PER_DAY);
  return addMonthsToDays(day, months) * MS_PER_DAY + (ms - day * MS_PER_DAY);
}

/** Calcite DateTimeUtils.subtractMonths(t0, t1) for wall-clock millis. */
function subtractMonths(t0: number, t1: number): number {
  if (t0 < t1) return -subtractMonths(t1, t0);
  const d0 = Math.floor(t0 / MS_PER_DAY);
  const d1 = Math.floor(t1 / MS_PER_DAY);
  const ms0 = t0 - d0 * MS_PER_DAY;
  const ms1 = t1 - d1 * MS_PER_DAY;
  let m = Math.floor((d0 - d1) / 31);
  for (;;) {
    const d2 = addMonthsToDays(d1, m);
    if (d2 >= d0) break;
    if (addMonthsToDays(d1, m + 1) > d0) break;
    m++;
  }
  if (addMonthsToDays(d1, m) === d0 && ms0 < ms1) m--;
  return m;
}

const UNIT_MILLIS: Record<string, number> = {
  WEEK: 7 * MS_PER_DAY,
  DAY: MS_PER_DAY,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
  MILLISECOND: 1,
};
const UNIT_MONTHS: Record<string, number> = { YEAR: 12, QUARTER: 3, MONTH: 1 };
export const TIMESTAMP_UNITS = [...Object.keys(UNIT_MONTHS), ...Object.keys(UNIT_MILLIS)];

const unitOf = (a: BuiltinArg) =>
  typeof a.literal === "string" ? a.literal.toUpperCase() : undefined;

function floorOrCeilTo(v: Value, t: LogicalType, unit: string, ceil: boolean, env: EvalEnv): Value {
  const ms = wallMillis(v, t, env);
  let floored: number;
  if (unit in UNIT_MONTHS) {
    const c = civilFromMillis(ms);
    const months = UNIT_MONTHS[unit];
    const m0 = Math.floor((c.month - 1) / months) * months;
    floored = Date.UTC(c.year, m0, 1);
    if (ceil && (floored !== ms || nanosOf(v) > 0)) floored = Date.UTC(c.year, m0 + months, 1);
  } else {
    const step = UNIT_MILLIS[unit];
    floored = Math.floor(ms / step) * step;
    if (ceil && (floored !== ms || nanosOf(v) > 0)) floored += step;
  }
  return fromWall(floored, 0, t, env);
}

// ---- strings ----------------------------------------------------------------------------------

/** Flink's SqlFunctionUtils.lpad / rpad. */
function pad(base: string, len: number, padding: string, left: boolean): string | null {
  if (len < 0 || padding === "") return null;
  if (len === 0) return "";
  const chars = [...base];
  if (chars.length >= len) return chars.slice(0, len).join("");
  const fill = [...padding];
  const need = len - chars.length;
  const filler: string[] = [];
  for (let i = 0; i < need; i++) filler.push(fill[i % fill.length]);
  return left ? filler.join("") + base : base + filler.join("");
}

/** Java's Matcher.replaceAll replacement syntax ($n, \x) into a JS replacer. */
function javaReplaceAll(s: string, regex: string, replacement: string): string | null {
  let re: RegExp;
  try {
    re = new RegExp(regex, "gu");
  } catch {
    return null;
  }
  return s.replace(re, (...m) => {
    const match = m[0] as string;
    const groups = m.slice(1, -2) as Array<string | undefined>;
    let out = "";
    for (let i = 0; i < replacement.length; i++) {
      const ch = replacement[i];
      if (ch === "\\" && i + 1 < replacement.length) out += replacement[++i];
      else if (ch === "$" && /\d/.test(replacement[i + 1] ?? "")) {
        const n = Number(replacement[++i]);
        out += n === 0 ? match : (groups[n - 1] ?? "");
      } else out += ch;
    }
    return out;
  });
}

function initCap(s: string): string {
  let out = "";
  let start = true;
  for (const ch of s) {
    out += start ? ch.toUpperCase() : ch.toLowerCase();
    start = !/[\p{L}\p{N}]/u.test(ch);
  }
  return out;
}

// ---- JSON -----------------------------------------------------------------------------------

/** How a value goes into JSON_OBJECT / JSON_ARRAY (Jackson's tree: numbers raw, text quoted). */
function jsonOf(v: Value, t: LogicalType, nested: boolean): string {
  if (v === null) return "null";
  if (nested) return v as string;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint" || v instanceof Decimal) return v.toString();
  // Jackson writes a double with Double.toString (1.0, 1.0E10) and a float with Float.toString;
  // NaN and infinities as strings (WRITE_NAN_AS_STRINGS).
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return JSON.stringify(javaDoubleToString(v));
    if (t.kind === "DOUBLE") return javaDoubleToString(v);
    if (t.kind === "FLOAT") return javaFloatToString(v);
    return String(v);
  }
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => jsonOf(x, elementType(t), false)).join(",")}]`;
  if (v instanceof MapValue)
    return jsonObjectText(v.entries.map(([k, x]) => [String(k), jsonOf(x, T.string(), false)]));
  return JSON.stringify(String(v));
}
const elementType = (t: LogicalType) =>
  t.kind === "ARRAY" || t.kind === "MULTISET" ? t.element : T.string();

// ---- hashes, URLs, Java's String.split -------------------------------------------------------

const HASHES: Record<string, (b: Uint8Array) => Uint8Array> = {
  MD5: md5,
  SHA1: sha1,
  SHA224: sha224,
  SHA256: sha256,
  SHA384: sha384,
  SHA512: sha512,
};
/** Flink's SqlFunctionUtils.hash: the digest of the UTF-8 bytes, as lower-case hex. */
const hashHex = (name: string, s: string) => bytesToHex(HASHES[name](new TextEncoder().encode(s)));

/**
 * Java's String.split(regex, limit): a zero-width match at the start splits nothing; limit 0
 * drops trailing empty strings, limit n > 0 splits at most n - 1 times.
 */
function javaSplit(s: string, regex: string, limit = 0): string[] | null {
  let re: RegExp;
  try {
    re = new RegExp(regex, "gu");
  } catch {
    return null;
  }
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (limit > 0 && out.length === limit - 1) break;
    const at = m.index ?? 0;
    if (m[0] === "" && (at === 0 || at >= s.length)) continue;
    out.push(s.slice(last, at));
    last = at + m[0].length;
  }
  out.push(s.slice(last));
  if (limit === 0) while (out.length > 1 && out[out.length - 1] === "") out.pop();
  if (limit === 0 && out.length === 1 && out[0] === "" && s !== "") return [];
  return out;
}

/** The parts java.net.URL gives Flink's SqlFunctionUtils.parseUrl; null when URL refuses it. */
function urlPart(url: string, part: string): string | null {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/su.exec(
    url,
  );
  if (!m) return null;
  const protocol = m[1].toLowerCase();
  if (!["http", "https", "ftp", "file"].includes(protocol)) return null;
  const authority = m[2] ?? null;
  const at = authority === null ? -1 : authority.lastIndexOf("@");
  const hostPort = authority === null ? "" : authority.slice(at + 1);
  const host = hostPort.startsWith("[")
    ? hostPort.slice(0, hostPort.indexOf("]") + 1)
    : hostPort.replace(/:\d*$/, "");
  const query = m[4] ?? null;
  switch (part) {
    case "HOST":
      return host;
    case "PATH":
      return m[3];
    case "QUERY":
      return query;
    case "REF":
      return m[5] ?? null;
    case "PROTOCOL":
      return protocol;
    case "FILE":
      return query === null ? m[3] : `${m[3]}?${query}`;
    case "AUTHORITY":
      return authority;
    case "USERINFO":
      return at < 0 ? null : authority!.slice(0, at);
    default:
      return null;
  }
}

function parseUrl(url: string, part: string, key?: string): string | null {
  if (key === undefined) return urlPart(url, part);
  if (part !== "QUERY") return null;
  const query = urlPart(url, part);
  if (query === null) return null;
  for (const pair of query.split("&")) {
    if (pair.startsWith(`${key}=`)) return pair.slice(key.length + 1);
  }
  return null;
}

/** Equality of two element values as Flink compares array elements (by value). */
function valueKey(v: Value): string {
  if (v === null) return "null";
  if (v instanceof Timestamp) return `ts:${v.epochMillis}:${v.nanoOfMillisecond}`;
  if (v instanceof Decimal) return `n:${Number(v.toString())}`;
  if (typeof v === "number" || typeof v === "bigint") return `n:${Number(v)}`;
  if (Array.isArray(v)) return `[${v.map(valueKey).join(",")}]`;
  if (v instanceof MapValue)
    return `{${v.entries.map(([k, x]) => `${valueKey(k)}=${valueKey(x)}`).join(",")}}`;
  return `${typeof v}:${String(v)}`;
}
const nullableAs = (t: LogicalType, nullable: boolean) => ({ ...t, nullable }) as LogicalType;

/** Order of two non-null comparable values (numbers, strings by code point, temporals, booleans). */
function compareValues(x: Value, y: Value): number {
  if (typeof x === "string") return x < (y as string) ? -1 : x > (y as string) ? 1 : 0;
  if (typeof x === "boolean") return Number(x) - Number(y as boolean);
  if (x instanceof Timestamp) {
    const t = y as Timestamp;
    return x.epochMillis - t.epochMillis || x.nanoOfMillisecond - t.nanoOfMillisecond;
  }
  return Math.sign(num(x) - num(y));
}
/** The common type of ARRAY (or MAP) operands, nullable if any is (ARRAY_CONCAT, MAP_UNION …). */
const commonOf =
  (kind: "ARRAY" | "MAP") =>
  (args: BuiltinArg[]): LogicalType | { error: string | null } => {
    if (!args.every((a) => a.type.kind === kind)) return mismatch;
    const t = commonType(args.map((a) => a.type));
    return t ? nullableAs(t, anyNullable(args)) : mismatch;
  };
const isComparable = (t: LogicalType) =>
  isNum(t) || isStr(t) || isDateLike(t) || t.kind === "TIME" || t.kind === "BOOLEAN";

/** Java's Double.parseDouble accepts (decimal forms; trimmed; NaN/Infinity; f/d suffix). */
const JAVA_DOUBLE = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?))$/u;
const javaTrim = (s: string) => s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/gu, "");

// ---- ENCODE / DECODE: Java's String.getBytes(charset) and new String(bytes, charset) --------

const CHARSETS = ["US-ASCII", "ISO-8859-1", "UTF-8", "UTF-16BE", "UTF-16LE", "UTF-16"];
function charsetOf(name: string): string {
  const cs = name.toUpperCase();
  if (!CHARSETS.includes(cs)) throw new Error(`java.io.UnsupportedEncodingException: ${name}`);
  return cs;
}

function encodeString(s: string, charset: string): Uint8Array {
  const cs = charsetOf(charset);
  if (cs === "UTF-8") return new TextEncoder().encode(s);
  if (cs === "US-ASCII" || cs === "ISO-8859-1") {
    const max = cs === "US-ASCII" ? 0x7f : 0xff;
    // Unmappable code points become '?', as Java's replacement byte.
    return Uint8Array.from([...s], (ch) => (ch.codePointAt(0)! <= max ? ch.codePointAt(0)! : 0x3f));
  }
  const le = cs === "UTF-16LE";
  const bom = cs === "UTF-16" ? [0xfe, 0xff] : [];
  const out: number[] = [...bom];
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (le) out.push(u & 0xff, u >> 8);
    else out.push(u >> 8, u & 0xff);
  }
  return Uint8Array.from(out);
}

function decodeBytes(bytes: Uint8Array, charset: string): string {
  const cs = charsetOf(charset);
  if (cs === "US-ASCII")
    return String.fromCharCode(...Array.from(bytes, (x) => (x < 0x80 ? x : 0xfffd)));
  if (cs === "ISO-8859-1") return String.fromCharCode(...bytes);
  if (cs === "UTF-8") return new TextDecoder("utf-8").decode(bytes);
  let le = cs === "UTF-16LE";
  let body = bytes;
  if (cs === "UTF-16" && bytes.length >= 2) {
    // Java's UTF-16 reads a byte-order mark (and drops it); without one it is big-endian.
    if (bytes[0] === 0xfe && bytes[1] === 0xff) body = bytes.subarray(2);
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) [le, body] = [true, bytes.subarray(2)];
  }
  return new TextDecoder(le ? "utf-16le" : "utf-16be", { ignoreBOM: true }).decode(body);
}

const isBin = (t: LogicalType) =>
  t.kind === "BINARY" || t.kind === "VARBINARY" || t.kind === "NULL";

/** ROUND's and TRUNCATE's type: FlinkReturnTypes.ROUND_FUNCTION (findRoundDecimalType). */
export function roundType(args: BuiltinArg[]): LogicalType | { error: string | null } {
  const [a, r] = args;
  if (!isNumeric(a.type) || (r && !isInt(r.type))) return mismatch;
  const nullable = anyNullable(args);
  if (a.type.kind !== "DECIMAL") return nullableAs(a.type, nullable);
  const digits = typeof r?.literal === "number" ? r.literal : 0;
  if (digits >= a.type.scale) return nullableAs(a.type, nullable);
  const scale = Math.max(digits, 0);
  return T.decimal(Math.min(38, a.type.precision - a.type.scale + scale + 1), scale, nullable);
}

/** Flink's SqlFunctionUtils.struncate: toward zero at `digits` (negative: left of the point). */
function truncateDecimal(d: Decimal, digits: number): Decimal {
  if (digits >= d.scale) return d;
  const q = d.unscaled / 10n ** BigInt(d.scale - Math.max(digits, 0));
  if (digits >= 0) return new Decimal(q, digits);
  const f = 10n ** BigInt(-digits);
  return new Decimal((q / f) * f, 0);
}

/**
 * JSON_STRING's types, as JsonGenerateUtils.createNodeTerm builds Jackson's tree: strings, BOOLEAN,
 * numbers, TIMESTAMP and TIMESTAMP_LTZ (ISO text), BINARY/VARBINARY (base64), arrays, rows, maps
 * with string keys and multisets of strings (their counts). DATE, TIME and intervals it refuses
 * ("Type 'DATE' is not scalar or cannot be converted into JSON.").
 */
function jsonStringable(t: LogicalType): boolean {
  switch (t.kind) {
    case "BOOLEAN":
    case "NULL":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "BINARY":
    case "VARBINARY":
      return true;
    case "ARRAY":
      return jsonStringable(t.element);
    case "MULTISET":
      return isCharacterString(t.element);
    case "MAP":
      return isCharacterString(t.key) && jsonStringable(t.value);
    case "ROW":
      return t.fields.every((f) => jsonStringable(f.type));
    default:
      return isNumeric(t) || isCharacterString(t);
  }
}

/**
 * An object's members as SqlJsonUtils.serializeJson writes them: sorted by key (the mapper's
 * ORDER_MAP_ENTRIES_BY_KEYS, String.compareTo order — UTF-16 code units, as JS sorts), a key set
 * twice keeping its last value (ObjectNode.set).
 */
function jsonObjectText(members: ReadonlyArray<readonly [string, string]>): string {
  const byKey = new Map(members);
  const keys = [...byKey.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${byKey.get(k)}`).join(",")}}`;
}

/** SqlJsonUtils.serializeJson: Double.toString / Float.toString / BigDecimal.toString numbers. */
function jsonString(v: Value, t: LogicalType): string {
  if (v === null) return "null";
  switch (t.kind) {
    case "DOUBLE":
      return javaDoubleToString(v as number);
    case "FLOAT":
      return javaFloatToString(v as number);
    case "TIMESTAMP": // ISO_LOCAL_DATE_TIME: seconds always, the fraction as short as it can be
      return JSON.stringify(formatLocalDateTime(v as Timestamp, "T"));
    case "TIMESTAMP_LTZ":
      return JSON.stringify(`${formatLocalDateTime(v as Timestamp, "T")}Z`);
    case "BINARY":
    case "VARBINARY":
      // Jackson's binary node: base64 with padding, no line feeds.
      return JSON.stringify(encodeBase64(v as Uint8Array));
    case "ARRAY":
      return `[${(v as Value[]).map((x) => jsonString(x, t.element)).join(",")}]`;
    case "MULTISET": {
      const counts = new Map<string, number>();
      for (const x of v as Value[]) {
        if (x === null)
          throw new Error(
            "Key at index 0 was null. This is not supported during conversion to JSON.",
          );
        counts.set(String(x), (counts.get(String(x)) ?? 0) + 1);
      }
      return jsonObjectText([...counts].map(([k, n]) => [k, String(n)] as const));
    }
    case "MAP":
      return jsonObjectText(
        (v as MapValue).entries.map(([k, x]) => [String(k), jsonString(x, t.value)] as const),
      );
    case "ROW":
      return jsonObjectText(
        t.fields.map((f, i) => [f.name, jsonString((v as Value[])[i], f.type)] as const),
      );
    default:
      return typeof v === "string" ? JSON.stringify(v) : String(v);
  }
}

/** HASH_CODE's operand families besides strings: BOOLEAN, NUMERIC, TIMESTAMP, TIME, DATE (and NULL). */
const HASH_TEMPORAL = ["NULL", "BOOLEAN", "TIMESTAMP", "TIMESTAMP_LTZ", "TIME", "DATE"];
const hashable = (t: LogicalType) => isNumeric(t) || HASH_TEMPORAL.includes(t.kind);

// ---- the catalogue -----------------------------------------------------------------------------

const b = (
  name: string,
  signatures: string[],
  minArgs: number,
  maxArgs: number,
  infer: Builtin["infer"],
  run: Builtin["run"],
  extra: Partial<Builtin> = {},
): Builtin => ({ name, signatures, minArgs, maxArgs, infer, run, ...extra });

const temporalField = (name: string, unit: string) =>
  b(
    name,
    [`${name}(<DATE>)`, `${name}(<TIMESTAMP>)`],
    1,
    1,
    ([a]) => extractType(unit, a.type),
    (args, types, _r, env) => (args[0] === null ? null : extract(unit, args[0], types[0], env)),
  );

const mathFn = (name: string, f: (x: number) => number) =>
  b(
    name,
    [`${name}(<NUMERIC>)`],
    1,
    1,
    ([a]) => (isNum(a.type) ? T.double(a.type.nullable) : mismatch),
    nullIfAny((a) => f(num(a[0]))),
  );

const stringFn = (name: string, f: (s: string) => string) =>
  b(
    name,
    [`${name}(<STRING>)`],
    1,
    1,
    ([a]) => (isStr(a.type) ? T.string(a.type.nullable) : mismatch),
    nullIfAny((a) => f(a[0] as string)),
  );

export const BUILTINS: Builtin[] = [
  // Temporal: field access
  temporalField("YEAR", "YEAR"),
  temporalField("QUARTER", "QUARTER"),
  temporalField("MONTH", "MONTH"),
  temporalField("WEEK", "WEEK"),
  temporalField("DAYOFYEAR", "DOY"),
  temporalField("DAYOFMONTH", "DAY"),
  temporalField("DAYOFWEEK", "DOW"),
  temporalField("HOUR", "HOUR"),
  temporalField("MINUTE", "MINUTE"),
  temporalField("SECOND", "SECOND"),
  b(
    "EXTRACT",
    ["EXTRACT(<TIME UNIT> FROM <DATETIME>)"],
    2,
    2,
    ([u, a]) => {
      const unit = unitOf(u);
      if (!unit || !EXTRACT_UNITS.includes(unit)) return mismatch;
      return extractType(unit, a.type);
    },
    (args, types, _r, env) =>
      args[1] === null ? null : extract(String(args[0]).toUpperCase(), args[1], types[1], env),
  ),
  b(
    "TIMESTAMPADD",
    ["TIMESTAMPADD(<TIME UNIT>, <INTEGER>, <DATETIME>)"],
    3,
    3,
    ([u, n, a]) => {
      const unit = unitOf(u);
      if (!unit || !TIMESTAMP_UNITS.includes(unit) || !isInt(n.type)) return mismatch;
      if (!isDateLike(a.type) && a.type.kind !== "TIME") return mismatch;
      const nullable = n.type.nullable || a.type.nullable;
      if (unit === "MILLISECOND") return T.timestamp(3, nullable);
      if (unit === "HOUR" || unit === "MINUTE" || unit === "SECOND") {
        if (a.type.kind === "TIME") return T.time(0, nullable);
        if (a.type.kind === "TIMESTAMP_LTZ") return { ...a.type, nullable } as LogicalType;
        // Calcite: TIMESTAMP at the type system's default precision (FlinkTypeSystem: 6).
        return T.timestamp(6, nullable);
      }
      return { ...a.type, nullable } as LogicalType;
    },
    (args, types, result, env) => {
      if (args[1] === null || args[2] === null) return null;
      const unit = String(args[0]).toUpperCase();
      const n = num(args[1]);
      const ms = wallMillis(args[2], types[2], env);
      const added =
        unit in UNIT_MONTHS
          ? addMonthsToMillis(ms, n * UNIT_MONTHS[unit])
          : ms + n * UNIT_MILLIS[unit];
      return fromWall(added, nanosOf(args[2]), result, env);
    },
  ),
  b(
    "TIMESTAMPDIFF",
    ["TIMESTAMPDIFF(<TIME UNIT>, <DATETIME>, <DATETIME>)"],
    3,
    3,
    ([u, a, c]) => {
      const unit = unitOf(u);
      if (!unit || !TIMESTAMP_UNITS.includes(unit)) return mismatch;
      const ok = (t: LogicalType) => isDateLike(t) || t.kind === "NULL";
      if (!ok(a.type) || !ok(c.type)) return mismatch;
      return T.int(a.type.nullable || c.type.nullable);
    },
    (args, types, _r, env) => {
      if (args[1] === null || args[2] === null) return null;
      const unit = String(args[0]).toUpperCase();
      const t1 = wallMillis(args[1], types[1], env);
      const t2 = wallMillis(args[2], types[2], env);
      if (unit in UNIT_MONTHS) return Math.trunc(subtractMonths(t2, t1) / UNIT_MONTHS[unit]);
      return Math.trunc((t2 - t1) / UNIT_MILLIS[unit]) | 0;
    },
  ),
  ...(["FLOOR", "CEIL"] as const).map((name) =>
    b(
      `${name}_TO`,
      [`${name}(<DATETIME> TO <TIME UNIT>)`],
      2,
      2,
      ([a, u]) => {
        const unit = unitOf(u);
        if (!unit || (!(unit in UNIT_MONTHS) && !(unit in UNIT_MILLIS)) || unit === "WEEK")
          return mismatch;
        if (!isDateLike(a.type) && a.type.kind !== "TIME") return mismatch;
        return a.type;
      },
      (args, types, _r, env) =>
        args[0] === null
          ? null
          : floorOrCeilTo(args[0], types[0], String(args[1]).toUpperCase(), name === "CEIL", env),
    ),
  ),
  b(
    "TO_DATE",
    ["TO_DATE(<STRING> [, <STRING> format])"],
    1,
    2,
    (args) => (args.every((a) => isStr(a.type)) ? T.date(true) : mismatch),
    nullIfAny((a) => {
      const p = parseWithPattern(a[0] as string, a.length > 1 ? (a[1] as string) : "yyyy-MM-dd");
      return p ? Math.floor(p.millis / MS_PER_DAY) : null;
    }),
  ),
  // Strings
  ...(["LPAD", "RPAD"] as const).map((name) =>
    b(
      name,
      [`${name}(<STRING>, <INTEGER> length, <STRING> pad)`],
      3,
      3,
      ([s, n, p]) => (isStr(s.type) && isInt(n.type) && isStr(p.type) ? T.string(true) : mismatch),
      nullIfAny((a) => pad(a[0] as string, num(a[1]), a[2] as string, name === "LPAD")),
    ),
  ),
  // OVERLAY(s PLACING r FROM start [FOR length]): Calcite's DYADIC_STRING_SUM_PRECISION type,
  // Flink's SqlFunctionUtils.overlay values (a start outside the string leaves it unchanged).
  b(
    "OVERLAY",
    ["OVERLAY(<STRING> PLACING <STRING> FROM <INTEGER> [FOR <INTEGER>])"],
    3,
    4,
    (args) => {
      const [str, rep, ...ints] = args;
      if (!isStr(str.type) || !isStr(rep.type) || !ints.every((a) => isInt(a.type)))
        return mismatch;
      const len = (t: LogicalType) => ("length" in t ? t.length : 0);
      return T.varchar(
        Math.max(1, Math.min(MAX_LENGTH, len(str.type) + len(rep.type))),
        anyNullable(args),
      );
    },
    nullIfAny((a) =>
      overlay(
        a[0] as string,
        a[1] as string,
        num(a[2]),
        a[3] === undefined ? (a[1] as string).length : num(a[3]),
      ),
    ),
  ),
  // HASH_CODE (FlinkSqlOperatorTable: BOOLEAN, NUMERIC, STRING, TIMESTAMP, TIME or DATE). A
  // string's is Math.abs(String.hashCode()) (StringCallGen → SqlFunctionUtils.hashCode), Java's
  // int arithmetic included (a string hashing to Integer.MIN_VALUE stays negative); any other is
  // Java's hashCode of Flink's internal value (HashCodeCallGen, java-hash.ts), sign and all.
  b(
    "HASH_CODE",
    [
      "HASH_CODE(<BOOLEAN>)",
      "HASH_CODE(<NUMERIC>)",
      "HASH_CODE(<STRING>)",
      "HASH_CODE(<TIMESTAMP>)",
      "HASH_CODE(<TIME>)",
      "HASH_CODE(<DATE>)",
    ],
    1,
    1,
    ([a]) => (isStr(a.type) || hashable(a.type) ? T.int(a.type.nullable) : mismatch),
    (args, types) =>
      args[0] === null
        ? null
        : isStr(types[0])
          ? javaAbs(javaStringHash(args[0] as string))
          : flinkHashCode(args[0], types[0]),
  ),
  b(
    "CURRENT_DATABASE",
    ["CURRENT_DATABASE()"],
    0,
    0,
    () => T.string(false),
    () => "default_database",
  ),
  // CURRENT_WATERMARK(rowtime): typed here (the rowtime check is the analyzer's); the embedded
  // engine keeps no watermark, so plans calling it run on Flink (EMBEDDED_FUNCTIONS).
  b(
    "CURRENT_WATERMARK",
    ["CURRENT_WATERMARK(<TIMESTAMP rowtime attribute>)"],
    1,
    1,
    ([a]) =>
      a.type.kind === "TIMESTAMP"
        ? T.timestamp(3, true)
        : a.type.kind === "TIMESTAMP_LTZ"
          ? T.timestampLtz(3, true)
          : mismatch,
    () => {
      throw new Error("CURRENT_WATERMARK() is evaluated by Flink only");
    },
  ),
  // `s IS JSON [VALUE | SCALAR | ARRAY | OBJECT]`: never NULL (NULL IS JSON is FALSE).
  b(
    "IS_JSON",
    ["<STRING> IS JSON [VALUE | SCALAR | ARRAY | OBJECT]"],
    2,
    2,
    ([a]) => (isStr(a.type) ? T.boolean(false) : mismatch),
    (a) => isJson(a[0] as string | null, a[1] as string),
  ),
  b(
    "REGEXP_REPLACE",
    ["REGEXP_REPLACE(<STRING>, <STRING> regex, <STRING> replacement)"],
    3,
    3,
    (args) => (args.every((a) => isStr(a.type)) ? T.string(true) : mismatch),
    nullIfAny((a) => javaReplaceAll(a[0] as string, a[1] as string, a[2] as string)),
  ),
  b(
    "REGEXP",
    ["REGEXP(<STRING>, <STRING> regex)"],
    2,
    2,
    (args) => (args.every((a) => isStr(a.type)) ? T.boolean(true) : mismatch),
    nullIfAny((a) => {
      try {
        return new RegExp(a[1] as string, "u").test(a[0] as string);
      } catch {
        return null;
      }
    }),
  ),
  stringFn("INITCAP", initCap),
  stringFn("REVERSE", (s) => [...s].reverse().join("")),
  stringFn("LTRIM", (s) => s.replace(/^ +/, "")),
  stringFn("RTRIM", (s) => s.replace(/ +$/, "")),
  stringFn("TO_BASE64", (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s)))),
  b(
    "FROM_BASE64",
    ["FROM_BASE64(<STRING>)"],
    1,
    1,
    ([a]) => (isStr(a.type) ? T.string(a.type.nullable) : mismatch),
    nullIfAny((a) => {
      try {
        const bin = atob(a[0] as string);
        return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
      } catch {
        return null;
      }
    }),
  ),
  b(
    "REPEAT",
    ["REPEAT(<STRING>, <INTEGER>)"],
    2,
    2,
    ([s, n]) => (isStr(s.type) && isInt(n.type) ? T.string(anyNullable([s, n])) : mismatch),
    nullIfAny((a) => (num(a[1]) <= 0 ? "" : (a[0] as string).repeat(num(a[1])))),
  ),
  ...(["LEFT", "RIGHT"] as const).map((name) =>
    b(
      name,
      [`${name}(<STRING>, <INTEGER>)`],
      2,
      2,
      ([s, n]) => (isStr(s.type) && isInt(n.type) ? T.string(anyNullable([s, n])) : mismatch),
      nullIfAny((a) => {
        const cps = [...(a[0] as string)];
        const n = num(a[1]);
        if (n <= 0) return "";
        return (name === "LEFT" ? cps.slice(0, n) : cps.slice(Math.max(0, cps.length - n))).join(
          "",
        );
      }),
    ),
  ),
  b(
    "LOCATE",
    ["LOCATE(<STRING> needle, <STRING> haystack [, <INTEGER> start])"],
    2,
    3,
    (args) =>
      isStr(args[0].type) && isStr(args[1].type) && (args.length < 3 || isInt(args[2].type))
        ? T.int(anyNullable(args))
        : mismatch,
    nullIfAny((a) => {
      const hay = [...(a[1] as string)];
      const needle = [...(a[0] as string)];
      const start = a.length > 2 ? num(a[2]) : 1;
      if (start < 1) return 0;
      for (let i = start - 1; i + needle.length <= hay.length; i++) {
        if (needle.every((c, j) => hay[i + j] === c)) return i + 1;
      }
      return 0;
    }),
  ),
  b(
    "INSTR",
    ["INSTR(<STRING>, <STRING>)"],
    2,
    2,
    (args) => (args.every((a) => isStr(a.type)) ? T.int(anyNullable(args)) : mismatch),
    nullIfAny((a) => {
      const idx = (a[0] as string).indexOf(a[1] as string);
      return idx < 0 ? 0 : [...(a[0] as string).slice(0, idx)].length + 1;
    }),
  ),
  b(
    "ASCII",
    ["ASCII(<STRING>)"],
    1,
    1,
    ([a]) => (isStr(a.type) ? T.int(a.type.nullable) : mismatch),
    nullIfAny((a) => ((a[0] as string).length === 0 ? 0 : (a[0] as string).charCodeAt(0))),
  ),
  b(
    "UUID",
    ["UUID()"],
    0,
    0,
    () => T.char(36, false),
    () => crypto.randomUUID(),
    { dynamic: true },
  ),
  // Math
  mathFn("SQRT", Math.sqrt),
  mathFn("LN", Math.log),
  mathFn("LOG10", Math.log10),
  mathFn("LOG2", Math.log2),
  mathFn("EXP", Math.exp),
  mathFn("SIN", Math.sin),
  mathFn("COS", Math.cos),
  mathFn("TAN", Math.tan),
  mathFn("ASIN", Math.asin),
  mathFn("ACOS", Math.acos),
  mathFn("ATAN", Math.atan),
  mathFn("SINH", Math.sinh),
  mathFn("COSH", Math.cosh),
  mathFn("TANH", Math.tanh),
  mathFn("COT", (x) => 1 / Math.tan(x)),
  mathFn("DEGREES", (x) => (x * 180) / Math.PI),
  mathFn("RADIANS", (x) => (x / 180) * Math.PI),
  b(
    "LOG",
    ["LOG(<NUMERIC>)", "LOG(<NUMERIC> base, <NUMERIC>)"],
    1,
    2,
    (args) => (args.every((a) => isNum(a.type)) ? T.double(anyNullable(args)) : mismatch),
    nullIfAny((a) =>
      a.length === 1 ? Math.log(num(a[0])) : Math.log(num(a[1])) / Math.log(num(a[0])),
    ),
  ),
  b(
    "ATAN2",
    ["ATAN2(<NUMERIC>, <NUMERIC>)"],
    2,
    2,
    (args) => (args.every((a) => isNum(a.type)) ? T.double(anyNullable(args)) : mismatch),
    nullIfAny((a) => Math.atan2(num(a[0]), num(a[1]))),
  ),
  b(
    "PI",
    ["PI()"],
    0,
    0,
    () => T.double(false),
    () => Math.PI,
  ),
  b(
    "E",
    ["E()"],
    0,
    0,
    () => T.double(false),
    () => Math.E,
  ),
  b(
    "RAND",
    ["RAND([<INTEGER> seed])"],
    0,
    1,
    (args) => (args.every((a) => isInt(a.type)) ? T.double(false) : mismatch),
    () => Math.random(),
    { dynamic: true },
  ),
  b(
    "SIGN",
    ["SIGN(<NUMERIC>)"],
    1,
    1,
    ([a]) => (isNum(a.type) ? a.type : mismatch),
    (args) => {
      const v = args[0];
      if (v === null) return null;
      if (v instanceof Decimal)
        return new Decimal(BigInt(Math.sign(Number(v.unscaled))) * 10n ** BigInt(v.scale), v.scale);
      if (typeof v === "bigint") return v > 0n ? 1n : v < 0n ? -1n : 0n;
      return Math.sign(v as number);
    },
  ),
  b(
    "BIN",
    ["BIN(<INTEGER>)"],
    1,
    1,
    ([a]) => (isInt(a.type) ? T.string(a.type.nullable) : mismatch),
    nullIfAny((a) => BigInt.asUintN(64, BigInt(a[0] as number | bigint)).toString(2)),
  ),
  ...(["GREATEST", "LEAST"] as const).map((name) =>
    b(
      name,
      [`${name}(<COMPARABLE>, <COMPARABLE>, ...)`],
      1,
      255,
      (args) => {
        const t = commonType(args.map((a) => a.type));
        if (!t || (!isNumeric(t) && !isCharacterString(t) && !isDateLike(t))) return mismatch;
        return { ...t, nullable: anyNullable(args) } as LogicalType;
      },
      nullIfAny((a) => {
        let best = a[0];
        for (const x of a.slice(1)) {
          const c =
            typeof x === "string"
              ? x < (best as string)
                ? -1
                : x > (best as string)
                  ? 1
                  : 0
              : x instanceof Timestamp
                ? x.epochMillis - (best as Timestamp).epochMillis ||
                  x.nanoOfMillisecond - (best as Timestamp).nanoOfMillisecond
                : num(x) - num(best);
          if (name === "GREATEST" ? c > 0 : c < 0) best = x;
        }
        return best;
      }),
      { castArgsToResult: true },
    ),
  ),
  // Collections
  b(
    "CARDINALITY",
    ["CARDINALITY(<ARRAY>)", "CARDINALITY(<MAP>)"],
    1,
    1,
    ([a]) =>
      a.type.kind === "ARRAY" || a.type.kind === "MAP" || a.type.kind === "MULTISET"
        ? T.int(a.type.nullable)
        : mismatch,
    nullIfAny((a) => (a[0] instanceof MapValue ? a[0].entries.length : (a[0] as Value[]).length)),
  ),
  b(
    "ARRAY_CONTAINS",
    ["ARRAY_CONTAINS(<ARRAY>, <ANY>)"],
    2,
    2,
    ([a]) => (a.type.kind === "ARRAY" ? T.boolean(a.type.nullable) : mismatch),
    (args) =>
      args[0] === null
        ? null
        : (args[0] as Value[]).some(
            (x) => x === args[1] || (x !== null && String(x) === String(args[1])),
          ),
  ),
  // JSON
  b(
    "JSON_QUERY",
    ["JSON_QUERY(<STRING> json, <STRING> path)"],
    2,
    2,
    (args) => (args.every((a) => isStr(a.type)) ? T.string(true) : mismatch),
    nullIfAny((a) => {
      const node = jsonPathNode(a[0] as string, a[1] as string);
      // WITHOUT ARRAY WRAPPER, NULL ON EMPTY: a scalar or a missing path is NULL.
      if (node === undefined || node === null || typeof node !== "object") return null;
      return JSON.stringify(node);
    }),
  ),
  b(
    "JSON_EXISTS",
    ["JSON_EXISTS(<STRING> json, <STRING> path)"],
    2,
    2,
    (args) => (args.every((a) => isStr(a.type)) ? T.boolean(anyNullable(args)) : mismatch),
    nullIfAny((a) => jsonPathNode(a[0] as string, a[1] as string) !== undefined),
  ),
  b(
    "JSON_OBJECT",
    ["JSON_OBJECT([KEY] <STRING> VALUE <ANY>, ... [NULL | ABSENT ON NULL])"],
    1,
    255,
    (args) => {
      for (let i = 1; i < args.length; i += 2) if (!isStr(args[i].type)) return mismatch;
      return (args.length - 1) % 2 === 0 ? T.string(false) : mismatch;
    },
    (args, types, _r, _env, nested) => {
      const absent = args[0] === "ABSENT";
      const members: Array<readonly [string, string]> = [];
      for (let i = 1; i < args.length; i += 2) {
        if (args[i] === null) throw new Error("JSON_OBJECT key must not be NULL");
        if (args[i + 1] === null && absent) continue;
        members.push([args[i] as string, jsonOf(args[i + 1], types[i + 1], nested[i + 1])]);
      }
      return jsonObjectText(members);
    },
  ),
  b(
    "JSON_ARRAY",
    ["JSON_ARRAY(<ANY>, ... [NULL | ABSENT ON NULL])"],
    1,
    255,
    () => T.string(false),
    (args, types, _r, _env, nested) => {
      const absent = args[0] !== "NULL";
      const parts: string[] = [];
      for (let i = 1; i < args.length; i++) {
        if (args[i] === null && absent) continue;
        parts.push(jsonOf(args[i], types[i], nested[i]));
      }
      return `[${parts.join(",")}]`;
    },
  ),
  // Hashes (FlinkSqlOperatorTable: CHAR(n) of the digest's hex length, nullable with the input)
  ...(
    [
      ["MD5", 32],
      ["SHA1", 40],
      ["SHA224", 56],
      ["SHA256", 64],
      ["SHA384", 96],
      ["SHA512", 128],
    ] as const
  ).map(([name, len]) =>
    b(
      name,
      [`${name}(<STRING>)`],
      1,
      1,
      ([a]) => (isStr(a.type) ? T.char(len, a.type.nullable) : mismatch),
      nullIfAny((a) => hashHex(name, a[0] as string)),
    ),
  ),
  b(
    "SHA2",
    ["SHA2(<STRING>, <INTEGER> hashLength)"],
    2,
    2,
    ([s, n]) => (isStr(s.type) && isInt(n.type) ? T.varchar(128, true) : mismatch),
    nullIfAny((a) => {
      const bits = num(a[1]);
      return [224, 256, 384, 512].includes(bits) ? hashHex(`SHA${bits}`, a[0] as string) : null;
    }),
  ),
  b(
    "HEX",
    ["HEX(<INTEGER>)", "HEX(<STRING>)"],
    1,
    1,
    ([a]) => (isInt(a.type) || isStr(a.type) ? T.string(a.type.nullable) : mismatch),
    nullIfAny(([v]) =>
      typeof v === "string"
        ? bytesToHex(new TextEncoder().encode(v)).toUpperCase()
        : BigInt.asUintN(64, BigInt(v as number | bigint))
            .toString(16)
            .toUpperCase(),
    ),
  ),
  // Strings (SqlFunctionUtils.strToMap / parseUrl)
  b(
    "STR_TO_MAP",
    ["STR_TO_MAP(<STRING> [, <STRING> pairDelimiter, <STRING> keyValueDelimiter])"],
    1,
    3,
    (args) =>
      args.length !== 2 && args.every((a) => isStr(a.type))
        ? T.map(T.string(), T.string(), anyNullable(args))
        : mismatch,
    nullIfAny((a) => {
      const text = a[0] as string;
      if (text === "") return new MapValue([]);
      const pairs = javaSplit(text, a.length > 1 ? (a[1] as string) : ",");
      if (pairs === null) return null;
      const out = new Map<string, string | null>();
      for (const pair of pairs) {
        const kv = javaSplit(pair, a.length > 2 ? (a[2] as string) : "=", 2);
        if (kv === null) return null;
        if (kv.length < 2) out.set(pair, null);
        else out.set(kv[0], kv[1]);
      }
      return new MapValue([...out]);
    }),
  ),
  b(
    "PARSE_URL",
    ["PARSE_URL(<STRING> url, <STRING> part [, <STRING> key])"],
    2,
    3,
    (args) => (args.every((a) => isStr(a.type)) ? T.string(true) : mismatch),
    nullIfAny((a) =>
      parseUrl(a[0] as string, a[1] as string, a.length > 2 ? (a[2] as string) : undefined),
    ),
  ),
  // Collections (BuiltInFunctionDefinitions: nullable if the arguments are)
  b(
    "ELEMENT",
    ["ELEMENT(<ARRAY>)"],
    1,
    1,
    ([a]) =>
      a.type.kind === "ARRAY" || a.type.kind === "MULTISET"
        ? nullableAs(a.type.element, true)
        : mismatch,
    nullIfAny(([v]) => {
      const arr = v as Value[];
      if (arr.length > 1) throw new Error("Array has more than one element.");
      return arr.length === 0 ? null : arr[0];
    }),
  ),
  ...(
    [
      [
        "ARRAY_DISTINCT",
        (arr: Value[]) => {
          const seen = new Set<string>();
          return arr.filter((x) => !seen.has(valueKey(x)) && !!seen.add(valueKey(x)));
        },
      ],
      ["ARRAY_REVERSE", (arr: Value[]) => [...arr].reverse()],
    ] as const
  ).map(([name, f]) =>
    b(
      name,
      [`${name}(<ARRAY>)`],
      1,
      1,
      ([a]) => (a.type.kind === "ARRAY" ? a.type : mismatch),
      nullIfAny(([v]) => f(v as Value[])),
    ),
  ),
  b(
    "ARRAY_POSITION",
    ["ARRAY_POSITION(<ARRAY>, <ANY> needle)"],
    2,
    2,
    (args) => (args[0].type.kind === "ARRAY" ? T.int(anyNullable(args)) : mismatch),
    nullIfAny(
      ([arr, needle]) => (arr as Value[]).findIndex((x) => valueKey(x) === valueKey(needle)) + 1,
    ),
  ),
  b(
    "ARRAY_REMOVE",
    ["ARRAY_REMOVE(<ARRAY>, <ANY> needle)"],
    2,
    2,
    ([a]) => (a.type.kind === "ARRAY" ? a.type : mismatch),
    ([arr, needle]) =>
      arr === null ? null : (arr as Value[]).filter((x) => valueKey(x) !== valueKey(needle)),
  ),
  b(
    "ARRAY_CONCAT",
    ["ARRAY_CONCAT(<ARRAY>, <ARRAY>, ...)"],
    1,
    255,
    commonOf("ARRAY"),
    nullIfAny((a) => (a as Value[][]).flat(1) as Value[]),
    { castArgsToResult: true },
  ),
  b(
    "ARRAY_SLICE",
    ["ARRAY_SLICE(<ARRAY>, <INTEGER> start [, <INTEGER> end])"],
    2,
    3,
    (args) =>
      args[0].type.kind === "ARRAY" && args.slice(1).every((a) => isInt(a.type))
        ? nullableAs(args[0].type, anyNullable(args))
        : mismatch,
    nullIfAny((a) => {
      const arr = a[0] as Value[];
      if (arr.length === 0) return arr;
      let start = num(a[1]);
      let end = a.length > 2 ? num(a[2]) : arr.length;
      if (start < 0) start += arr.length + 1;
      if (end < 0) end += arr.length + 1;
      start = Math.max(1, start);
      end = end === 0 ? 1 : Math.min(end, arr.length);
      return end < start ? [] : arr.slice(start - 1, end);
    }),
  ),
  b(
    "ARRAY_JOIN",
    ["ARRAY_JOIN(<ARRAY<STRING>>, <STRING> delimiter [, <STRING> nullReplacement])"],
    2,
    3,
    (args) =>
      args[0].type.kind === "ARRAY" &&
      isStr(args[0].type.element) &&
      args.slice(1).every((a) => isStr(a.type))
        ? T.string(anyNullable(args))
        : mismatch,
    nullIfAny((a) => {
      const parts = (a[0] as Value[])
        .map((x) => (x === null ? (a.length > 2 ? (a[2] as string) : null) : (x as string)))
        .filter((x): x is string => x !== null);
      return parts.join(a[1] as string);
    }),
  ),
  ...(["MAP_KEYS", "MAP_VALUES"] as const).map((name) =>
    b(
      name,
      [`${name}(<MAP>)`],
      1,
      1,
      ([a]) =>
        a.type.kind === "MAP"
          ? T.array(name === "MAP_KEYS" ? a.type.key : a.type.value, a.type.nullable)
          : mismatch,
      nullIfAny(([m]) => (m as MapValue).entries.map((e) => e[name === "MAP_KEYS" ? 0 : 1])),
    ),
  ),
  b(
    "MAP_FROM_ARRAYS",
    ["MAP_FROM_ARRAYS(<ARRAY> keys, <ARRAY> values)"],
    2,
    2,
    ([k, v]) =>
      k.type.kind === "ARRAY" && v.type.kind === "ARRAY"
        ? T.map(k.type.element, v.type.element, anyNullable([k, v]))
        : mismatch,
    nullIfAny(([k, v]) => {
      const keys = k as Value[];
      const values = v as Value[];
      if (keys.length !== values.length)
        throw new Error(
          `Invalid function MAP_FROM_ARRAYS call:\nThe length of the keys array ${keys.length} is not equal to the length of the values array ${values.length}`,
        );
      const out = new Map<string, [Value, Value]>();
      keys.forEach((key, i) => out.set(valueKey(key), [key, values[i]]));
      return new MapValue([...out.values()]);
    }),
  ),
  ...(["ARRAY_MAX", "ARRAY_MIN"] as const).map((name) =>
    b(
      name,
      [`${name}(<ARRAY>)`],
      1,
      1,
      ([a]) =>
        a.type.kind === "ARRAY" && isComparable(a.type.element)
          ? nullableAs(a.type.element, true)
          : mismatch,
      nullIfAny(([v]) => {
        let best: Value = null;
        for (const x of v as Value[]) {
          if (x === null) continue;
          const c = best === null ? 0 : compareValues(x, best);
          if (best === null || (name === "ARRAY_MAX" ? c > 0 : c < 0)) best = x;
        }
        return best;
      }),
    ),
  ),
  b(
    "ARRAY_UNION",
    ["ARRAY_UNION(<ARRAY>, <ARRAY>)"],
    2,
    2,
    commonOf("ARRAY"),
    nullIfAny((a) => {
      const seen = new Set<string>();
      return [...(a[0] as Value[]), ...(a[1] as Value[])].filter(
        (x) => !seen.has(valueKey(x)) && !!seen.add(valueKey(x)),
      );
    }),
    { castArgsToResult: true },
  ),
  b(
    "ARRAY_SORT",
    ["ARRAY_SORT(<ARRAY> [, <BOOLEAN> ascending [, <BOOLEAN> nullsFirst]])"],
    1,
    3,
    (args) =>
      args[0].type.kind === "ARRAY" &&
      isComparable(args[0].type.element) &&
      args.slice(1).every((a) => a.type.kind === "BOOLEAN" || a.type.kind === "NULL")
        ? nullableAs(args[0].type, anyNullable(args))
        : mismatch,
    nullIfAny((a) => {
      const asc = a.length > 1 ? (a[1] as boolean) : true;
      const nullsFirst = a.length > 2 ? (a[2] as boolean) : asc;
      return [...(a[0] as Value[])].sort((x, y) => {
        if (x === null || y === null) return x === y ? 0 : (x === null) === nullsFirst ? -1 : 1;
        return asc ? compareValues(x, y) : compareValues(y, x);
      });
    }),
  ),
  b(
    "MAP_ENTRIES",
    ["MAP_ENTRIES(<MAP>)"],
    1,
    1,
    ([a]) =>
      a.type.kind === "MAP"
        ? T.array(
            T.row(
              [
                { name: "key", type: a.type.key },
                { name: "value", type: a.type.value },
              ],
              false,
            ),
            a.type.nullable,
          )
        : mismatch,
    nullIfAny(([m]) => (m as MapValue).entries.map(([k, v]) => [k, v])),
  ),
  b(
    "MAP_UNION",
    ["MAP_UNION(<MAP>, <MAP>, ...)"],
    1,
    255,
    commonOf("MAP"),
    nullIfAny((a) => {
      const out = new Map<string, [Value, Value]>();
      for (const m of a as MapValue[]) for (const [k, v] of m.entries) out.set(valueKey(k), [k, v]);
      return new MapValue([...out.values()]);
    }),
    { castArgsToResult: true },
  ),
  // SqlFunctionUtils.isAlpha / isDigit / isDecimal: BOOLEAN NOT NULL, FALSE for NULL or ''
  ...(
    [
      ["IS_ALPHA", (s: string) => /^\p{L}+$/u.test(s)],
      ["IS_DIGIT", (s: string) => /^\p{Nd}+$/u.test(s)],
      ["IS_DECIMAL", (s: string) => JAVA_DOUBLE.test(javaTrim(s))],
    ] as const
  ).map(([name, f]) =>
    b(
      name,
      [`${name}(<STRING>)`],
      1,
      1,
      ([a]) => (isStr(a.type) ? T.boolean(false) : mismatch),
      ([v]) => typeof v === "string" && v !== "" && f(v),
    ),
  ),
  b(
    "ENCODE",
    ["ENCODE(<STRING>, <STRING> charset)"],
    2,
    2,
    (args) => (args.every((a) => isStr(a.type)) ? T.bytes(anyNullable(args)) : mismatch),
    nullIfAny((a) => encodeString(a[0] as string, a[1] as string)),
  ),
  b(
    "DECODE",
    ["DECODE(<BINARY>, <STRING> charset)"],
    2,
    2,
    ([x, c]) => (isBin(x.type) && isStr(c.type) ? T.string(anyNullable([x, c])) : mismatch),
    nullIfAny((a) => decodeBytes(a[0] as Uint8Array, a[1] as string)),
  ),
  b(
    "CONVERT_TZ",
    ["CONVERT_TZ(<STRING> datetime, <STRING> fromZone, <STRING> toZone)"],
    3,
    3,
    (args) => (args.every((a) => isStr(a.type)) ? T.string(true) : mismatch),
    nullIfAny((a) => {
      const pattern = "yyyy-MM-dd HH:mm:ss";
      const p = parseWithPattern(a[0] as string, pattern);
      if (!p) return null;
      // java.util.TimeZone.getTimeZone: an unknown ID silently means GMT.
      const zone = (z: string) => (isValidZone(z) ? z : "UTC");
      const instant = wallClockToInstant(p.millis, zone(a[1] as string));
      const to = zone(a[2] as string);
      return formatWithPattern(instant + zoneOffsetMillis(to, instant), 0, pattern);
    }),
  ),
  b(
    "TRUNCATE",
    ["TRUNCATE(<NUMERIC> [, <INTEGER> digits])"],
    1,
    2,
    roundType,
    nullIfAny((a) => {
      const v = a[0];
      const digits = a.length > 1 ? num(a[1]) : 0;
      if (v instanceof Decimal) return truncateDecimal(v, digits);
      if (typeof v === "bigint" || Number.isInteger(v)) {
        if (digits >= 0) return v;
        const f = 10n ** BigInt(-digits);
        const t = (BigInt(v as number | bigint) / f) * f;
        return typeof v === "bigint" ? t : Number(t);
      }
      const x = v as number;
      if (!Number.isFinite(x)) return x;
      // Through BigDecimal.valueOf(double) (shortest digits), as struncate(double, int) does.
      const d = Decimal.parse(x.toString().includes("e") ? x.toExponential() : x.toString());
      return Number(truncateDecimal(d, Math.min(digits, 18)).toString());
    }),
  ),
  b(
    "TYPEOF",
    ["TYPEOF(<ANY>)", "TYPEOF(<ANY>, <BOOLEAN> forceSerializable)"],
    1,
    2,
    (args) =>
      args.length < 2 || typeof args[1].literal === "boolean"
        ? T.string(false)
        : { error: "TYPEOF's second argument must be a BOOLEAN literal." },
    (args, types) => {
      const summary = typeToString(types[0]);
      if (args[1] !== true) return summary;
      return summary
        .replace(/\bSTRING\b/gu, "VARCHAR(2147483647)")
        .replace(/\bBYTES\b/gu, "VARBINARY(2147483647)");
    },
  ),
  b(
    "JSON_STRING",
    ["JSON_STRING(<ANY>)"],
    1,
    1,
    ([a]) => (jsonStringable(a.type) ? T.string(a.type.nullable) : mismatch),
    (args, types) => (args[0] === null ? null : jsonString(args[0], types[0])),
  ),
  b(
    "RAND_INTEGER",
    ["RAND_INTEGER(<INTEGER> bound)", "RAND_INTEGER(<INTEGER> seed, <INTEGER> bound)"],
    1,
    2,
    (args) => (args.every((a) => isInt(a.type)) ? T.int(false) : mismatch),
    (a) => Math.floor(Math.random() * num(a[a.length - 1])),
    { dynamic: true },
  ),
];

export const BUILTIN_BY_NAME = new Map(BUILTINS.map((f) => [f.name, f]));

function overlay(s: string, r: string, start: number, length: number): string {
  if (start <= 0 || start > s.length) return s;
  const tail = start + length <= s.length && length > 0 ? s.slice(start - 1 + length) : "";
  return s.slice(0, start - 1) + r + tail;
}

/** Java's String.hashCode (UTF-16 code units, 32-bit overflow). */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Math.abs on a Java int: Integer.MIN_VALUE stays itself. */
const javaAbs = (x: number) => (x === -2147483648 ? x : Math.abs(x));

function isJson(s: string | null, type: string): boolean {
  if (s === null) return false;
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return false;
  }
  const isArray = Array.isArray(v);
  const isObject = v !== null && typeof v === "object" && !isArray;
  if (type === "ARRAY") return isArray;
  if (type === "OBJECT") return isObject;
  if (type === "SCALAR") return !isArray && !isObject;
  return true;
}
