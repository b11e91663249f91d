import { describe, expect, it } from "vitest";
import { T, type LogicalType, type RowKind, type Value } from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { utf8Decode, utf8Encode } from "@/lib/formats/common/text";
import { debeziumJsonFormat } from "./debezium-json-format";

/** The products table of Flink's DebeziumJsonSerDeSchemaTest. */
const PRODUCTS: Array<[string, LogicalType]> = [
  ["id", T.int(false)],
  ["name", T.string()],
  ["description", T.string()],
  ["weight", T.float()],
];

function ctx(options: Record<string, string> = {}, fields = PRODUCTS): FormatContext {
  return {
    options: new Map(Object.entries(options)),
    rowType: {
      kind: "ROW",
      nullable: false,
      fields: fields.map(([name, type]) => ({ name, type })),
    },
    part: "value",
  };
}
const f = Math.fround;
const ser = (kind: RowKind, values: Value[], o: Record<string, string> = {}) =>
  utf8Decode(debeziumJsonFormat.createSerializer(ctx(o)).serialize({ kind, values })!);
const de = (json: string, o: Record<string, string> = {}) =>
  debeziumJsonFormat.createDeserializer(ctx(o)).deserialize(utf8Encode(json));

describe("debezium-json serialization (DebeziumJsonSerializationSchema)", () => {
  it("+I and +U are 'c' with after; -U and -D are 'd' with before", () => {
    const v = [101, "scooter", "Small 2-wheel scooter", f(3.14)];
    const row = '{"id":101,"name":"scooter","description":"Small 2-wheel scooter","weight":3.14}';
    expect(ser("+I", v)).toBe(`{"before":null,"after":${row},"op":"c"}`);
    expect(ser("+U", v)).toBe(`{"before":null,"after":${row},"op":"c"}`);
    expect(ser("-U", v)).toBe(`{"before":${row},"after":null,"op":"d"}`);
    expect(ser("-D", v)).toBe(`{"before":${row},"after":null,"op":"d"}`);
  });
  it("encode.ignore-null-fields drops the null side and null columns", () => {
    expect(ser("+I", [1, null, "x", null], { "encode.ignore-null-fields": "true" })).toBe(
      '{"after":{"id":1,"description":"x"},"op":"c"}',
    );
  });
  it("schema-include cannot be used for writing", () => {
    expect(() => debeziumJsonFormat.createSerializer(ctx({ "schema-include": "true" }))).toThrow(
      "Debezium JSON serialization doesn't support 'debezium-json.schema-include' option been set to true.",
    );
  });
});

describe("debezium-json deserialization (DebeziumJsonDeserializationSchema)", () => {
  const after =
    '{"id":101,"name":"scooter","description":"Small 2-wheel scooter","weight":3.140000104904175}';
  const before = '{"id":101,"name":"scooter","description":"Small 2-wheel scooter","weight":5.17}';
  it("c and r are inserts, u is -U/+U, d is a delete", () => {
    const a = [101, "scooter", "Small 2-wheel scooter", f(3.14)];
    const b = [101, "scooter", "Small 2-wheel scooter", f(5.17)];
    expect(
      de(
        `{"before":null,"after":${after},"source":{"db":"inventory"},"op":"c","ts_ms":1589355606100}`,
      ),
    ).toEqual([{ kind: "+I", values: a }]);
    expect(de(`{"before":null,"after":${after},"op":"r"}`)).toEqual([{ kind: "+I", values: a }]);
    expect(de(`{"before":${before},"after":${after},"op":"u"}`)).toEqual([
      { kind: "-U", values: b },
      { kind: "+U", values: a },
    ]);
    expect(de(`{"before":${before},"after":null,"op":"d"}`)).toEqual([{ kind: "-D", values: b }]);
  });
  it("schema-include reads the payload envelope", () => {
    expect(
      de(`{"schema":{"type":"struct"},"payload":{"before":null,"after":${after},"op":"c"}}`, {
        "schema-include": "true",
      }),
    ).toHaveLength(1);
  });
  it("a tombstone (empty message) yields nothing", () => {
    expect(de("")).toEqual([]);
  });
  it("update/delete without before explains REPLICA IDENTITY", () => {
    expect(() => de(`{"before":null,"after":${after},"op":"u"}`)).toThrow(
      'The "before" field of UPDATE message is null, if you are using Debezium Postgres Connector, please check the Postgres table has been set REPLICA IDENTITY to FULL level.',
    );
  });
  it("unknown op and corrupt messages fail, unless ignore-parse-errors", () => {
    expect(() => de(`{"before":null,"after":${after},"op":"x"}`)).toThrow(
      /^Corrupt Debezium JSON message '.*'\. Unknown "op" value "x"\./,
    );
    expect(() => de("not json")).toThrow("Corrupt Debezium JSON message 'not json'.");
    expect(de("not json", { "ignore-parse-errors": "true" })).toEqual([]);
    expect(de(`{"op":"x"}`, { "ignore-parse-errors": "true" })).toEqual([]);
  });
  it("is a changelog format", () => {
    expect(debeziumJsonFormat.changelogMode).toBe("all");
    expect(debeziumJsonFormat.optionalOptions.map((o) => o.key)).toEqual([
      "schema-include",
      "ignore-parse-errors",
      "timestamp-format.standard",
      "map-null-key.mode",
      "map-null-key.literal",
      "encode.decimal-as-plain-number",
      "encode.ignore-null-fields",
    ]);
  });
});
