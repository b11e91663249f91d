import { describe, expect, it } from "vitest";
import { castRefusal } from "./casts";
import { commonType, isNumeric, supportsExplicitCast, supportsImplicitCast } from "./types";
import { T, typeToString, type LogicalType } from "@/lib/types/logical-type";

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

describe("the cast matrix (LogicalTypeCasts as data)", () => {
  const atoms = [
    T.boolean(),
    T.tinyint(),
    T.smallint(),
    T.int(),
    T.bigint(),
    T.float(),
    T.double(),
    T.decimal(10, 2),
    T.char(3),
    T.string(),
    T.binary(2),
    T.bytes(),
    T.date(),
    T.time(0),
    T.timestamp(3),
    T.timestampLtz(3),
  ];
  const kinds = (ok: (s: LogicalType, t: LogicalType) => boolean, t: LogicalType) =>
    atoms.filter((s) => ok(s, t)).map((s) => s.kind);

  it("lets every predefined type be cast to a string, and only character strings to BYTES", () => {
    expect(kinds(supportsExplicitCast, T.string())).toHaveLength(atoms.length);
    expect(kinds(supportsExplicitCast, T.bytes())).toEqual([
      "CHAR",
      "VARCHAR",
      "BINARY",
      "VARBINARY",
    ]);
  });

  it("widens numerics implicitly as Java does, never narrows", () => {
    expect(kinds(supportsImplicitCast, T.double())).toEqual([
      "TINYINT",
      "SMALLINT",
      "INT",
      "BIGINT",
      "FLOAT",
      "DOUBLE",
      "DECIMAL",
    ]);
    expect(kinds(supportsImplicitCast, T.int())).toEqual(["TINYINT", "SMALLINT", "INT"]);
  });

  it("keeps DATE and TIME apart from numbers", () => {
    expect(kinds(supportsExplicitCast, T.date())).toEqual([
      "CHAR",
      "VARCHAR",
      "DATE",
      "TIMESTAMP",
      "TIMESTAMP_LTZ",
    ]);
    expect(kinds(supportsExplicitCast, T.int())).not.toContain("DATE");
  });

  it("refuses at code generation what the matrix lets through between timestamps and numbers", () => {
    for (const s of atoms)
      for (const t of atoms) {
        const refused = castRefusal(s, t);
        if (refused) expect(supportsExplicitCast(s, t), `${s.kind}->${t.kind}`).toBe(true);
        const tsToNum = (s.kind === "TIMESTAMP" || s.kind === "TIMESTAMP_LTZ") && isNumeric(t);
        const numToTs = isNumeric(s) && (t.kind === "TIMESTAMP" || t.kind === "TIMESTAMP_LTZ");
        expect(refused !== undefined, `${s.kind}->${t.kind}`).toBe(tsToNum || numToTs);
      }
  });
});
