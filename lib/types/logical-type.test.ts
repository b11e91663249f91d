import { describe, expect, it } from "vitest";
import { Decimal, T, typeToString } from "./logical-type";

describe("Decimal", () => {
  it("prints like java.math.BigDecimal", () => {
    expect(Decimal.parse("12.30").toString()).toBe("12.30");
    expect(Decimal.parse("0.000000027").toString()).toBe("2.7E-8");
    expect(Decimal.parse("1E+5").toString()).toBe("1E+5");
    expect(Decimal.parse("1E+5").toPlainString()).toBe("100000");
    expect(Decimal.parse("-0.5").toString()).toBe("-0.5");
  });
});

describe("typeToString", () => {
  it("spells types as Flink's summary strings", () => {
    expect(typeToString(T.string())).toBe("STRING");
    expect(typeToString(T.decimal(10, 2, false))).toBe("DECIMAL(10, 2) NOT NULL");
    expect(typeToString(T.map(T.string(), T.bytes()))).toBe("MAP<STRING, BYTES>");
  });
});
