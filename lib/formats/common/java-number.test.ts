import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/types/logical-type";
import {
  jacksonDecimalText,
  javaDoubleToString,
  javaDoubleToStringGeneral,
  javaFloatToString,
  stripTrailingZeros,
} from "./java-number";

describe("javaDoubleToString (Double.toString)", () => {
  it.each([
    [1.0e7, "1.0E7"],
    [1.0e-4, "1.0E-4"],
    [0.001, "0.001"],
    [0.00099, "9.9E-4"],
    [100.0, "100.0"],
    [1.0, "1.0"],
    [-1.5, "-1.5"],
    [0.1 + 0.2, "0.30000000000000004"],
    [0.33333333332, "0.33333333332"],
    [9999999.0, "9999999.0"],
    [1234567.125, "1234567.125"],
    [12345678.9, "1.23456789E7"],
    [123456789012, "1.23456789012E11"],
    [1e23, "1.0E23"],
    [2e-3, "0.002"],
    [0.00012, "1.2E-4"],
    [Number.MAX_VALUE, "1.7976931348623157E308"],
    [Number.MIN_VALUE, "4.9E-324"],
    [-1e-10, "-1.0E-10"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    [0, "0.0"],
    [-0, "-0.0"],
  ])("%s → %s", (value, expected) => {
    expect(javaDoubleToString(value)).toBe(expected);
  });
});

describe("javaDoubleToString's plain-range fast path (Number::toString for 1e-3 <= |d| < 1e7)", () => {
  /** Doubles around `d`, ulp by ulp. */
  function neighbours(d: number, n: number): number[] {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, d);
    const bits = view.getBigInt64(0);
    const out: number[] = [];
    for (let i = -n; i <= n; i++) {
      view.setBigInt64(0, bits + BigInt(i));
      out.push(view.getFloat64(0));
    }
    return out;
  }

  it("prints what the general rule prints, on random bit patterns, decimals and the range's edges", () => {
    let seed = 14;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values: number[] = [
      ...neighbours(1e-3, 50),
      ...neighbours(1e7, 50),
      ...neighbours(1, 20),
      ...neighbours(0.1, 20),
      ...neighbours(9999999.999999998, 20),
    ];
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 8_000; i++) {
      view.setUint32(0, Math.floor(next() * 2 ** 32));
      view.setUint32(4, Math.floor(next() * 2 ** 32));
      values.push(view.getFloat64(0));
      // decimals as rows carry them: up to 6 fraction digits, whole numbers, tiny and huge ones
      const digits = Math.floor(next() * 7);
      values.push(Math.round((next() - 0.5) * 2e7 * 10 ** digits) / 10 ** digits);
      values.push(Math.floor((next() - 0.5) * 2e7));
      values.push((next() - 0.5) * 10 ** Math.floor(next() * 30 - 10));
    }
    const wrong = values.filter((d) => javaDoubleToString(d) !== javaDoubleToStringGeneral(d));
    expect(wrong).toEqual([]);
  });
});

describe("javaFloatToString (Float.toString)", () => {
  it.each([
    [0.33333334, "0.33333334"],
    [1 / 3, "0.33333334"],
    [0.1, "0.1"],
    [1.1, "1.1"],
    [3.14159, "3.14159"],
    [100.0, "100.0"],
    [0.001, "0.001"],
    [1.0e-4, "1.0E-4"],
    [1.0e7, "1.0E7"],
    [16777216, "1.6777216E7"],
    [1234567.0, "1234567.0"],
    [3.4028234663852886e38, "3.4028235E38"],
    [1.401298464324817e-45, "1.4E-45"],
    [-2.5, "-2.5"],
    [0.3, "0.3"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-0, "-0.0"],
  ])("%s → %s", (value, expected) => {
    expect(javaFloatToString(Math.fround(value))).toBe(expected);
  });
});

describe("BigDecimal as Jackson writes it", () => {
  it("strips trailing zeros before printing, as JsonNodeFactory.numberNode does", () => {
    expect(jacksonDecimalText(new Decimal(1230n, 2), false)).toBe("12.3");
    expect(jacksonDecimalText(new Decimal(100000n, 0), false)).toBe("1E+5");
    expect(jacksonDecimalText(new Decimal(100000n, 0), true)).toBe("100000");
    expect(jacksonDecimalText(new Decimal(454621864049246170n, 0), false)).toBe(
      "4.5462186404924617E+17",
    );
    expect(jacksonDecimalText(new Decimal(27n, 9), false)).toBe("2.7E-8");
    expect(jacksonDecimalText(new Decimal(27n, 9), true)).toBe("0.000000027");
    expect(jacksonDecimalText(new Decimal(0n, 5), false)).toBe("0");
    expect(jacksonDecimalText(new Decimal(-1500n, 1), false)).toBe("-1.5E+2");
  });
  it("keeps the scale of a value without trailing zeros", () => {
    expect(stripTrailingZeros(new Decimal(123456789n, 6)).toString()).toBe("123.456789");
  });
});
