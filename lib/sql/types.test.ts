import { describe, expect, it } from "vitest";
import { commonType, supportsExplicitCast, supportsImplicitCast } from "./types";
import { T, typeToString } from "@/lib/types/logical-type";

describe("implicit casts (LogicalTypeCasts)", () => {
  it("widens numerics but never narrows", () => {
    expect(supportsImplicitCast(T.int(), T.bigint())).toBe(true);
    expect(supportsImplicitCast(T.int(), T.decimal(10, 2))).toBe(true);
    expect(supportsImplicitCast(T.decimal(10, 2), T.double())).toBe(true);
    expect(supportsImplicitCast(T.bigint(), T.int())).toBe(false);
    expect(supportsImplicitCast(T.double(), T.decimal())).toBe(false);
  });

  it("does not convert between strings and numbers", () => {
    expect(supportsImplicitCast(T.string(), T.int())).toBe(false);
    expect(supportsImplicitCast(T.int(), T.string())).toBe(false);
    expect(supportsExplicitCast(T.string(), T.int())).toBe(true);
    expect(supportsExplicitCast(T.int(), T.string())).toBe(true);
  });

  it("ignores length and precision within one type root", () => {
    expect(supportsImplicitCast(T.varchar(100), T.varchar(10))).toBe(true);
    expect(supportsImplicitCast(T.char(3, false), T.string())).toBe(true);
    expect(supportsImplicitCast(T.timestamp(6), T.timestamp(3))).toBe(true);
    expect(supportsImplicitCast(T.timestamp(3), T.timestampLtz(3))).toBe(true);
  });

  it("refuses nullable into NOT NULL but accepts the NULL type anywhere nullable", () => {
    expect(supportsImplicitCast(T.int(), T.int(false))).toBe(false);
    expect(supportsImplicitCast({ kind: "NULL", nullable: true }, T.map(T.string(), T.int()))).toBe(
      true,
    );
  });

  it("casts constructed types element-wise", () => {
    expect(supportsImplicitCast(T.array(T.int()), T.array(T.bigint()))).toBe(true);
    expect(supportsImplicitCast(T.array(T.string()), T.array(T.int()))).toBe(false);
    expect(
      supportsImplicitCast(
        T.row([{ name: "a", type: T.int() }]),
        T.row([{ name: "x", type: T.bigint() }]),
      ),
    ).toBe(true);
  });
});

describe("commonType", () => {
  const common = (ts: Parameters<typeof commonType>[0]) => {
    const c = commonType(ts);
    return c ? typeToString(c) : null;
  };
  it("merges numbers", () => {
    expect(common([T.int(false), T.bigint(false)])).toBe("BIGINT NOT NULL");
    expect(common([T.int(false), T.decimal(5, 2, false)])).toBe("DECIMAL(12, 2) NOT NULL");
    expect(common([T.int(), T.double(false)])).toBe("DOUBLE");
    expect(common([T.float(), T.float()])).toBe("FLOAT");
  });
  it("turns ragged CHAR into VARCHAR (FlinkTypeSystem)", () => {
    expect(common([T.char(1, false), T.char(3, false)])).toBe("VARCHAR(3) NOT NULL");
  });
  it("lets NULL take the other type and become nullable", () => {
    expect(common([T.int(false), { kind: "NULL", nullable: true }])).toBe("INT");
  });
  it("has no common type for strings and numbers", () => {
    expect(common([T.int(), T.string()])).toBeNull();
  });
});
