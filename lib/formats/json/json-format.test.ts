import { describe, expect, it } from "vitest";
import {
  Decimal,
  MapValue,
  T,
  Timestamp,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { utf8Decode, utf8Encode } from "@/lib/formats/common/text";
import { jsonFormat } from "./json-format";

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
const ser = (c: FormatContext, values: Value[]) =>
  utf8Decode(jsonFormat.createSerializer(c).serialize({ kind: "+I", values })!);
const de = (c: FormatContext, text: string) =>
  jsonFormat.createDeserializer(c).deserialize(utf8Encode(text));
const roundTrip = (c: FormatContext, json: string) => ser(c, de(c, json)[0].values);

describe("json: vectors from JsonRowDataSerDeSchemaTest", () => {
  it("testSerDe: every type, ISO-8601, round trip byte-exact", () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 62, 63]);
    const c = ctx(
      [
        ["bool", T.boolean()],
        ["tinyint", T.tinyint()],
        ["smallint", T.smallint()],
        ["int", T.int()],
        ["bigint", T.bigint()],
        ["float", T.float()],
        ["name", T.string()],
        ["bytes", T.bytes()],
        ["decimal", T.decimal(9, 6)],
        ["doubles", T.array(T.double())],
        ["date", T.date()],
        ["time", T.time(0)],
        ["timestamp3", T.timestamp(3)],
        ["timestamp9", T.timestamp(9)],
        ["timestampWithLocalZone", T.timestampLtz(9)],
        ["map", T.map(T.string(), T.bigint())],
        ["multiSet", T.multiset(T.string())],
        ["map2map", T.map(T.string(), T.map(T.string(), T.int()))],
      ],
      {
        "timestamp-format.standard": "ISO-8601",
        "encode.decimal-as-plain-number": "true",
        "map-null-key.mode": "LITERAL",
      },
    );
    const json =
      '{"bool":true,"tinyint":99,"smallint":128,"int":45536,"bigint":1238123899121,"float":33.333,' +
      '"name":"asdlkjasjkdla998y1122","bytes":"AAEC+v8+Pw==","decimal":123.456789,"doubles":[1.1,2.2,3.3],' +
      '"date":"1990-10-14","time":"12:12:43","timestamp3":"1990-10-14T12:12:43.123",' +
      '"timestamp9":"1990-10-14T12:12:43.123456789","timestampWithLocalZone":"1990-10-14T12:12:43.123456789Z",' +
      '"map":{"element":123},"multiSet":{"element":2},"map2map":{"inner_map":{"key":234}}}';
    const [row] = de(c, json);
    const ts9 = new Timestamp(Date.UTC(1990, 9, 14, 12, 12, 43, 123), 456789);
    expect(row.values).toEqual([
      true,
      99,
      128,
      45536,
      1238123899121n,
      Math.fround(33.333),
      "asdlkjasjkdla998y1122",
      bytes,
      new Decimal(123456789n, 6),
      [1.1, 2.2, 3.3],
      7591,
      43963000,
      new Timestamp(Date.UTC(1990, 9, 14, 12, 12, 43, 123)),
      ts9,
      ts9,
      new MapValue([["element", 123n]]),
      ["element", "element"],
      new MapValue([["inner_map", new MapValue([["key", 234]])]]),
    ]);
    expect(ser(c, row.values)).toBe(json);
  });

  it("testSerDeMultiRows", () => {
    const c = ctx([
      ["f1", T.int()],
      ["f2", T.boolean()],
      ["f3", T.string()],
      ["f4", T.map(T.string(), T.string())],
      ["f5", T.array(T.string())],
      [
        "f6",
        T.row([
          { name: "f1", type: T.string() },
          { name: "f2", type: T.int() },
        ]),
      ],
    ]);
    for (const json of [
      '{"f1":1,"f2":true,"f3":"str","f4":{"hello1":"flink"},"f5":["element1","element2"],"f6":{"f1":"this is row1","f2":12}}',
      '{"f1":10,"f2":false,"f3":"newStr","f4":{"hello2":"json"},"f5":["element3","element4"],"f6":{"f1":"this is row2","f2":null}}',
    ]) {
      expect(roundTrip(c, json)).toBe(json);
    }
  });

  it("testSerDeMultiRowsWithNullValues (ignore-parse-errors)", () => {
    const c = ctx(
      [
        ["svt", T.string()],
        ["ops", T.row([{ name: "id", type: T.string() }])],
        ["ids", T.array(T.int())],
        ["metrics", T.map(T.string(), T.double())],
      ],
      { "ignore-parse-errors": "true" },
    );
    expect(
      roundTrip(c, '{"svt":"2020-02-24T12:58:09.209+0800","metrics":{"k1":10.01,"k2":"invalid"}}'),
    ).toBe(
      '{"svt":"2020-02-24T12:58:09.209+0800","ops":null,"ids":null,"metrics":{"k1":10.01,"k2":null}}',
    );
    expect(
      roundTrip(
        c,
        '{"svt":"2020-02-24T12:58:09.209+0800", "ops":{"id":"281708d0-4092-4c21-9233-931950b6eccf"}, "ids":[1, 2, 3]}',
      ),
    ).toBe(
      '{"svt":"2020-02-24T12:58:09.209+0800","ops":{"id":"281708d0-4092-4c21-9233-931950b6eccf"},"ids":[1,2,3],"metrics":null}',
    );
    expect(roundTrip(c, '{"svt":"2020-02-24T12:58:09.209+0800","metrics":{}}')).toBe(
      '{"svt":"2020-02-24T12:58:09.209+0800","ops":null,"ids":null,"metrics":{}}',
    );
  });

  it("testSerDeSQLTimestampFormat", () => {
    const c = ctx([
      ["timestamp3", T.timestamp(3)],
      ["timestamp9", T.timestamp(9)],
      ["timestamp_with_local_timezone3", T.timestampLtz(3)],
      ["timestamp_with_local_timezone9", T.timestampLtz(9)],
    ]);
    const json =
      '{"timestamp3":"1990-10-14 12:12:43.123","timestamp9":"1990-10-14 12:12:43.123456789","timestamp_with_local_timezone3":"1990-10-14 12:12:43.123Z","timestamp_with_local_timezone9":"1990-10-14 12:12:43.123456789Z"}';
    expect(roundTrip(c, json)).toBe(json);
  });

  it("testSerializationMapNullKey: FAIL, DROP, LITERAL", () => {
    const inner = new MapValue([
      ["no-null key", 1],
      [null, 2],
    ]);
    const values = [
      new MapValue([
        ["no-null key", inner],
        [null, inner],
      ]),
    ];
    const fields: Array<[string, LogicalType]> = [
      ["nestedMap", T.map(T.string(), T.map(T.string(), T.int()))],
    ];
    expect(() => ser(ctx(fields), values)).toThrow(
      "JSON format doesn't support to serialize map data with null keys. You can drop null key entries or encode null in literals by specifying map-null-key.mode option.",
    );
    expect(ser(ctx(fields, { "map-null-key.mode": "DROP" }), values)).toBe(
      '{"nestedMap":{"no-null key":{"no-null key":1}}}',
    );
    expect(
      ser(
        ctx(fields, { "map-null-key.mode": "LITERAL", "map-null-key.literal": "nullKey" }),
        values,
      ),
    ).toBe(
      '{"nestedMap":{"no-null key":{"no-null key":1,"nullKey":2},"nullKey":{"no-null key":1,"nullKey":2}}}',
    );
  });

  it("testSerializationDecimalEncode", () => {
    const fields: Array<[string, LogicalType]> = [
      ["decimal1", T.decimal(9, 6)],
      ["decimal2", T.decimal(20, 0)],
      ["decimal3", T.decimal(11, 9)],
    ];
    const plain = '{"decimal1":123.456789,"decimal2":454621864049246170,"decimal3":0.000000027}';
    const [row] = de(ctx(fields), plain);
    expect(ser(ctx(fields, { "encode.decimal-as-plain-number": "true" }), row.values)).toBe(plain);
    expect(ser(ctx(fields), row.values)).toBe(
      '{"decimal1":123.456789,"decimal2":4.5462186404924617E+17,"decimal3":2.7E-8}',
    );
  });

  it("type mismatches name the field", () => {
    expect(() =>
      ser(
        ctx([
          ["f0", T.int()],
          ["f1", T.string()],
        ]),
        [1, 1],
      ),
    ).toThrow("Fail to serialize at field: f1.");
    expect(() =>
      de(
        ctx([
          ["f0", T.string()],
          ["f1", T.int()],
        ]),
        '{"f0":"abc", "f1": "abc"}',
      ),
    ).toThrow("Fail to deserialize at field: f1.");
  });
});

describe("json: testJsonParse specs", () => {
  const one = (t: LogicalType, json: string, o: Record<string, string> = {}) =>
    de(ctx([["id", t]], o), json);
  const ignoring = (t: LogicalType, json: string, o: Record<string, string> = {}) =>
    one(t, json, { ...o, "ignore-parse-errors": "true" })[0].values[0];

  it.each([
    [T.boolean(), '{"id": "trueA"}', false],
    [T.boolean(), '{"id": true}', true],
    [T.bigint(), '{"id":112.013}', 112n],
    [T.string(), '{"id":true}', "true"],
    [T.string(), '{"id":123.234}', "123.234"],
    [T.string(), '{"id":1234567}', "1234567"],
    [T.string(), '{"id":"string field"}', "string field"],
    [
      T.string(),
      '{"id":["array data1","array data2",123,234.345]}',
      '["array data1","array data2",123,234.345]',
    ],
    [
      T.string(),
      '{"id":{"k1":123,"k2":234.234,"k3":"string data"}}',
      '{"k1":123,"k2":234.234,"k3":"string data"}',
    ],
    [T.string(), '{"id":"\tstring field"}', "\tstring field"],
  ])("%j %s", (t, json, expected) => {
    expect(one(t, json)[0].values[0]).toEqual(expected);
  });

  it.each([
    [T.int(), '{"id":"abc"}', "SQL"],
    [T.bigint(), '{"id":"long"}', "SQL"],
    [T.float(), '{"id":"112.013.123"}', "SQL"],
    [T.double(), '{"id":"112.013.123"}', "SQL"],
    [T.time(0), '{"id":"18:00:243"}', "SQL"],
    [T.date(), '{"id":"20191112"}', "SQL"],
    [T.timestamp(0), '{"id":"2019-11-12 18:00:12"}', "ISO-8601"],
    [T.timestamp(0), '{"id":"2019-11-12T18:00:12"}', "SQL"],
    [T.timestamp(0), '{"id":"2019-11-12T18:00:12Z"}', "SQL"],
    [T.timestamp(0), '{"id":"2019-11-12T18:00:12Z"}', "ISO-8601"],
    [T.decimal(10, 3), '{"id":"abc"}', "SQL"],
    [T.timestamp(0), '{"id":"2019-11-12 18:00"}', "SQL"],
    [T.timestampLtz(0), '{"id":"2019-11-12T18:00:12"}', "SQL"],
    [T.timestampLtz(0), '{"id":"2019-11-12T18:00:12+0800"}', "SQL"],
  ])("%j %s fails, or is null when ignoring errors", (t, json, standard) => {
    expect(() => one(t, json, { "timestamp-format.standard": standard })).toThrow(
      `Failed to deserialize JSON '${json}'.`,
    );
    expect(ignoring(t, json, { "timestamp-format.standard": standard })).toBeNull();
  });

  it("ignore-parse-errors nulls only the bad element", () => {
    expect(ignoring(T.row([{ name: "id", type: T.boolean() }]), '{"id":{"id":"abc"}}')).toEqual([
      false,
    ]);
    expect(ignoring(T.array(T.int()), '{"id":[123, "abc"]}')).toEqual([123, null]);
    expect(ignoring(T.map(T.string(), T.int()), '{"id":{"key1":"123", "key2":"abc"}}')).toEqual(
      new MapValue([
        ["key1", 123],
        ["key2", null],
      ]),
    );
  });

  it("keeps DECIMAL digits exactly", () => {
    const c = ctx([
      ["id", T.int()],
      ["factor", T.decimal(38, 18)],
    ]);
    expect(de(c, '{"id":1,"factor":799.929496989092949698}')[0].values).toEqual([
      1,
      Decimal.parse("799.929496989092949698"),
    ]);
  });

  it("missing fields: null, or an error with fail-on-missing-field", () => {
    const c = (o: Record<string, string> = {}) => ctx([["name", T.string()]], o);
    expect(de(c(), '{"id":123123123}')).toEqual([{ kind: "+I", values: [null] }]);
    expect(() => de(c({ "fail-on-missing-field": "true" }), '{"id":123123123}')).toThrow(
      "Failed to deserialize JSON '{\"id\":123123123}'. Fail to deserialize at field: name. Could not find field with name 'name'.",
    );
  });

  it("empty message and JSON null produce no row; malformed JSON fails or is skipped", () => {
    const c = ctx([["name", T.string()]]);
    expect(de(c, "")).toEqual([]);
    expect(de(c, "null")).toEqual([]);
    expect(() => de(c, "{bad")).toThrow("Failed to deserialize JSON '{bad'.");
    expect(de(ctx([["name", T.string()]], { "ignore-parse-errors": "true" }), "{bad")).toEqual([]);
  });
});

describe("json serialization details", () => {
  it("escapes like Jackson: quotes, backslash, control chars as \\u00XX uppercase; '/' and non-ASCII verbatim", () => {
    const c = ctx([["s", T.string()]]);
    expect(ser(c, ['a"b\\c\n\t\u0001\u001f/é€😀'])).toBe(
      '{"s":"a\\"b\\\\c\\n\\t\\u0001\\u001F/é€😀"}',
    );
  });
  it("FLOAT/DOUBLE as Java prints them; NaN and Infinity as strings", () => {
    const c = ctx([
      ["f", T.float()],
      ["d", T.double()],
    ]);
    expect(ser(c, [Math.fround(0.1), 1e7])).toBe('{"f":0.1,"d":1.0E7}');
    expect(ser(c, [NaN, -Infinity])).toBe('{"f":"NaN","d":"-Infinity"}');
  });
  it("TIME drops sub-seconds; TIMESTAMP fraction without trailing zeros", () => {
    const c = ctx([
      ["t", T.time(3)],
      ["ts", T.timestamp(3)],
      ["ltz", T.timestampLtz(3)],
    ]);
    expect(
      ser(c, [43932232, new Timestamp(Date.UTC(2020, 11, 30, 12, 13, 14, 120)), new Timestamp(0)]),
    ).toBe('{"t":"12:12:12","ts":"2020-12-30 12:13:14.12","ltz":"1970-01-01 00:00:00Z"}');
  });
  it("encode.ignore-null-fields drops null fields at every level, but not null map values", () => {
    const c = ctx(
      [
        ["a", T.int()],
        ["b", T.string()],
        [
          "r",
          T.row([
            { name: "x", type: T.int() },
            { name: "y", type: T.int() },
          ]),
        ],
        ["m", T.map(T.string(), T.int())],
      ],
      { "encode.ignore-null-fields": "true" },
    );
    expect(ser(c, [1, null, [null, 2], new MapValue([["k", null]])])).toBe(
      '{"a":1,"r":{"y":2},"m":{"k":null}}',
    );
  });
});

describe("json validation (JsonFormatOptionsUtil messages)", () => {
  const msgs = (
    o: Record<string, string>,
    fields: Array<[string, LogicalType]> = [["a", T.int()]],
  ) => jsonFormat.validate(ctx(fields, o)).map((i) => i.message);
  it("timestamp-format.standard", () => {
    expect(msgs({ "timestamp-format.standard": "ISO8601" })).toEqual([
      "Unsupported value 'ISO8601' for timestamp-format.standard. Supported values are [SQL, ISO-8601].",
    ]);
  });
  it("map-null-key.mode", () => {
    expect(msgs({ "map-null-key.mode": "IGNORE" })).toEqual([
      "Unsupported value 'IGNORE' for option map-null-key.mode. Supported values are [LITERAL, FAIL, DROP].",
    ]);
  });
  it("fail-on-missing-field with ignore-parse-errors", () => {
    expect(msgs({ "fail-on-missing-field": "true", "ignore-parse-errors": "true" })).toEqual([
      "fail-on-missing-field and ignore-parse-errors shouldn't both be true.",
    ]);
  });
  it("non-string map keys", () => {
    expect(msgs({}, [["m", T.map(T.int(), T.string())]])).toEqual([
      "JSON format doesn't support non-string as key type of map. The type is: MAP<INT, STRING>",
    ]);
  });
});
