/**
 * Java's Integer/Long/Float/Double parsing rules and DecimalData.fromBigDecimal, used when text
 * formats decode numbers. Errors carry Java's NumberFormatException wording.
 */
import { Decimal } from "@/lib/types/logical-type";

const INTEGER_RE = /^[+-]?\d+$/;

function numberFormat(text: string): Error {
  return new Error(`For input string: "${text}"`);
}

/** Byte/Short/Integer.parseX: digits with an optional sign, in range. */
export function parseJavaInt(text: string, bits: 8 | 16 | 32): number {
  if (!INTEGER_RE.test(text)) throw numberFormat(text);
  const v = Number(text);
  const max = 2 ** (bits - 1);
  if (v < -max || v > max - 1) {
    throw new Error(`Value out of range. Value:"${text}" Radix:10`);
  }
  return v;
}

export function parseJavaLong(text: string): bigint {
  if (!INTEGER_RE.test(text)) throw numberFormat(text);
  const v = BigInt(text);
  if (v < -(2n ** 63n) || v > 2n ** 63n - 1n) throw numberFormat(text);
  return v;
}

const FLOATING_RE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** Double.parseDouble (decimal forms; Java also trims whitespace itself). */
export function parseJavaDouble(text: string): number {
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
