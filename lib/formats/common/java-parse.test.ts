/**
 * The number parsers' fast paths give what the general rules give, on many generated inputs:
 * the same value (-0 included) or the same error, for every text.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/formats/testing/seeded-random";
import {
  javaDoubleInRange,
  javaLongInRange,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
  plainIntegerInRange,
} from "./java-parse";

// The general rules as they were before the fast paths (the reference).
const INTEGER_RE = /^[+-]?\d+$/;
const FLOATING_RE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const numberFormat = (text: string) => new Error(`For input string: "${text}"`);
function referenceInt(text: string, bits: 8 | 16 | 32): number {
  if (!INTEGER_RE.test(text)) throw numberFormat(text);
  const v = Number(text);
  const max = 2 ** (bits - 1);
  if (v < -max || v > max - 1) throw new Error(`Value out of range. Value:"${text}" Radix:10`);
  return v;
}
function referenceLong(text: string): bigint {
  if (!INTEGER_RE.test(text)) throw numberFormat(text);
  const v = BigInt(text);
  if (v < -(2n ** 63n) || v > 2n ** 63n - 1n) throw numberFormat(text);
  return v;
}
function referenceDouble(text: string): number {
  const t = text.trim();
  if (!FLOATING_RE.test(t)) throw numberFormat(text);
  return Number(t.replace(/[fFdD]$/, ""));
}

/** The value, or the error's message, of a call. */
function outcome(f: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Undefined when both calls give the same value (Object.is: -0 is not 0) or the same error. */
function difference(actual: () => unknown, expected: () => unknown, text: string) {
  const a = outcome(actual);
  const b = outcome(expected);
  const same =
    "value" in a && "value" in b
      ? Object.is(a.value, b.value)
      : "error" in a && "error" in b && a.error === b.error;
  return same ? undefined : `${JSON.stringify(text)}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** The differences found over `inputs`: none expected. */
function differences(inputs: string[], check: (text: string) => Array<string | undefined>) {
  return inputs.flatMap((text) => check(text).filter((d) => d !== undefined));
}

const PIECES = [
  "0",
  "00",
  "1",
  "7",
  "9",
  "12345",
  "99999",
  "-",
  "+",
  ".",
  "e",
  "E",
  "e-",
  "E+",
  " ",
  "\t",
  "\u00a0",
  "f",
  "D",
  "x",
  "NaN",
  "Infinity",
  "٣",
];

const EDGES = [
  "",
  "0",
  "-0",
  "+0",
  "007",
  "-007",
  "999999999999999",
  "-999999999999999",
  "9999999999999999",
  "1000000000000000",
  "9007199254740993",
  "9007199254740991",
  "9007199254740992",
  "-9007199254740992",
  "1796411040985123",
  "0.9007199254740991",
  "9007199254740.993",
  "900719925474099.2",
  "2147483647",
  "2147483648",
  "-2147483648",
  "-2147483649",
  "127",
  "128",
  "-128",
  "-129",
  "32767",
  "32768",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775808",
  "-9223372036854775809",
  "00000000000000000000001",
  " 5",
  "5 ",
  "+",
  "-",
  ".",
  "5.",
  ".5",
  "-.5",
  "+.5",
  "0.1",
  "0.30000000000000004",
  "123456789012.345",
  "1234567890123456",
  "0.0000000000000000000001",
  "0.00000000000000000000001",
  "1e5",
  "1.5f",
  "1.5d",
  "NaN",
  "-Infinity",
  "1..2",
  "1.2.3",
  "--1",
  "+-1",
];

function generated(count: number, seed: number): string[] {
  const r = seededRandom(seed);
  const out = [...EDGES];
  for (let i = 0; i < count; i++) {
    let text = "";
    const parts = 1 + r.int(5);
    for (let p = 0; p < parts; p++) {
      if (r.next() < 0.6) {
        // a run of digits, up to 25 long
        const n = 1 + r.int(25);
        for (let d = 0; d < n; d++) text += String(r.int(10));
      } else {
        text += r.pick(PIECES);
      }
    }
    out.push(text);
  }
  return out;
}

describe("integer fast paths (plain sign and digits, up to 2^53 - 1)", () => {
  const inputs = generated(10_000, 14);

  it("Long.parseLong: the fast path and the general rule agree on every text", () => {
    expect(
      differences(inputs, (text) => {
        const fast = javaLongInRange(text, 0, text.length);
        return [
          difference(
            () => parseJavaLong(text),
            () => referenceLong(text),
            text,
          ),
          fast === undefined || fast === referenceLong(text) ? undefined : `fast ${text}`,
        ];
      }),
    ).toEqual([]);
  });

  it("Byte/Short/Integer.parseX agree, out-of-range errors included", () => {
    expect(
      differences(inputs, (text) =>
        ([8, 16, 32] as const).map((bits) =>
          difference(
            () => parseJavaInt(text, bits),
            () => referenceInt(text, bits),
            text,
          ),
        ),
      ),
    ).toEqual([]);
  });

  it("takes the plain forms itself: leading zeros, signs, -0, up to 2^53 - 1; not beyond, spaces or others", () => {
    const fast = (t: string) => plainIntegerInRange(t, 0, t.length);
    expect(fast("007")).toBe(7);
    expect(fast("+42")).toBe(42);
    expect(Object.is(fast("-0"), -0)).toBe(true);
    expect(fast("999999999999999")).toBe(999999999999999);
    expect(fast("9999999999999999")).toBeUndefined();
    // 16 digits up to 2^53 - 1 (epoch microseconds are 16 digits)
    expect(fast("1796411040985123")).toBe(1796411040985123);
    expect(fast("-9007199254740991")).toBe(-9007199254740991);
    expect(fast("9007199254740992")).toBeUndefined();
    expect(fast("00000000000000001")).toBeUndefined();
    expect(fast(" 5")).toBeUndefined();
    expect(fast("5 ")).toBeUndefined();
    expect(fast("")).toBeUndefined();
    expect(fast("-")).toBeUndefined();
    expect(fast("٣")).toBeUndefined();
    // a range inside a longer text
    expect(javaLongInRange("a,-12,b", 2, 5)).toBe(-12n);
  });
});

describe("double fast path (sign, digits up to 2^53 - 1 and a point)", () => {
  const inputs = generated(10_000, 15);

  it("Double.parseDouble and Float.parseFloat: the fast path and the general rule agree", () => {
    expect(
      differences(inputs, (text) => [
        difference(
          () => parseJavaDouble(text),
          () => referenceDouble(text),
          text,
        ),
        difference(
          () => parseJavaFloat(text),
          () => Math.fround(referenceDouble(text)),
          text,
        ),
      ]),
    ).toEqual([]);
  });

  it("is correctly rounded on random decimals of up to 16 digits", () => {
    const r = seededRandom(16);
    const wrong: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const digits = 1 + r.int(16);
      let text = r.next() < 0.3 ? "-" : "";
      const point = r.int(digits + 1);
      for (let d = 0; d < digits; d++) {
        if (d === point) text += ".";
        text += String(r.int(10));
      }
      const fast = javaDoubleInRange(text, 0, text.length);
      // 16 digits may exceed 2^53 - 1: then the general path's
      const fits = BigInt(text.replace(/[-.]/g, "")) <= BigInt(Number.MAX_SAFE_INTEGER);
      if (fits ? !Object.is(fast, Number(text)) : fast !== undefined) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });

  it("leaves exponents, suffixes, NaN, 16 digits and more than 22 fraction digits to the general path", () => {
    const fast = (t: string) => javaDoubleInRange(t, 0, t.length);
    for (const t of [
      "1e5",
      "1.5f",
      "NaN",
      "Infinity",
      "12345678901234567",
      ".",
      "-",
      "1.2.3",
      " 1",
    ])
      expect(fast(t), t).toBeUndefined();
    expect(fast("0.00000000000000000000001")).toBeUndefined();
    expect(fast("0.0000000000000000000001")).toBe(1e-22);
    expect(Object.is(fast("-0.0"), -0)).toBe(true);
    expect(fast("5.")).toBe(5);
    expect(fast(".5")).toBe(0.5);
  });
});
