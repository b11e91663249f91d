/**
 * A pure evaluator of typed expressions (rel.ts Rex) over runtime values, with Flink's semantics:
 * NULL propagation and three-valued logic; integer arithmetic that wraps like Java and divides
 * by truncation; DECIMAL results at the planner's precision/scale (HALF_UP, NULL on overflow);
 * CAST that fails on bad input while TRY_CAST yields NULL; and the date/time functions in the
 * session time zone `table.local-time-zone` (Tributary's default: UTC — Flink's is the JVM zone).
 */
import {
  civilFromMillis,
  formatDate,
  formatTime,
  formatTimestamp,
  formatWithPattern,
  parseDateLiteral,
  parseTimeLiteral,
  parseTimestampLiteral,
  parseWithPattern,
  wallClockToInstant,
  zoneOffsetMillis,
} from "@/lib/sql/datetime";
import { javaDoubleToString, javaFloatToString } from "@/lib/sql/java-text";
import { BUILTIN_BY_NAME } from "@/lib/sql/builtins";
import { jsonPathNode } from "@/lib/sql/json-path";
import type { Rex } from "@/lib/sql/rel";
import {
  Decimal,
  MapValue,
  MAX_LENGTH,
  Timestamp,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";

export interface EvalContext {
  /** table.local-time-zone; UTC unless the script SETs it. */
  localTimeZone: string;
  /** The current instant in epoch millis (CURRENT_TIMESTAMP, NOW, PROCTIME …). */
  now(): number;
}

export const defaultEvalContext: EvalContext = { localTimeZone: "UTC", now: () => Date.now() };

/** A runtime failure of an expression (a failed CAST, division by zero), as Flink's job would fail. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Decimal helpers

const TEN = 10n;
function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

/** BigDecimal.setScale(scale, HALF_UP). */
export function rescale(d: Decimal, scale: number): Decimal {
  if (d.scale === scale) return d;
  if (scale > d.scale) return new Decimal(d.unscaled * pow10(scale - d.scale), scale);
  const div = pow10(d.scale - scale);
  const q = d.unscaled / div;
  const r = d.unscaled % div;
  const twice = (r < 0n ? -r : r) * 2n;
  const rounded = twice >= div ? q + (d.unscaled < 0n ? -1n : 1n) : q;
  return new Decimal(rounded, scale);
}

/** Flink's DecimalData.fromBigDecimal: NULL when the value does not fit the precision. */
export function toDecimalType(d: Decimal, precision: number, scale: number): Decimal | null {
  const r = rescale(d, scale);
  const abs = r.unscaled < 0n ? -r.unscaled : r.unscaled;
  return abs >= pow10(precision) ? null : r;
}

function toDecimal(v: Value, t: LogicalType): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === "bigint") return new Decimal(v, 0);
  if (typeof v === "number") {
    if (t.kind === "FLOAT" || t.kind === "DOUBLE")
      return Decimal.parse(v.toString().includes("e") ? v.toExponential() : v.toString());
    return new Decimal(BigInt(v), 0);
  }
  if (typeof v === "boolean") return new Decimal(v ? 1n : 0n, 0);
  throw new EvalError(`Cannot convert ${String(v)} to DECIMAL`);
}

function decimalToNumber(d: Decimal): number {
  return Number(d.toString());
}

function compareDecimal(a: Decimal, b: Decimal): number {
  const s = Math.max(a.scale, b.scale);
  const x = rescale(a, s).unscaled;
  const y = rescale(b, s).unscaled;
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Integer wrapping (Java primitive semantics)

function wrap(n: number, kind: string): number {
  switch (kind) {
    case "TINYINT":
      return (n << 24) >> 24;
    case "SMALLINT":
      return (n << 16) >> 16;
    default:
      return n | 0;
  }
}

function toNumber(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Decimal) return decimalToNumber(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new EvalError(`Cannot convert ${String(v)} to a number`);
}

function toBigInt(v: Value): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return BigInt(Math.trunc(v));
  if (v instanceof Decimal) return v.unscaled / pow10(Math.max(0, v.scale));
  throw new EvalError(`Cannot convert ${String(v)} to BIGINT`);
}

/** Java's (long) cast of a double: truncation, saturating at the range, NaN → 0. */
function doubleToLong(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 9.223372036854776e18) return 9223372036854775807n;
  if (x <= -9.223372036854776e18) return -9223372036854775808n;
  return BigInt(Math.trunc(x));
}

/** Java's (int) cast of a double. */
function doubleToInt(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x >= 2147483647) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return Math.trunc(x);
}

// ---------------------------------------------------------------------------------------------
// Comparison

export function compareValues(a: Value, b: Value): number {
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Timestamp && b instanceof Timestamp) {
    return a.epochMillis - b.epochMillis || a.nanoOfMillisecond - b.nanoOfMillisecond;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  }
  if (a instanceof Decimal || b instanceof Decimal) {
    if (
      (typeof a === "number" && !Number.isInteger(a)) ||
      (typeof b === "number" && !Number.isInteger(b))
    ) {
      return Math.sign(toNumber(a) - toNumber(b));
    }
    return compareDecimal(
      toDecimal(a, { kind: "BIGINT", nullable: true }),
      toDecimal(b, { kind: "BIGINT", nullable: true }),
    );
  }
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (
    (typeof a === "number" || typeof a === "bigint") &&
    (typeof b === "number" || typeof b === "bigint")
  ) {
    if (typeof a === "bigint" && Number.isInteger(b)) return compareValues(a, BigInt(b as number));
    if (typeof b === "bigint" && Number.isInteger(a)) return compareValues(BigInt(a as number), b);
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] === null || b[i] === null) {
        if (a[i] !== b[i]) return a[i] === null ? -1 : 1;
        continue;
      }
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (a instanceof MapValue && b instanceof MapValue) {
    if (a.entries.length !== b.entries.length) return a.entries.length - b.entries.length;
    const all = a.entries.every(([k, v]) =>
      b.entries.some(([k2, v2]) => valuesEqual(k, k2) && valuesEqual(v, v2)),
    );
    return all ? 0 : 1;
  }
  throw new EvalError(`Cannot compare ${String(a)} with ${String(b)}`);
}

function valuesEqual(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  return compareValues(a, b) === 0;
}

// ---------------------------------------------------------------------------------------------
// Casts

const TRUE_STRINGS = new Set(["true", "t", "yes", "y", "1"]);
const FALSE_STRINGS = new Set(["false", "f", "no", "n", "0"]);
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

function numberFormatError(s: string): EvalError {
  return new EvalError(`java.lang.NumberFormatException: For input string: "${s}"`);
}

function parseIntegral(s: string, kind: string): Value {
  const t = s.trim();
  // Flink's BinaryStringDataUtil.toLong accepts a fractional part and drops it.
  const m = /^([+-]?\d+)(?:\.\d*)?$/.exec(t);
  if (!m) throw numberFormatError(s);
  const v = BigInt(m[1]);
  const [min, max] =
    kind === "TINYINT"
      ? [-128n, 127n]
      : kind === "SMALLINT"
        ? [-32768n, 32767n]
        : kind === "INT"
          ? [-2147483648n, 2147483647n]
          : [-9223372036854775808n, 9223372036854775807n];
  if (v < min || v > max) throw numberFormatError(s);
  return kind === "BIGINT" ? v : Number(v);
}

function valueToString(v: Value, t: LogicalType, ctx: EvalContext): string {
  if (v === null) return "NULL";
  switch (t.kind) {
    case "BOOLEAN":
      return v ? "TRUE" : "FALSE";
    case "FLOAT":
      return javaFloatToString(v as number);
    case "DOUBLE":
      return javaDoubleToString(v as number);
    case "DECIMAL":
      return (v as Decimal).toPlainString();
    case "DATE":
      return formatDate(v as number);
    case "TIME":
      return formatTime(v as number, t.precision);
    case "TIMESTAMP":
      return formatTimestamp(v as Timestamp, t.precision);
    case "TIMESTAMP_LTZ": {
      const ts = v as Timestamp;
      const wall = ts.epochMillis + zoneOffsetMillis(ctx.localTimeZone, ts.epochMillis);
      return formatTimestamp(new Timestamp(wall, ts.nanoOfMillisecond), t.precision);
    }
    case "BINARY":
    case "VARBINARY":
      return utf8Decoder.decode(v as Uint8Array);
    case "ARRAY":
    case "MULTISET":
      return `[${(v as Value[]).map((x) => valueToString(x, t.element, ctx)).join(", ")}]`;
    case "MAP":
      return `{${(v as MapValue).entries.map(([k, x]) => `${valueToString(k, t.key, ctx)}=${valueToString(x, t.value, ctx)}`).join(", ")}}`;
    case "ROW":
      return `(${(v as Value[]).map((x, i) => valueToString(x, t.fields[i].type, ctx)).join(", ")})`;
    default:
      return String(v);
  }
}

/** CAST(v AS to) with Flink's rules; throws EvalError when the value cannot be converted. */
export function castValue(v: Value, from: LogicalType, to: LogicalType, ctx: EvalContext): Value {
  if (v === null) return null;
  switch (to.kind) {
    case "CHAR":
    case "VARCHAR": {
      let s = typeof v === "string" ? v : valueToString(v, from, ctx);
      if (to.length < MAX_LENGTH && s.length > to.length) s = s.slice(0, to.length);
      if (to.kind === "CHAR" && s.length < to.length) s = s.padEnd(to.length, " ");
      return s;
    }
    case "BINARY":
    case "VARBINARY": {
      let b = v instanceof Uint8Array ? v : utf8.encode(String(v));
      if (to.length < MAX_LENGTH && b.length > to.length) b = b.slice(0, to.length);
      if (to.kind === "BINARY" && b.length < to.length) {
        const padded = new Uint8Array(to.length);
        padded.set(b);
        b = padded;
      }
      return b;
    }
    case "BOOLEAN":
      if (typeof v === "string") {
        const s = v.trim().toLowerCase();
        if (TRUE_STRINGS.has(s)) return true;
        if (FALSE_STRINGS.has(s)) return false;
        throw new EvalError(`Cannot parse '${v}' as BOOLEAN.`);
      }
      return toNumber(v) !== 0;
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT": {
      if (typeof v === "string") return parseIntegral(v, to.kind);
      if (v instanceof Timestamp) {
        const secs = BigInt(Math.floor(v.epochMillis / 1000));
        return to.kind === "BIGINT" ? secs : wrap(Number(secs), to.kind);
      }
      if (typeof v === "boolean") return to.kind === "BIGINT" ? (v ? 1n : 0n) : v ? 1 : 0;
      if (from.kind === "FLOAT" || from.kind === "DOUBLE") {
        const x = v as number;
        return to.kind === "BIGINT" ? doubleToLong(x) : wrap(doubleToInt(x), to.kind);
      }
      if (typeof v === "number" && from.kind === "INTERVAL_YEAR_MONTH")
        return to.kind === "BIGINT" ? BigInt(v) : wrap(v, to.kind);
      const big = toBigInt(v);
      return to.kind === "BIGINT"
        ? BigInt.asIntN(64, big)
        : wrap(Number(BigInt.asIntN(32, big)), to.kind);
    }
    case "FLOAT":
    case "DOUBLE": {
      let x: number;
      if (typeof v === "string") {
        const s = v.trim();
        if (!/^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[dDfF]?$/.test(s))
          throw numberFormatError(v);
        x = Number(s.replace(/[dDfF]$/, ""));
      } else if (v instanceof Timestamp) x = v.epochMillis / 1000;
      else x = toNumber(v);
      return to.kind === "FLOAT" ? Math.fround(x) : x;
    }
    case "DECIMAL": {
      let d: Decimal;
      if (typeof v === "string") {
        try {
          d = Decimal.parse(v.trim());
        } catch {
          throw numberFormatError(v);
        }
      } else if (typeof v === "number" && !Number.isFinite(v)) {
        return null;
      } else d = toDecimal(v, from);
      return toDecimalType(d, to.precision, to.scale);
    }
    case "DATE": {
      if (typeof v === "string") {
        const d =
          parseDateLiteral(v) ??
          (parseTimestampLiteral(v)
            ? Math.floor(parseTimestampLiteral(v)!.value.epochMillis / MS_PER_DAY)
            : null);
        if (d === null) throw new EvalError(`Cannot parse '${v}' as DATE.`);
        return d;
      }
      if (v instanceof Timestamp) {
        const wall =
          from.kind === "TIMESTAMP_LTZ"
            ? v.epochMillis + zoneOffsetMillis(ctx.localTimeZone, v.epochMillis)
            : v.epochMillis;
        return Math.floor(wall / MS_PER_DAY);
      }
      return v;
    }
    case "TIME": {
      if (typeof v === "string") {
        const t = parseTimeLiteral(v);
        if (!t) throw new EvalError(`Cannot parse '${v}' as TIME.`);
        return truncateMillis(t.millis, to.precision);
      }
      if (v instanceof Timestamp) {
        const wall =
          from.kind === "TIMESTAMP_LTZ"
            ? v.epochMillis + zoneOffsetMillis(ctx.localTimeZone, v.epochMillis)
            : v.epochMillis;
        return truncateMillis(((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY, to.precision);
      }
      return truncateMillis(v as number, to.precision);
    }
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ": {
      let ts: Timestamp;
      let isInstant = false;
      if (typeof v === "string") {
        const p = parseTimestampLiteral(v);
        if (!p)
          throw new EvalError(
            `Cannot parse '${v}' as ${to.kind === "TIMESTAMP" ? "TIMESTAMP" : "TIMESTAMP_LTZ"}.`,
          );
        ts = p.value;
      } else if (v instanceof Timestamp) {
        ts = v;
        isInstant = from.kind === "TIMESTAMP_LTZ";
      } else if (from.kind === "DATE") {
        ts = new Timestamp((v as number) * MS_PER_DAY);
      } else {
        // Numbers are epoch seconds.
        const secs = toNumber(v);
        ts = new Timestamp(Math.floor(secs * 1000));
        isInstant = true;
      }
      if (to.kind === "TIMESTAMP_LTZ" && !isInstant)
        ts = new Timestamp(
          wallClockToInstant(ts.epochMillis, ctx.localTimeZone),
          ts.nanoOfMillisecond,
        );
      if (to.kind === "TIMESTAMP" && isInstant)
        ts = new Timestamp(
          ts.epochMillis + zoneOffsetMillis(ctx.localTimeZone, ts.epochMillis),
          ts.nanoOfMillisecond,
        );
      return truncateTimestamp(ts, to.precision);
    }
    case "ARRAY":
    case "MULTISET":
      if (from.kind === "ARRAY" || from.kind === "MULTISET")
        return (v as Value[]).map((x) => castValue(x, from.element, to.element, ctx));
      return v;
    case "MAP":
      if (from.kind === "MAP")
        return new MapValue(
          (v as MapValue).entries.map(([k, x]) => [
            castValue(k, from.key, to.key, ctx),
            castValue(x, from.value, to.value, ctx),
          ]),
        );
      return v;
    case "ROW":
      if (from.kind === "ROW")
        return (v as Value[]).map((x, i) =>
          castValue(x, from.fields[i].type, to.fields[i].type, ctx),
        );
      return v;
    default:
      return v;
  }
}

function truncateMillis(ms: number, precision: number): number {
  if (precision >= 3) return ms;
  const unit = 10 ** (3 - precision);
  return Math.floor(ms / unit) * unit;
}

function truncateTimestamp(ts: Timestamp, precision: number): Timestamp {
  if (precision >= 9) return ts;
  const nanosOfSecond =
    (((ts.epochMillis % 1000) + 1000) % 1000) * 1_000_000 + ts.nanoOfMillisecond;
  const unit = 10 ** (9 - precision);
  const kept = Math.floor(nanosOfSecond / unit) * unit;
  const secondStart = ts.epochMillis - (((ts.epochMillis % 1000) + 1000) % 1000);
  return new Timestamp(secondStart + Math.floor(kept / 1_000_000), kept % 1_000_000);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

function arithmetic(
  op: string,
  a: Value,
  b: Value,
  ta: LogicalType,
  tb: LogicalType,
  rt: LogicalType,
): Value {
  if (a === null || b === null) return null;
  switch (rt.kind) {
    case "TINYINT":
    case "SMALLINT":
    case "INT": {
      const x = toNumber(a);
      const y = toNumber(b);
      switch (op) {
        case "+":
          return wrap(x + y, rt.kind);
        case "-":
          return wrap(x - y, rt.kind);
        case "*":
          return wrap(Math.imul(x, y), rt.kind);
        case "/":
          if (y === 0) throw new EvalError("java.lang.ArithmeticException: / by zero");
          return wrap(Math.trunc(x / y), rt.kind);
        default:
          if (y === 0) throw new EvalError("java.lang.ArithmeticException: / by zero");
          return wrap(x % y, rt.kind);
      }
    }
    case "BIGINT": {
      const x = toBigInt(a);
      const y = toBigInt(b);
      switch (op) {
        case "+":
          return BigInt.asIntN(64, x + y);
        case "-":
          return BigInt.asIntN(64, x - y);
        case "*":
          return BigInt.asIntN(64, x * y);
        case "/":
          if (y === 0n) throw new EvalError("java.lang.ArithmeticException: / by zero");
          return BigInt.asIntN(64, x / y);
        default:
          if (y === 0n) throw new EvalError("java.lang.ArithmeticException: / by zero");
          return x % y;
      }
    }
    case "FLOAT":
    case "DOUBLE": {
      const x = toNumber(a);
      const y = toNumber(b);
      const r =
        op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : x % y;
      return rt.kind === "FLOAT" ? Math.fround(r) : r;
    }
    case "DECIMAL": {
      const x = toDecimal(a, ta);
      const y = toDecimal(b, tb);
      let r: Decimal;
      if (op === "+" || op === "-") {
        const s = Math.max(x.scale, y.scale);
        const xu = rescale(x, s).unscaled;
        const yu = rescale(y, s).unscaled;
        r = new Decimal(op === "+" ? xu + yu : xu - yu, s);
      } else if (op === "*") {
        r = new Decimal(x.unscaled * y.unscaled, x.scale + y.scale);
      } else if (op === "/") {
        if (y.unscaled === 0n)
          throw new EvalError("java.lang.ArithmeticException: Division by zero");
        // x / y at the result scale + 1 digit, then HALF_UP.
        const s = rt.scale + 1;
        const num = x.unscaled * pow10(Math.max(0, s - x.scale + y.scale));
        const den = y.unscaled * pow10(Math.max(0, x.scale - y.scale - s));
        r = new Decimal(num / den, s);
      } else {
        if (y.unscaled === 0n)
          throw new EvalError("java.lang.ArithmeticException: Division by zero");
        const s = Math.max(x.scale, y.scale);
        r = new Decimal(rescale(x, s).unscaled % rescale(y, s).unscaled, s);
      }
      return toDecimalType(r, rt.precision, rt.scale);
    }
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "DATE":
      return datetimePlus(op, a, b, ta, tb, rt);
    case "INTERVAL_DAY_TIME": {
      if (op === "+" || op === "-")
        return op === "+" ? toBigInt(a) + toBigInt(b) : toBigInt(a) - toBigInt(b);
      const [iv, n] = ta.kind === "INTERVAL_DAY_TIME" ? [a, b] : [b, a];
      const ms = Number(iv as bigint);
      return BigInt(Math.trunc(op === "*" ? ms * toNumber(n) : ms / toNumber(n)));
    }
    case "INTERVAL_YEAR_MONTH": {
      if (op === "+" || op === "-")
        return op === "+" ? toNumber(a) + toNumber(b) : toNumber(a) - toNumber(b);
      const [iv, n] = ta.kind === "INTERVAL_YEAR_MONTH" ? [a, b] : [b, a];
      return Math.trunc(op === "*" ? (iv as number) * toNumber(n) : (iv as number) / toNumber(n));
    }
    default:
      throw new EvalError(`Unsupported arithmetic ${op} on ${rt.kind}`);
  }
}

function addMonths(millis: number, months: number): number {
  const c = civilFromMillis(millis);
  const total = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  const day = Math.min(c.day, d.getUTCDate());
  const out = new Date(0);
  out.setUTCFullYear(year, month - 1, day);
  out.setUTCHours(c.hour, c.minute, c.second, c.millis);
  return out.getTime();
}

function datetimePlus(
  op: string,
  a: Value,
  b: Value,
  ta: LogicalType,
  tb: LogicalType,
  rt: LogicalType,
): Value {
  const [dt, iv, ivType] =
    ta.kind === "INTERVAL_DAY_TIME" || ta.kind === "INTERVAL_YEAR_MONTH" ? [b, a, ta] : [a, b, tb];
  const sign = op === "-" ? -1 : 1;
  if (rt.kind === "DATE") {
    const ms = (dt as number) * MS_PER_DAY;
    const out =
      ivType.kind === "INTERVAL_YEAR_MONTH"
        ? addMonths(ms, sign * (iv as number))
        : ms + sign * Number(iv as bigint);
    return Math.floor(out / MS_PER_DAY);
  }
  const ts = dt as Timestamp;
  const out =
    ivType.kind === "INTERVAL_YEAR_MONTH"
      ? addMonths(ts.epochMillis, sign * (iv as number))
      : ts.epochMillis + sign * Number(iv as bigint);
  return new Timestamp(out, ts.nanoOfMillisecond);
}

// ---------------------------------------------------------------------------------------------
// Functions

function likeToRegExp(pattern: string, escape: string | null): RegExp {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (escape !== null && c === escape && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (c === "%") re += "[\\s\\S]*";
    else if (c === "_") re += "[\\s\\S]";
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(re + "$", "u");
}

function trimChars(s: string, chars: string, mode: string): string {
  const set = new Set([...chars]);
  const cps = [...s];
  let start = 0;
  let end = cps.length;
  if (mode !== "TRAILING") while (start < end && set.has(cps[start])) start++;
  if (mode !== "LEADING") while (end > start && set.has(cps[end - 1])) end--;
  return cps.slice(start, end).join("");
}

/** Flink's SUBSTRING: 1-based; a negative start counts from the end; 0 is the first character. */
function substring(s: string, pos: number, len: number | null): string | null {
  const cps = [...s];
  if (len !== null && len < 0) return null;
  const n = cps.length;
  const start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
  if (start < 0 || start >= n) return "";
  const end = len === null ? n : Math.min(n, start + len);
  return cps.slice(start, end).join("");
}

function jsonPathGet(json: string, path: string): Value {
  const cur = jsonPathNode(json, path);
  if (cur === undefined || cur === null || typeof cur === "object") return null;
  return String(cur);
}

function roundDecimal(d: Decimal, digits: number): Decimal {
  if (digits >= d.scale) return d;
  if (digits >= 0) return rescale(d, digits);
  const r = rescale(d, digits);
  return new Decimal(r.unscaled * pow10(-digits), 0);
}

function roundNumber(x: number, digits: number, t: LogicalType): Value {
  if (!Number.isFinite(x)) return x;
  const d = roundDecimal(
    Decimal.parse(x.toString().includes("e") ? x.toExponential() : x.toString()),
    digits,
  );
  const r = decimalToNumber(d);
  return t.kind === "FLOAT" ? Math.fround(r) : r;
}

const DEFAULT_TS_FORMAT = "yyyy-MM-dd HH:mm:ss";

/** Wall clock (as UTC millis + nanos) of a TIMESTAMP or TIMESTAMP_LTZ value in the session zone. */
function wallOf(ts: Timestamp, t: LogicalType, ctx: EvalContext): Timestamp {
  if (t.kind !== "TIMESTAMP_LTZ") return ts;
  return new Timestamp(
    ts.epochMillis + zoneOffsetMillis(ctx.localTimeZone, ts.epochMillis),
    ts.nanoOfMillisecond,
  );
}

function callFunction(r: Extract<Rex, { kind: "call" }>, args: Value[], ctx: EvalContext): Value {
  const types = r.operands.map((o) => o.type);
  const anyNull = args.some((a) => a === null);
  switch (r.op) {
    case "UPPER":
      return anyNull ? null : (args[0] as string).toUpperCase();
    case "LOWER":
      return anyNull ? null : (args[0] as string).toLowerCase();
    case "TRIM":
      return anyNull
        ? null
        : trimChars(
            args[0] as string,
            args.length > 1 ? (args[1] as string) : " ",
            r.trimMode ?? "BOTH",
          );
    case "CONCAT":
      return anyNull ? null : (args as string[]).join("");
    case "CONCAT_WS":
      if (args[0] === null) return null;
      return args
        .slice(1)
        .filter((a) => a !== null)
        .join(args[0] as string);
    case "SUBSTRING":
      return anyNull
        ? null
        : substring(
            args[0] as string,
            toNumber(args[1]),
            args.length > 2 ? toNumber(args[2]) : null,
          );
    case "REPLACE":
      return anyNull ? null : (args[0] as string).split(args[1] as string).join(args[2] as string);
    case "CHAR_LENGTH":
      return anyNull ? null : [...(args[0] as string)].length;
    case "POSITION": {
      if (anyNull) return null;
      const idx = (args[1] as string).indexOf(args[0] as string);
      return idx < 0 ? 0 : [...(args[1] as string).slice(0, idx)].length + 1;
    }
    case "CHR": {
      if (anyNull) return null;
      const n = toNumber(args[0]);
      return n < 0 ? "" : String.fromCharCode(n % 256);
    }
    case "REGEXP_EXTRACT": {
      if (anyNull) return null;
      let re: RegExp;
      try {
        re = new RegExp(args[1] as string, "u");
      } catch {
        return null;
      }
      const m = re.exec(args[0] as string);
      const idx = args.length > 2 ? toNumber(args[2]) : 0;
      if (!m || idx < 0 || idx >= m.length) return null;
      return m[idx] ?? null;
    }
    case "SPLIT_INDEX": {
      if (anyNull) return null;
      const idx = toNumber(args[2]);
      const parts = (args[0] as string).split(args[1] as string);
      return idx >= 0 && idx < parts.length ? parts[idx] : null;
    }
    case "CURRENT_TIMESTAMP":
    case "NOW":
    case "CURRENT_ROW_TIMESTAMP":
    case "PROCTIME":
      return new Timestamp(ctx.now());
    case "LOCALTIMESTAMP": {
      const now = ctx.now();
      return new Timestamp(now + zoneOffsetMillis(ctx.localTimeZone, now));
    }
    case "CURRENT_DATE": {
      const now = ctx.now();
      return Math.floor((now + zoneOffsetMillis(ctx.localTimeZone, now)) / MS_PER_DAY);
    }
    case "CURRENT_TIME":
    case "LOCALTIME": {
      const now = ctx.now();
      const wall = now + zoneOffsetMillis(ctx.localTimeZone, now);
      return Math.floor((((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 1000) * 1000;
    }
    case "DATE_FORMAT": {
      if (anyNull) return null;
      let wall: Timestamp;
      if (typeof args[0] === "string") {
        const p = parseTimestampLiteral(args[0]);
        if (!p) return null;
        wall = p.value;
      } else wall = wallOf(args[0] as Timestamp, types[0], ctx);
      try {
        return formatWithPattern(wall.epochMillis, wall.nanoOfMillisecond, args[1] as string);
      } catch {
        return null;
      }
    }
    case "TO_TIMESTAMP": {
      if (anyNull) return null;
      const p = parseWithPattern(
        args[0] as string,
        args.length > 1 ? (args[1] as string) : DEFAULT_TS_FORMAT,
      );
      return p ? new Timestamp(p.millis, p.nanoOfMilli) : null;
    }
    case "TO_TIMESTAMP_LTZ": {
      if (anyNull) return null;
      if (typeof args[0] === "string") {
        const p = parseWithPattern(
          args[0],
          args.length > 1 ? (args[1] as string) : "yyyy-MM-dd HH:mm:ss.SSS",
        );
        if (!p) return null;
        const zone = args.length > 2 ? (args[2] as string) : ctx.localTimeZone;
        return new Timestamp(wallClockToInstant(p.millis, zone), p.nanoOfMilli);
      }
      const precision = args.length > 1 ? toNumber(args[1]) : 3;
      const x =
        types[0].kind === "DECIMAL" || types[0].kind === "DOUBLE" || types[0].kind === "FLOAT"
          ? toNumber(args[0])
          : Number(toBigInt(args[0]));
      const millis = precision === 0 ? x * 1000 : x;
      return new Timestamp(Math.floor(millis), 0);
    }
    case "UNIX_TIMESTAMP": {
      if (args.length === 0) return BigInt(Math.floor(ctx.now() / 1000));
      if (anyNull) return null;
      const p = parseWithPattern(
        args[0] as string,
        args.length > 1 ? (args[1] as string) : DEFAULT_TS_FORMAT,
      );
      // Flink returns Long.MIN_VALUE when the string cannot be parsed.
      if (!p) return -9223372036854775808n;
      return BigInt(Math.floor(wallClockToInstant(p.millis, ctx.localTimeZone) / 1000));
    }
    case "FROM_UNIXTIME": {
      if (anyNull) return null;
      const ms = Number(toBigInt(args[0])) * 1000;
      const wall = ms + zoneOffsetMillis(ctx.localTimeZone, ms);
      try {
        return formatWithPattern(
          wall,
          0,
          args.length > 1 ? (args[1] as string) : DEFAULT_TS_FORMAT,
        );
      } catch {
        return null;
      }
    }
    case "JSON_VALUE":
      return anyNull ? null : jsonPathGet(args[0] as string, args[1] as string);
    case "ABS": {
      if (anyNull) return null;
      const v = args[0];
      if (v instanceof Decimal)
        return new Decimal(v.unscaled < 0n ? -v.unscaled : v.unscaled, v.scale);
      if (typeof v === "bigint") return BigInt.asIntN(64, v < 0n ? -v : v);
      if (r.type.kind === "FLOAT" || r.type.kind === "DOUBLE") return Math.abs(v as number);
      return wrap(Math.abs(v as number), r.type.kind);
    }
    case "MOD":
      return arithmetic("%", args[0], args[1], types[0], types[1], r.type);
    case "ROUND": {
      if (anyNull) return null;
      const digits = args.length > 1 ? toNumber(args[1]) : 0;
      const v = args[0];
      if (v instanceof Decimal) {
        const rt = r.type as Extract<LogicalType, { kind: "DECIMAL" }>;
        return toDecimalType(roundDecimal(v, digits), rt.precision, rt.scale);
      }
      if (types[0].kind === "FLOAT" || types[0].kind === "DOUBLE")
        return roundNumber(v as number, digits, types[0]);
      if (digits >= 0) return v;
      const f = pow10(-digits);
      const big = toBigInt(v);
      const rounded = rescale(new Decimal(big, 0), digits).unscaled * f;
      return typeof v === "bigint" ? rounded : wrap(Number(rounded), types[0].kind);
    }
    case "FLOOR":
    case "CEIL": {
      if (anyNull) return null;
      const v = args[0];
      if (v instanceof Decimal) {
        const div = pow10(v.scale);
        let q = v.unscaled / div;
        const rem = v.unscaled % div;
        if (r.op === "FLOOR" && rem < 0n) q -= 1n;
        if (r.op === "CEIL" && rem > 0n) q += 1n;
        const rt = r.type as Extract<LogicalType, { kind: "DECIMAL" }>;
        return toDecimalType(new Decimal(q, 0), rt.precision, rt.scale);
      }
      if (typeof v === "number") return r.op === "FLOOR" ? Math.floor(v) : Math.ceil(v);
      return v;
    }
    case "POWER":
      return anyNull ? null : Math.pow(toNumber(args[0]), toNumber(args[1]));
    case "COALESCE": {
      const i = args.findIndex((a) => a !== null);
      return i < 0 ? null : castValue(args[i], types[i], r.type, ctx);
    }
    case "IFNULL":
      return args[0] !== null
        ? castValue(args[0], types[0], r.type, ctx)
        : castValue(args[1], types[1], r.type, ctx);
    case "NULLIF":
      if (args[0] === null) return null;
      return args[1] !== null && valuesEqual(args[0], args[1]) ? null : args[0];
    case "IF":
      return args[0] === true
        ? castValue(args[1], types[1], r.type, ctx)
        : castValue(args[2], types[2], r.type, ctx);
    default: {
      const builtin = BUILTIN_BY_NAME.get(r.op);
      if (!builtin) throw new EvalError(`Function ${r.op} cannot be evaluated here`);
      const inputs = builtin.castArgsToResult
        ? args.map((a, i) => castValue(a, types[i], r.type, ctx))
        : args;
      const nested = r.operands.map(
        (o) => o.kind === "call" && (o.op === "JSON_OBJECT" || o.op === "JSON_ARRAY"),
      );
      try {
        return builtin.run(
          inputs,
          builtin.castArgsToResult ? types.map(() => r.type) : types,
          r.type,
          ctx,
          nested,
        );
      } catch (e) {
        if (e instanceof EvalError) throw e;
        throw new EvalError(e instanceof Error ? e.message : String(e));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The evaluator

export function evaluate(
  rex: Rex,
  row: readonly Value[],
  ctx: EvalContext = defaultEvalContext,
): Value {
  switch (rex.kind) {
    case "input":
      return row[rex.index] ?? null;
    case "literal":
      return rex.value;
    case "field": {
      const v = evaluate(rex.operand, row, ctx);
      return v === null ? null : ((v as Value[])[rex.index] ?? null);
    }
    case "cast": {
      const v = evaluate(rex.operand, row, ctx);
      if (!rex.safe) return castValue(v, rex.operand.type, rex.type, ctx);
      try {
        return castValue(v, rex.operand.type, rex.type, ctx);
      } catch (e) {
        if (e instanceof EvalError) return null;
        throw e;
      }
    }
    case "call":
      return evalCall(rex, row, ctx);
  }
}

function evalCall(
  r: Extract<Rex, { kind: "call" }>,
  row: readonly Value[],
  ctx: EvalContext,
): Value {
  const ev = (i: number) => evaluate(r.operands[i], row, ctx);
  switch (r.op) {
    case "AND": {
      const a = ev(0);
      if (a === false) return false;
      const b = ev(1);
      if (b === false) return false;
      return a === null || b === null ? null : true;
    }
    case "OR": {
      const a = ev(0);
      if (a === true) return true;
      const b = ev(1);
      if (b === true) return true;
      return a === null || b === null ? null : false;
    }
    case "NOT": {
      const a = ev(0);
      return a === null ? null : !a;
    }
    case "CASE": {
      const n = r.operands.length;
      for (let i = 0; i + 1 < n; i += 2) {
        if (ev(i) === true) return castValue(ev(i + 1), r.operands[i + 1].type, r.type, ctx);
      }
      return castValue(ev(n - 1), r.operands[n - 1].type, r.type, ctx);
    }
    case "IS_NULL":
      return ev(0) === null;
    case "IS_NOT_NULL":
      return ev(0) !== null;
    case "IS_TRUE":
      return ev(0) === true;
    case "IS_NOT_TRUE":
      return ev(0) !== true;
    case "IS_FALSE":
      return ev(0) === false;
    case "IS_NOT_FALSE":
      return ev(0) !== false;
    case "IN":
    case "NOT_IN": {
      const v = ev(0);
      if (v === null) return null;
      let sawNull = false;
      for (let i = 1; i < r.operands.length; i++) {
        const x = ev(i);
        if (x === null) sawNull = true;
        else if (compareValues(v, x) === 0) return r.op === "IN";
      }
      return sawNull ? null : r.op !== "IN";
    }
    case "BETWEEN":
    case "NOT_BETWEEN":
    case "BETWEEN_SYMMETRIC":
    case "NOT_BETWEEN_SYMMETRIC": {
      const [v, lo0, hi0] = [ev(0), ev(1), ev(2)];
      if (v === null || lo0 === null || hi0 === null) return null;
      let [lo, hi] = [lo0, hi0];
      if (r.op.endsWith("SYMMETRIC") && compareValues(lo, hi) > 0) [lo, hi] = [hi, lo];
      const inside = compareValues(v, lo) >= 0 && compareValues(v, hi) <= 0;
      return r.op.startsWith("NOT") ? !inside : inside;
    }
    case "LIKE":
    case "NOT_LIKE": {
      const [s, p] = [ev(0), ev(1)];
      const esc = r.operands.length > 2 ? ev(2) : null;
      if (s === null || p === null) return null;
      const m = likeToRegExp(p as string, esc as string | null).test(s as string);
      return r.op === "LIKE" ? m : !m;
    }
    case "=":
    case "<>":
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const [a, b] = [ev(0), ev(1)];
      if (a === null || b === null) return null;
      const c = compareValues(a, b);
      return r.op === "="
        ? c === 0
        : r.op === "<>"
          ? c !== 0
          : r.op === "<"
            ? c < 0
            : r.op === "<="
              ? c <= 0
              : r.op === ">"
                ? c > 0
                : c >= 0;
    }
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return arithmetic(r.op, ev(0), ev(1), r.operands[0].type, r.operands[1].type, r.type);
    case "NEG": {
      const v = ev(0);
      if (v === null) return null;
      if (v instanceof Decimal) return new Decimal(-v.unscaled, v.scale);
      if (typeof v === "bigint") return BigInt.asIntN(64, -v);
      if (r.type.kind === "FLOAT" || r.type.kind === "DOUBLE") return -(v as number);
      return wrap(-(v as number), r.type.kind);
    }
    case "||": {
      const [a, b] = [ev(0), ev(1)];
      if (a === null || b === null) return null;
      if (a instanceof Uint8Array) {
        const out = new Uint8Array(a.length + (b as Uint8Array).length);
        out.set(a);
        out.set(b as Uint8Array, a.length);
        return out;
      }
      return (a as string) + (b as string);
    }
    case "ROW":
      return r.operands.map((_, i) => ev(i));
    case "ARRAY": {
      const el = (r.type as Extract<LogicalType, { kind: "ARRAY" }>).element;
      return r.operands.map((o, i) => castValue(ev(i), o.type, el, ctx));
    }
    case "MAP": {
      const mt = r.type as Extract<LogicalType, { kind: "MAP" }>;
      const entries: Array<[Value, Value]> = [];
      for (let i = 0; i + 1 < r.operands.length; i += 2) {
        const k = castValue(ev(i), r.operands[i].type, mt.key, ctx);
        const v = castValue(ev(i + 1), r.operands[i + 1].type, mt.value, ctx);
        const existing = entries.findIndex(([x]) => valuesEqual(x, k));
        if (existing >= 0) entries[existing] = [k, v];
        else entries.push([k, v]);
      }
      return new MapValue(entries);
    }
    case "ITEM": {
      const [c, k] = [ev(0), ev(1)];
      if (c === null || k === null) return null;
      if (c instanceof MapValue) return c.entries.find(([x]) => valuesEqual(x, k))?.[1] ?? null;
      const i = toNumber(k);
      const arr = c as Value[];
      return i >= 1 && i <= arr.length ? arr[i - 1] : null;
    }
    default:
      return callFunction(
        r,
        r.operands.map((_, i) => ev(i)),
        ctx,
      );
  }
}
