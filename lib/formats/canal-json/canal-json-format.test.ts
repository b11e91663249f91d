import { describe, expect, it } from "vitest";
import { T, type LogicalType, type RowKind, type Value } from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { utf8Decode, utf8Encode } from "@/lib/formats/common/text";
import { canalJsonFormat } from "./canal-json-format";

const PRODUCTS: Array<[string, LogicalType]> = [
  ["id", T.int(false)],
  ["name", T.string()],
  ["description", T.string()],
  ["weight", T.float()],
];

function ctx(options: Record<string, string> = {}): FormatContext {
  return {
    options: new Map(Object.entries(options)),
    rowType: {
      kind: "ROW",
      nullable: false,
      fields: PRODUCTS.map(([name, type]) => ({ name, type })),
    },
    part: "value",
  };
}
const f = Math.fround;
const ser = (kind: RowKind, values: Value[]) =>
  utf8Decode(canalJsonFormat.createSerializer(ctx()).serialize({ kind, values })!);
const de = (json: string, o: Record<string, string> = {}) =>
  canalJsonFormat.createDeserializer(ctx(o)).deserialize(utf8Encode(json));

/** Messages shaped like Flink's canal-data.txt test resource. */
const msg = (type: string, data: string, old = "null", database = "mydb", table = "products2") =>
  `{"data":${data},"database":"${database}","es":1589373560000,"id":9,"isDdl":false,"old":${old},"pkNames":["id"],"sql":"","table":"${table}","ts":1589373560798,"type":"${type}"}`;

describe("canal-json serialization (CanalJsonSerializationSchema)", () => {
  it("wraps the row in a one-element data array; INSERT for +I/+U, DELETE for -U/-D", () => {
    const v = [101, "scooter", "Small 2-wheel scooter", f(3.14)];
    const row = '{"id":101,"name":"scooter","description":"Small 2-wheel scooter","weight":3.14}';
    expect(ser("+I", v)).toBe(`{"data":[${row}],"type":"INSERT"}`);
    expect(ser("+U", v)).toBe(`{"data":[${row}],"type":"INSERT"}`);
    expect(ser("-U", v)).toBe(`{"data":[${row}],"type":"DELETE"}`);
    expect(ser("-D", v)).toBe(`{"data":[${row}],"type":"DELETE"}`);
  });
});

describe("canal-json deserialization (CanalJsonDeserializationSchema)", () => {
  it("INSERT and DELETE emit one row per data element, values given as strings", () => {
    const data =
      '[{"id":"101","name":"scooter","description":"Small 2-wheel scooter","weight":"3.14"},{"id":"102","name":"car battery","description":"12V car battery","weight":"8.1"}]';
    expect(de(msg("INSERT", data))).toEqual([
      { kind: "+I", values: [101, "scooter", "Small 2-wheel scooter", f(3.14)] },
      { kind: "+I", values: [102, "car battery", "12V car battery", f(8.1)] },
    ]);
    expect(de(msg("DELETE", data)).map((r) => r.kind)).toEqual(["-D", "-D"]);
  });
  it("UPDATE takes changed fields from old and the rest from data", () => {
    const out = de(
      msg(
        "UPDATE",
        '[{"id":"106","name":"hammer","description":"18oz carpenter hammer","weight":"1.0"}]',
        `[{"description":"16oz carpenter's hammer"}]`,
      ),
    );
    expect(out).toEqual([
      { kind: "-U", values: [106, "hammer", "16oz carpenter's hammer", 1] },
      { kind: "+U", values: [106, "hammer", "18oz carpenter hammer", 1] },
    ]);
  });
  it("a field present as null in old stays null in the before image", () => {
    const out = de(
      msg(
        "UPDATE",
        '[{"id":"1","name":"a","description":"d","weight":"1.5"}]',
        '[{"description":null}]',
      ),
    );
    expect(out[0].values).toEqual([1, "a", null, 1.5]);
  });
  it("CREATE (DDL) is skipped; unknown types fail unless ignore-parse-errors", () => {
    expect(de(msg("CREATE", "null"))).toEqual([]);
    expect(() => de(msg("QUERY", "null"))).toThrow(
      /Unknown "type" value "QUERY"\. The Canal JSON message is/,
    );
    expect(de(msg("QUERY", "null"), { "ignore-parse-errors": "true" })).toEqual([]);
  });
  it("database.include and table.include match the whole name as Java regexes", () => {
    const data = '[{"id":"1","name":"a","description":"d","weight":"1"}]';
    expect(
      de(msg("INSERT", data, "null", "inventory", "products"), {
        "database.include": "inv.*",
        "table.include": "products",
      }),
    ).toHaveLength(1);
    expect(
      de(msg("INSERT", data, "null", "inventory", "products2"), { "table.include": "products" }),
    ).toEqual([]);
    expect(
      de(msg("INSERT", data, "null", "other", "products"), { "database.include": "inv.*" }),
    ).toEqual([]);
  });
  it("validates the include patterns", () => {
    expect(canalJsonFormat.validate(ctx({ "table.include": "(" })).map((i) => i.option)).toEqual([
      "table.include",
    ]);
  });
});
