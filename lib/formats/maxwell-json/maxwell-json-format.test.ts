import { describe, expect, it } from "vitest";
import { T, type LogicalType, type RowKind, type Value } from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { utf8Decode, utf8Encode } from "@/lib/formats/common/text";
import { maxwellJsonFormat } from "./maxwell-json-format";

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
  utf8Decode(maxwellJsonFormat.createSerializer(ctx()).serialize({ kind, values })!);
const de = (json: string, o: Record<string, string> = {}) =>
  maxwellJsonFormat.createDeserializer(ctx(o)).deserialize(utf8Encode(json));

describe("maxwell-json serialization (MaxwellJsonSerializationSchema)", () => {
  it("insert for +I/+U, delete for -U/-D", () => {
    const v = [101, "scooter", "Small 2-wheel scooter", f(3.14)];
    const row = '{"id":101,"name":"scooter","description":"Small 2-wheel scooter","weight":3.14}';
    expect(ser("+I", v)).toBe(`{"data":${row},"type":"insert"}`);
    expect(ser("+U", v)).toBe(`{"data":${row},"type":"insert"}`);
    expect(ser("-U", v)).toBe(`{"data":${row},"type":"delete"}`);
    expect(ser("-D", v)).toBe(`{"data":${row},"type":"delete"}`);
  });
});

describe("maxwell-json deserialization (MaxwellJsonDeserializationSchema)", () => {
  it("insert, update (old + unchanged fields from data), delete", () => {
    expect(
      de(
        '{"database":"test","table":"product","type":"insert","ts":1596684883,"xid":7125,"xoffset":0,"data":{"id":101,"name":"scooter","description":"Small 2-wheel scooter","weight":3.14},"primary_key_columns":["id"]}',
      ),
    ).toEqual([{ kind: "+I", values: [101, "scooter", "Small 2-wheel scooter", f(3.14)] }]);
    expect(
      de(
        '{"database":"test","table":"product","type":"update","data":{"id":106,"name":"hammer","description":"18oz carpenter hammer","weight":1.0},"old":{"description":"16oz carpenter\'s hammer"}}',
      ),
    ).toEqual([
      { kind: "-U", values: [106, "hammer", "16oz carpenter's hammer", 1] },
      { kind: "+U", values: [106, "hammer", "18oz carpenter hammer", 1] },
    ]);
    expect(
      de(
        '{"type":"delete","data":{"id":111,"name":"scooter","description":"Big 2-wheel scooter ","weight":5.17}}',
      ),
    ).toEqual([{ kind: "-D", values: [111, "scooter", "Big 2-wheel scooter ", f(5.17)] }]);
  });
  it("unknown types fail unless ignore-parse-errors", () => {
    expect(() => de('{"type":"table-create","data":null}')).toThrow(
      /Corrupt Maxwell JSON message .*Unknown "type" value "table-create"/,
    );
    expect(de('{"type":"table-create","data":null}', { "ignore-parse-errors": "true" })).toEqual(
      [],
    );
  });
});
