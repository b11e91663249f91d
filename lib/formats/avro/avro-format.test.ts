import { describe, expect, it } from "vitest";
import avro from "avsc";
import {
  Decimal,
  MapValue,
  T,
  Timestamp,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { avroFormat } from "./avro-format";
import { convertRowToSchema, schemaToJson } from "./avro-schema";
import { fromUnscaledBytes, unscaledBytes } from "./avro-converters";

function ctx(
  fields: Array<[string, LogicalType]>,
  options: Record<string, string> = {},
): FormatContext {
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
const hex = (b: Uint8Array | null) => Buffer.from(b!).toString("hex");
const row = (fields: Array<[string, LogicalType]>) => ctx(fields).rowType;

describe("avro schema derivation (AvroSchemaConverter.convertToSchema)", () => {
  it("nested rows are named <parent>_<field>; nullable types are [null, T] with default null (testRowTypeAvroSchemaConversion)", () => {
    const r = (name: string, t: LogicalType) => ({ name, type: t });
    const schema = convertRowToSchema(
      row([
        ["row1", T.row([r("a", T.string())])],
        ["row2", T.row([r("b", T.string())])],
        ["row3", T.row([r("row3", T.row([r("c", T.string())]))])],
      ]),
    );
    expect(schemaToJson(schema)).toBe(
      '{"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[' +
        '{"name":"row1","type":["null",{"type":"record","name":"record_row1","fields":[{"name":"a","type":["null","string"],"default":null}]}],"default":null},' +
        '{"name":"row2","type":["null",{"type":"record","name":"record_row2","fields":[{"name":"b","type":["null","string"],"default":null}]}],"default":null},' +
        '{"name":"row3","type":["null",{"type":"record","name":"record_row3","fields":[{"name":"row3","type":["null",{"type":"record","name":"record_row3_row3","fields":[{"name":"c","type":["null","string"],"default":null}]}],"default":null}]}],"default":null}]}',
    );
  });

  it("every type (testDataTypeToSchemaToDataTypeNullable / NonNullable)", () => {
    const schema = convertRowToSchema(
      row([
        ["f_null", { kind: "NULL", nullable: true }],
        ["f_boolean", T.boolean(false)],
        ["f_tinyint", T.tinyint()],
        ["f_bigint", T.bigint()],
        ["f_float", T.float()],
        ["f_double", T.double(false)],
        ["f_string", T.string()],
        ["f_varbinary", T.bytes()],
        ["f_timestamp", T.timestamp(3)],
        ["f_date", T.date()],
        ["f_time", T.time(3)],
        ["f_decimal", T.decimal(10, 0)],
        ["f_map", T.map(T.string(false), T.int())],
        ["f_multiset", T.multiset(T.string(false), false)],
        ["f_array", T.array(T.int(false))],
      ]),
    );
    expect(schemaToJson(schema)).toBe(
      '{"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[' +
        '{"name":"f_null","type":"null","default":null},' +
        '{"name":"f_boolean","type":"boolean"},' +
        '{"name":"f_tinyint","type":["null","int"],"default":null},' +
        '{"name":"f_bigint","type":["null","long"],"default":null},' +
        '{"name":"f_float","type":["null","float"],"default":null},' +
        '{"name":"f_double","type":"double"},' +
        '{"name":"f_string","type":["null","string"],"default":null},' +
        '{"name":"f_varbinary","type":["null","bytes"],"default":null},' +
        '{"name":"f_timestamp","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},' +
        '{"name":"f_date","type":["null",{"type":"int","logicalType":"date"}],"default":null},' +
        '{"name":"f_time","type":["null",{"type":"int","logicalType":"time-millis"}],"default":null},' +
        '{"name":"f_decimal","type":["null",{"type":"bytes","logicalType":"decimal","precision":10,"scale":0}],"default":null},' +
        '{"name":"f_map","type":["null",{"type":"map","values":["null","int"]}],"default":null},' +
        '{"name":"f_multiset","type":{"type":"map","values":"int"}},' +
        '{"name":"f_array","type":["null",{"type":"array","items":"int"}],"default":null}]}',
    );
  });

  it("timestamp mapping: legacy (default) vs timestamp_mapping.legacy=false", () => {
    const json = (t: LogicalType, legacy: boolean) =>
      schemaToJson(convertRowToSchema(row([["t", t]]), legacy));
    expect(json(T.timestamp(3, false), false)).toContain(
      '{"type":"long","logicalType":"local-timestamp-millis"}',
    );
    expect(json(T.timestamp(6, false), false)).toContain(
      '{"type":"long","logicalType":"local-timestamp-micros"}',
    );
    expect(json(T.timestampLtz(3, false), false)).toContain(
      '{"type":"long","logicalType":"timestamp-millis"}',
    );
    expect(json(T.timestampLtz(6, false), false)).toContain(
      '{"type":"long","logicalType":"timestamp-micros"}',
    );
  });

  it("unsupported types, with Flink's messages", () => {
    const msgs = (fields: Array<[string, LogicalType]>, o: Record<string, string> = {}) =>
      avroFormat.validate(ctx(fields, o)).map((i) => i.message);
    expect(
      msgs([
        ["a", T.string()],
        ["b", T.time(6)],
      ]),
    ).toEqual([
      "Avro does not support TIME type with precision: 6, it only supports precision less than 3.",
    ]);
    expect(msgs([["b", T.timestamp(6)]])).toEqual([
      "Avro does not support TIMESTAMP type with precision: 6, it only supports precision less than 3.",
    ]);
    expect(msgs([["b", T.timestamp(8)]], { "timestamp_mapping.legacy": "false" })).toEqual([
      "Avro does not support LOCAL TIMESTAMP type with precision: 8, it only supports precision less than 6.",
    ]);
    expect(msgs([["b", T.timestampLtz(3)]])).toEqual([
      "Unsupported to derive Schema for type: TIMESTAMP_LTZ(3)",
    ]);
    expect(msgs([["m", T.map(T.int(), T.string())]])).toEqual([
      "Avro format doesn't support non-string as key type of map. The key type is: INT",
    ]);
    expect(msgs([["a", T.int()]], { encoding: "xml" })).toEqual([
      "Could not parse value 'xml' for key 'encoding'. Value must be one of [binary, json]",
    ]);
  });

  it("does not declare avro.codec: Kafka records carry a bare datum, codecs belong to container files", () => {
    expect(avroFormat.optionalOptions.map((o) => o.key)).toEqual([
      "encoding",
      "timestamp_mapping.legacy",
    ]);
  });
});

describe("avro binary datum", () => {
  const fields: Array<[string, LogicalType]> = [
    ["b", T.boolean()],
    ["i", T.int(false)],
    ["l", T.bigint()],
    ["f", T.float()],
    ["d", T.double()],
    ["s", T.string()],
    ["y", T.bytes()],
    ["dt", T.date()],
    ["tm", T.time(3)],
    ["ts", T.timestamp(3)],
    ["dec", T.decimal(10, 2)],
    ["arr", T.array(T.string())],
    ["m", T.map(T.string(), T.bigint())],
    ["r", T.row([{ name: "x", type: T.int() }])],
  ];
  const values: Value[] = [
    true,
    -1,
    1234567890123n,
    1.5,
    -0.25,
    "héllo",
    new Uint8Array([0, 255]),
    19000,
    45296789,
    new Timestamp(1700000000123),
    new Decimal(-12345n, 2),
    ["a", null],
    new MapValue([["k", 7n]]),
    [null],
  ];

  it("writes exactly what Avro Java (and avsc) write for the derived schema", () => {
    const c = ctx(fields);
    const bytes = avroFormat.createSerializer(c).serialize({ kind: "+I", values })!;
    const type = avro.Type.forSchema(JSON.parse(schemaToJson(convertRowToSchema(c.rowType))));
    const expected = type.toBuffer({
      b: true,
      i: -1,
      l: 1234567890123,
      f: 1.5,
      d: -0.25,
      s: "héllo",
      y: Buffer.from([0, 255]),
      dt: 19000,
      tm: 45296789,
      ts: 1700000000123,
      dec: Buffer.from(unscaledBytes(-12345n)),
      arr: ["a", null],
      m: { k: 7 },
      r: { x: null },
    });
    expect(hex(bytes)).toBe(expected.toString("hex"));
    expect(avroFormat.createDeserializer(c).deserialize(bytes)).toEqual([
      { kind: "+I", values: values.map((v, i) => (i === 3 ? Math.fround(v as number) : v)) },
    ]);
  });

  it("pins small datums byte by byte", () => {
    const ser = (f: Array<[string, LogicalType]>, v: Value[]) =>
      hex(avroFormat.createSerializer(ctx(f)).serialize({ kind: "+I", values: v }));
    // nullable INT 1: union branch 1 (02), zig-zag 1 (02)
    expect(ser([["a", T.int()]], [1])).toBe("0202");
    // null: branch 0 only
    expect(ser([["a", T.int()]], [null])).toBe("00");
    // NOT NULL STRING "hi": length 2 (04) then bytes
    expect(ser([["a", T.string(false)]], ["hi"])).toBe("046869");
    // empty array: just the 0 block terminator
    expect(ser([["a", T.array(T.int(), false)]], [[]])).toBe("00");
    // DECIMAL 1.00 (unscaled 100 = 0x64), 255 needs a sign byte (00ff)
    expect(ser([["a", T.decimal(5, 2, false)]], [new Decimal(100n, 2)])).toBe("0264");
    expect(ser([["a", T.decimal(5, 0, false)]], [new Decimal(255n, 0)])).toBe("0400ff");
  });

  it("refuses null in a NOT NULL column, naming it", () => {
    expect(() =>
      avroFormat
        .createSerializer(ctx([["a", T.int(false)]]))
        .serialize({ kind: "+I", values: [null] }),
    ).toThrow("null value for (non-nullable) int at org.apache.flink.avro.generated.record.a");
  });

  it("two's complement of DECIMAL unscaled values, as BigInteger.toByteArray", () => {
    for (const [v, h] of [
      [0n, "00"],
      [127n, "7f"],
      [128n, "0080"],
      [-1n, "ff"],
      [-128n, "80"],
      [-129n, "ff7f"],
    ] as const) {
      expect(hex(unscaledBytes(v))).toBe(h);
      expect(fromUnscaledBytes(unscaledBytes(v))).toBe(v);
    }
  });
});

describe("avro JSON encoding", () => {
  it("writes unions as {branch: value} and prefixes every record after the first with a line feed", () => {
    const c = ctx(
      [
        ["a", T.int()],
        ["s", T.string(false)],
        ["r", T.row([{ name: "x", type: T.double() }])],
      ],
      { encoding: "json" },
    );
    const ser = avroFormat.createSerializer(c);
    const first = Buffer.from(ser.serialize({ kind: "+I", values: [1, "x", [0.5]] })!).toString();
    const second = Buffer.from(
      ser.serialize({ kind: "+I", values: [null, "y", null] })!,
    ).toString();
    expect(first).toBe(
      '{"a":{"int":1},"s":"x","r":{"org.apache.flink.avro.generated.record_r":{"x":{"double":0.5}}}}',
    );
    expect(second).toBe('\n{"a":null,"s":"y","r":null}');
    const de = avroFormat.createDeserializer(c);
    expect(de.deserialize(Buffer.from(first))[0].values).toEqual([1, "x", [0.5]]);
    expect(de.deserialize(Buffer.from(second))[0].values).toEqual([null, "y", null]);
  });
});
