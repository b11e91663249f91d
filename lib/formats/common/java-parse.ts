/**
 * Java's Integer/Long/Float/Double parsing rules and DecimalData.fromBigDecimal, used when text
 * formats decode numbers. Errors carry Java's NumberFormatException wording.
 *
 * The `…InRange` functions are fast paths over a range of a string (a CSV cell or a JSON number
 * inside the record's text, so no substring is made). They accept only the plain forms whose value
 * they can compute exactly: a sign and digits of a value up to 2^53 - 1 (which a double holds
 * exactly); for doubles also a point, with such digits and at most 22 of them after the point
 * (Clinger's fast path: the digits and the power of ten are exact doubles, so one correctly
 * rounded division is the correctly rounded value, which Number() and Java's parseDouble give).
 * Anything else returns undefined, and the caller takes the general path, which decides the value
 * or the error as before.
 */
import { Decimal } from "@/lib/types/logical-type";

const INTEGER_RE = /^[+-]?\d+$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
/** Digits of the integers up to 2^53 - 1 (9007199254740991), which doubles hold exactly. */
const SAFE_DIGITS = 16;
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

function numberFormat(text: string): Error {
  return new Error(`For input string: "${text}"`);
}

/**
 * `text[start, end)` as an integer when it is a sign and 1 to 16 ASCII digits (leading zeros
 * included) of a value up to 2^53 - 1, else undefined. "-0" gives -0, as Number("-0") does.
 */
export function plainIntegerInRange(text: string, start: number, end: number): number | undefined {
  let i = start;
  const c0 = text.charCodeAt(i);
  if (c0 === MINUS || c0 === PLUS) i++;
  if (i === end || end - i > SAFE_DIGITS) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  // Up to 15 digits every step is exact; a 16th gives a value above 2^53 - 1 exactly when the
  // true one is (rounding is monotonic and 2^53 - 1 is a double), so the check is exact too.
  if (v > Number.MAX_SAFE_INTEGER) return undefined;
  return c0 === MINUS ? -v : v;
}

/** Long.parseLong of `text[start, end)` for plain integers (see plainIntegerInRange), else undefined. */
export function javaLongInRange(text: string, start: number, end: number): bigint | undefined {
  const v = plainIntegerInRange(text, start, end);
  return v === undefined ? undefined : BigInt(v);
}

/**
 * Double.parseDouble of `text[start, end)` for a sign, digits and an optional point (`5`, `-0.25`,
 * `.5`, `5.`) of at most 2^53 - 1 in its digits and with at most 22 after the point, else undefined.
 */
export function javaDoubleInRange(text: string, start: number, end: number): number | undefined {
  let i = start;
  const c0 = text.charCodeAt(i);
  if (c0 === MINUS || c0 === PLUS) i++;
  let m = 0;
  let digits = 0;
  /** Digits from the first non-zero one on: leading zeros add nothing to m. */
  let significant = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (m !== 0) significant++;
    } else if (c === DOT && point < 0) {
      point = i;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || significant > SAFE_DIGITS || m > Number.MAX_SAFE_INTEGER) return undefined;
  const fraction = point < 0 ? 0 : end - point - 1;
  if (fraction > 22) return undefined;
  const v = fraction === 0 ? m : m / POW10[fraction];
  return c0 === MINUS ? -v : v;
}

/** Byte/Short/Integer.parseX: digits with an optional sign, in range. */
export function parseJavaInt(text: string, bits: 8 | 16 | 32): number {
  const max = 2 ** (bits - 1);
  const fast = plainIntegerInRange(text, 0, text.length);
  if (fast !== undefined && fast >= -max && fast <= max - 1) return fast;
  if (!INTEGER_RE.test(text)) throw numberFormat(text);
  const v = Number(text);
  if (v < -max || v > max - 1) {
    throw new Error(`Value out of range. Value:"${text}" Radix:10`);
  }
  return v;
}

export function parseJavaLong(text: string): bigint {
  const fast = javaLongInRange(text, 0, text.length);
  if (fast !== undefined) return fast;
  if (!INTEGER_RE.test(text)) throw numberFormat(text);
  const v = BigInt(text);
  if (v < LONG_MIN || v > LONG_MAX) throw numberFormat(text);
  return v;
}

const FLOATING_RE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** Double.parseDouble (decimal forms; Java also trims whitespace itself). */
export function parseJavaDouble(text: string): number {
  const fast = javaDoubleInRange(text, 0, text.length);
  if (fast !== undefined) return fast;
  const t = text.trim();
  if (!FLOATING_RE.test(t)) throw numberFormat(text);
  return Number(t.replace(/[fFdD]$/, ""));
}

export function parseJavaFloat(text: string): number {
  return Math.fround(parseJavaDouble(text));
}

/** new BigDecimal(text): Java's grammar, which refuses spaces, hex and "NaN". */
export function parseBigDecimal(text: string): Decimal {
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) {
    throw new Error(`"${text}" is not a valid decimal number`);
  }
  return Decimal.parse(text);
}

/** BigDecimal.setScale(scale, HALF_UP). */
export function setScaleHalfUp(d: Decimal, scale: number): Decimal {
  if (d.scale === scale) return d;
  if (d.scale < scale) return new Decimal(d.unscaled * 10n ** BigInt(scale - d.scale), scale);
  const divisor = 10n ** BigInt(d.scale - scale);
  const negative = d.unscaled < 0n;
  const abs = negative ? -d.unscaled : d.unscaled;
  let q = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) q += 1n;
  return new Decimal(negative ? -q : q, scale);
}

/** DecimalData.fromBigDecimal: rescale HALF_UP, null when the precision overflows. */
export function toDecimalData(d: Decimal, precision: number, scale: number): Decimal | null {
  const scaled = setScaleHalfUp(d, scale);
  const digits = (scaled.unscaled < 0n ? -scaled.unscaled : scaled.unscaled).toString().length;
  // BigDecimal.precision() of zero is 1; any other value counts its unscaled digits.
  return digits > precision ? null : scaled;
}
