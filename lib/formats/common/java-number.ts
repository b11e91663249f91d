/**
 * Java's number-to-text rules, which decide the exact bytes Flink's formats write:
 * Double.toString / Float.toString (JDK 19+ "shortest decimal that rounds back" specification,
 * Raffaello Giulietti's algorithm), BigDecimal.toString / toPlainString and Jackson's
 * JsonNodeFactory.numberNode(BigDecimal) normalisation. Browser-safe.
 *
 * JDK <= 18 used FloatingDecimal, which for a handful of values prints one digit more than
 * needed (e.g. 2.82879384806159E17 as 2.82879384806159008E17); we follow the JDK 19+ rules.
 */
import { Decimal } from "@/lib/types/logical-type";

/** Java's Double.toString(d). */
export function javaDoubleToString(d: number): string {
  const abs = d < 0 ? -d : d;
  if (abs >= 1e-3 && abs < 1e7) {
    // Where Java writes plain decimals, so does Number::toString (it does for 1e-7 <= |d| < 1e21),
    // with the same shortest digits; Java's preference for two digits over one only matters
    // for subnormals. Java writes a whole number with ".0".
    const s = String(d);
    return s.indexOf(".") < 0 ? s + ".0" : s;
  }
  return javaDoubleToStringGeneral(d);
}

/** Double.toString by the general rule, for every value (the fast path above is tested against it). */
export function javaDoubleToStringGeneral(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Infinity) return "Infinity";
  if (d === -Infinity) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const negative = d < 0;
  const abs = Math.abs(d);
  // toExponential() without a digit count yields the shortest digits that round back, closest
  // to the value (ECMA-262 Number::toString); Java additionally prefers the closest 2-digit
  // decimal when 1 digit would suffice (Double.MIN_VALUE prints 4.9E-324, not 5E-324).
  let { digits, exp10 } = splitExponential(abs.toExponential());
  if (digits.length === 1) {
    const two = abs.toExponential(1);
    if (Number(two) === abs) ({ digits, exp10 } = splitExponential(two));
  }
  return (negative ? "-" : "") + layoutJava(digits, exp10);
}

/** Java's Float.toString(f); `f` must already be a float value (Math.fround). */
export function javaFloatToString(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "Infinity";
  if (f === -Infinity) return "-Infinity";
  if (f === 0) return Object.is(f, -0) ? "-0.0" : "0.0";
  const negative = f < 0;
  const { digits, exp10 } = shortestFloatDecimal(Math.abs(Math.fround(f)));
  return (negative ? "-" : "") + layoutJava(digits, exp10);
}

/** Digits without trailing zeros and the exponent of the first digit, from toExponential(). */
function splitExponential(s: string): { digits: string; exp10: number } {
  const [mant, exp] = s.split("e");
  return { digits: stripTrailingZeroDigits(mant.replace(".", "")), exp10: Number(exp) };
}

function stripTrailingZeroDigits(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits[end - 1] === "0") end--;
  return digits.slice(0, end);
}

/** Java's layout: plain for 1e-3 <= |v| < 1e7, else computerized scientific notation. */
function layoutJava(digits: string, exp10: number): string {
  if (exp10 >= -3 && exp10 < 7) {
    if (exp10 >= 0) {
      const intPart =
        digits.length > exp10 + 1 ? digits.slice(0, exp10 + 1) : digits.padEnd(exp10 + 1, "0");
      const frac = digits.length > exp10 + 1 ? digits.slice(exp10 + 1) : "0";
      return intPart + "." + frac;
    }
    return "0." + "0".repeat(-exp10 - 1) + digits;
  }
  const mant = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits + ".0";
  return mant + "E" + exp10;
}

// ---- exact shortest decimal for floats ----------------------------------------------------

interface Rational {
  num: bigint;
  /** value = num * 2^pow2 * 10^pow10 */
  pow2: number;
  pow10: number;
}

function compareRational(a: Rational, b: Rational): number {
  // Bring both to integers by multiplying with 2^-min(pow2) and 10^-min(pow10).
  const p2 = Math.min(a.pow2, b.pow2);
  const p10 = Math.min(a.pow10, b.pow10);
  const x = a.num * (1n << BigInt(a.pow2 - p2)) * 10n ** BigInt(a.pow10 - p10);
  const y = b.num * (1n << BigInt(b.pow2 - p2)) * 10n ** BigInt(b.pow10 - p10);
  return x < y ? -1 : x > y ? 1 : 0;
}

function subtractAbs(a: Rational, b: Rational): Rational {
  const p2 = Math.min(a.pow2, b.pow2);
  const p10 = Math.min(a.pow10, b.pow10);
  const x = a.num * (1n << BigInt(a.pow2 - p2)) * 10n ** BigInt(a.pow10 - p10);
  const y = b.num * (1n << BigInt(b.pow2 - p2)) * 10n ** BigInt(b.pow10 - p10);
  const d = x - y;
  return { num: d < 0n ? -d : d, pow2: p2, pow10: p10 };
}

function shortestFloatDecimal(f: number): { digits: string; exp10: number } {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, f);
  const bits = view.getUint32(0);
  const biased = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  const m = BigInt(biased === 0 ? fraction : fraction | 0x800000);
  const e = biased === 0 ? -149 : biased - 150;
  const value: Rational = { num: m, pow2: e, pow10: 0 };
  // Rounding interval: halfway to the neighbours; the lower gap halves at a power of two.
  const lowerNarrow = fraction === 0 && biased > 1;
  const low: Rational = lowerNarrow
    ? { num: 4n * m - 1n, pow2: e - 2, pow10: 0 }
    : { num: 2n * m - 1n, pow2: e - 1, pow10: 0 };
  const high: Rational = { num: 2n * m + 1n, pow2: e - 1, pow10: 0 };
  const inclusive = (m & 1n) === 0n; // round-half-even keeps the bounds for even significands
  const inRange = (d: Rational) => {
    const lo = compareRational(d, low);
    const hi = compareRational(d, high);
    return inclusive ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
  };
  const candidatesAt = (p: number): Rational[] => {
    const { digits, exp10 } = splitExponentialKeep(f.toExponential(p - 1));
    const d = BigInt(digits);
    const pow10 = exp10 - (p - 1);
    return [d - 1n, d, d + 1n].filter((n) => n > 0n).map((n) => ({ num: n, pow2: 0, pow10 }));
  };
  for (let p = 1; p <= 9; p++) {
    let found = candidatesAt(p).filter(inRange);
    if (found.length === 0) continue;
    // Java: when one digit suffices, the closest of the 1- and 2-digit decimals wins.
    if (p === 1) found = found.concat(candidatesAt(2).filter(inRange));
    let best = found[0];
    for (const c of found.slice(1)) {
      const cmp = compareRational(subtractAbs(c, value), subtractAbs(best, value));
      if (cmp < 0 || (cmp === 0 && c.num % 2n === 0n && best.num % 2n !== 0n)) best = c;
    }
    let digits = best.num.toString();
    const exp10 = best.pow10 + digits.length - 1;
    digits = stripTrailingZeroDigits(digits);
    return { digits, exp10 };
  }
  throw new Error(`no shortest decimal found for float ${f}`);
}

function splitExponentialKeep(s: string): { digits: string; exp10: number } {
  const [mant, exp] = s.split("e");
  return { digits: mant.replace(".", ""), exp10: Number(exp) };
}

// ---- BigDecimal ---------------------------------------------------------------------------

/** BigDecimal.stripTrailingZeros(); zero becomes BigDecimal.ZERO (scale 0), as JDK 8+ does. */
export function stripTrailingZeros(d: Decimal): Decimal {
  if (d.unscaled === 0n) return new Decimal(0n, 0);
  let unscaled = d.unscaled;
  let scale = d.scale;
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale--;
  }
  return new Decimal(unscaled, scale);
}

/**
 * How Jackson writes a DECIMAL that Flink put into a JSON/CSV node: JsonNodeFactory.numberNode
 * strips trailing zeros (zero stays 0), then the generator writes BigDecimal.toString(), or
 * toPlainString() with WRITE_BIGDECIMAL_AS_PLAIN.
 */
export function jacksonDecimalText(d: Decimal, plain: boolean): string {
  const normalised = stripTrailingZeros(d);
  return plain ? normalised.toPlainString() : normalised.toString();
}

/**
 * How Flink 1.20's csv format writes a DECIMAL: trailing zeros stripped; by default
 * (`csv.write-bigdecimal-in-scientific-notation` = true) only a non-zero multiple of ten — a
 * negative scale after stripping — is written in scientific notation (`100000` → `1E+5`), as
 * CsvFormatOptions documents; every other value is plain, so a small fraction stays
 * `0.000000001` (measured against Flink 1.20.3: BigDecimal.toString would give `1E-9`).
 * With the option false, WRITE_BIGDECIMAL_AS_PLAIN: always plain.
 */
export function csvDecimalText(d: Decimal, scientific: boolean): string {
  const normalised = stripTrailingZeros(d);
  return scientific && normalised.scale < 0 ? normalised.toString() : normalised.toPlainString();
}
