/**
 * Java's text forms of numbers, which Flink's CAST(… AS STRING) produces: Double.toString /
 * Float.toString (shortest round-trip digits; scientific notation outside [1e-3, 1e7)).
 */

function javaFloating(x: number, digitsOf: (x: number) => string): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const neg = x < 0;
  const abs = Math.abs(x);
  // Shortest digits and exponent from the JS repr (same shortest round-trip digits as Java 19+).
  const [mant, expPart] = digitsOf(abs).split("e");
  let digits = mant.replace(".", "");
  const pointPos =
    (mant.indexOf(".") < 0 ? mant.length : mant.indexOf(".")) + (expPart ? Number(expPart) : 0);
  const lead = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.replace(/^0+/, "").replace(/0+$/, "") || "0";
  const exp10 = pointPos - lead - 1; // abs = d.ddd × 10^exp10
  let out: string;
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp10 >= 0) {
      const intPart = digits.slice(0, exp10 + 1).padEnd(exp10 + 1, "0");
      const frac = digits.slice(exp10 + 1) || "0";
      out = `${intPart}.${frac}`;
    } else {
      out = `0.${"0".repeat(-exp10 - 1)}${digits}`;
    }
  } else {
    out = `${digits[0]}.${digits.slice(1) || "0"}E${exp10}`;
  }
  return neg ? "-" + out : out;
}

export function javaDoubleToString(x: number): string {
  return javaFloating(x, (a) => a.toExponential().replace("e+", "e"));
}

/** Float.toString: the shortest digits that round-trip through float32. */
export function javaFloatToString(x: number): string {
  return javaFloating(Math.fround(x), (a) => {
    for (let p = 1; p <= 9; p++) {
      const s = a.toExponential(p - 1);
      if (Math.fround(Number(s)) === a) return s.replace("e+", "e");
    }
    return a.toExponential(8).replace("e+", "e");
  });
}
