import { describe, expect, it } from "vitest";
import { Decimal, T, Timestamp, type LogicalType, type Value } from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { utf8Decode, utf8Encode } from "@/lib/formats/common/text";
import { csvFormat } from "./csv-format";

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
  utf8Decode(csvFormat.createSerializer(c).serialize({ kind: "+I", values })!);
const de = (c: FormatContext, text: string) =>
  csvFormat.createDeserializer(c).deserialize(utf8Encode(text));

/** Flink's CsvRowDataSerDeSchemaTest#testNullableField: row (STRING, <type>, STRING), null-literal "null". */
function nullableField(type: LogicalType, csv: string, value: Value) {
  const c = ctx(
    [
      ["f0", T.string()],
      ["f1", type],
      ["f2", T.string()],
    ],
    { "null-literal": "null" },
  );
  const line = `BEGIN,${csv},END`;
  expect(ser(c, ["BEGIN", value, "END"])).toBe(line);
  expect(de(c, line)).toEqual([{ kind: "+I", values: ["BEGIN", value, "END"] }]);
}

describe("csv serialization vectors from CsvRowDataSerDeSchemaTest", () => {
  it("scalars", () => {
    nullableField(T.bigint(), "null", null);
    nullableField(T.string(), "null", null);
    nullableField(T.string(), '"This is a test."', "This is a test.");
    nullableField(T.string(), '"This is a test\n\r."', "This is a test\n\r.");
    nullableField(T.boolean(), "true", true);
    nullableField(T.tinyint(), "124", 124);
    nullableField(T.smallint(), "10000", 10000);
    nullableField(T.int(), "1234567", 1234567);
    nullableField(T.bigint(), "12345678910", 12345678910n);
    nullableField(T.float(), "0.33333334", Math.fround(0.33333334));
    nullableField(T.double(), "0.33333333332", 0.33333333332);
    nullableField(
      T.decimal(38, 25),
      '"1234.0000000000000000000000001"',
      Decimal.parse("1234.0000000000000000000000001"),
    );
    nullableField(
      T.decimal(38, 0),
      '"123400000000000000000000000001"',
      Decimal.parse("123400000000000000000000000001"),
    );
    nullableField(T.date(), "2018-10-12", 17816);
    nullableField(T.time(0), "12:12:12", 43932000);
    nullableField(T.time(3), "12:12:12.232", 43932232);
    nullableField(T.time(2), "12:12:12.23", 43932230);
    nullableField(T.time(1), "12:12:12.2", 43932200);
    // RowDataToCsvConverters.convertTime: ISO_LOCAL_TIME — seconds always, the fraction as short
    // as it can be (a TIME(3) value on a whole second has none).
    nullableField(T.time(3), "13:45:30.12", 49530120);
    nullableField(T.time(3), "13:45:30", 49530000);
    nullableField(T.time(3), "00:00:00.001", 1);
  });

  it("timestamps: space separator, quoted because of the space; TIMESTAMP_LTZ in UTC with Z", () => {
    nullableField(
      T.timestamp(0),
      '"2018-10-12 12:12:12"',
      new Timestamp(Date.UTC(2018, 9, 12, 12, 12, 12)),
    );
    nullableField(
      T.timestamp(3),
      '"2018-10-12 12:12:12.123"',
      new Timestamp(Date.UTC(2018, 9, 12, 12, 12, 12, 123)),
    );
    nullableField(T.timestampLtz(0), '"1970-01-01 00:02:03Z"', new Timestamp(123000));
    nullableField(T.timestampLtz(3), '"1970-01-01 00:02:03.456Z"', new Timestamp(123456));
  });

  it("nested ROW and ARRAY joined by the array-element delimiter, BYTES as base64", () => {
    nullableField(
      T.row([
        { name: "f0", type: T.string() },
        { name: "f1", type: T.int() },
        { name: "f2", type: T.boolean() },
      ]),
      "Hello;42;false",
      ["Hello", 42, false],
    );
    nullableField(T.array(T.string()), "a;b;c", ["a", "b", "c"]);
    nullableField(T.array(T.tinyint()), "12;4;null", [12, 4, null]);
    nullableField(T.bytes(), "awML", new Uint8Array([107, 3, 11]));
  });

  it("customized properties: escape '*', quote ''', array ':', field ';'", () => {
    const options = {
      "escape-character": "*",
      "quote-character": "'",
      "array-element-delimiter": ":",
      "field-delimiter": ";",
    };
    const c = ctx(
      [
        ["f0", T.string()],
        ["f1", T.string()],
        ["f2", T.string()],
      ],
      options,
    );
    expect(ser(c, ["BEGIN", "123'4*", "END"])).toBe("BEGIN;'123''4**';END");
    expect(ser(c, ["BEGIN", "a;b'c", "END"])).toBe("BEGIN;'a;b''c';END");
    expect(de(c, "BEGIN;123*'4**;END")[0].values[1]).toBe("123'4*");
    expect(de(c, "BEGIN;'a;b*'c';END")[0].values[1]).toBe("a;b'c");
    expect(de(c, "BEGIN;'123''4**';END")[0].values[1]).toBe("123'4*");
    // no null literal: "null" is a string
    expect(ser(c, ["BEGIN", "null", "END"])).toBe("BEGIN;null;END");
    const row = T.row([
      { name: "f0", type: T.string() },
      { name: "f1", type: T.string() },
    ]);
    const r = ctx(
      [
        ["f0", T.string()],
        ["f1", row],
        ["f2", T.string()],
      ],
      options,
    );
    // '1' is below the minimum safe char (';' + 1), so the joined row is quoted
    expect(ser(r, ["BEGIN", ["1", "hello"], "END"])).toBe("BEGIN;'1:hello';END");
    expect(ser(r, ["BEGIN", ["1", "hello world"], "END"])).toBe("BEGIN;'1:hello world';END");
    expect(de(r, "BEGIN;1:hello;END")[0].values[1]).toEqual(["1", "hello"]);
    const i = ctx(
      [
        ["f0", T.string()],
        ["f1", T.int()],
        ["f2", T.string()],
      ],
      options,
    );
    expect(ser(i, ["BEGIN", 12, "END"])).toBe("BEGIN;12;END");
    expect(de(i, "BEGIN;       12          ;END")[0].values[1]).toBe(12);
  });

  it("TIME deserialization truncates to the column precision", () => {
    const opts = { "field-delimiter": ";" };
    const t = (p: number, text: string) =>
      de(
        ctx(
          [
            ["f0", T.string()],
            ["f1", T.time(p)],
            ["f2", T.string()],
          ],
          opts,
        ),
        `BEGIN;${text};END`,
      )[0].values[1];
    expect(t(3, "12:12:12.232342")).toBe(43932232);
    expect(t(2, "12:12:12.232312")).toBe(43932230);
    expect(t(1, "12:12:12.2235")).toBe(43932200);
    expect(t(0, "12:12:12.45")).toBe(43932000);
    expect(() => csvFormat.createDeserializer(ctx([["f1", T.time(5)]]))).toThrow(
      "Csv does not support TIME type with precision: 5, it only supports precision 0 ~ 3.",
    );
  });

  it("serialization properties: default, quote '#', quote disabled", () => {
    const fields: Array<[string, LogicalType]> = [
      ["f0", T.string()],
      ["f1", T.int()],
      ["f2", T.string()],
    ];
    expect(ser(ctx(fields), ["Test", 12, "Hello"])).toBe("Test,12,Hello");
    expect(ser(ctx(fields, { "quote-character": "#" }), ["Test", 12, "2019-12-26 12:12:12"])).toBe(
      "Test,12,#2019-12-26 12:12:12#",
    );
    expect(
      ser(ctx(fields, { "disable-quote-character": "true" }), ["Test", 12, "2019-12-26 12:12:12"]),
    ).toBe("Test,12,2019-12-26 12:12:12");
  });
});

describe("csv quoting rule (Jackson CsvEncoder._mayNeedQuotes, non-strict)", () => {
  const c = ctx([["s", T.string()]]);
  it.each([
    ["plain", "plain"],
    ["a-b.c/d", "a-b.c/d"], // '-' (0x2D) is the first safe char with ',' and '"'
    ["a+b", '"a+b"'],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["x".repeat(24), "x".repeat(24)],
    ["x".repeat(25), `"${"x".repeat(25)}"`],
    ["", ""],
  ])("%j → %s", (value, expected) => {
    expect(ser(c, [value])).toBe(expected);
  });

  it("null is empty without a null literal; the literal is written unquoted", () => {
    const two = ctx([
      ["a", T.string()],
      ["b", T.int()],
    ]);
    expect(ser(two, [null, null])).toBe(",");
    expect(ser(ctx([["a", T.string()]], { "null-literal": "N A" }), [null])).toBe("N A");
  });

  it("field delimiter goes through Java unescaping", () => {
    expect(
      ser(
        ctx(
          [
            ["a", T.string()],
            ["b", T.string()],
          ],
          { "field-delimiter": "\\t" },
        ),
        ["x", "y"],
      ),
    ).toBe("x\ty");
  });

  it("writes no trailing line separator", () => {
    expect(ser(ctx([["a", T.int()]]), [1])).toBe("1");
  });
});

describe("csv numbers", () => {
  const c = (o: Record<string, string> = {}) => ctx([["d", T.decimal(10, 0)]], o);
  it("DECIMAL strips trailing zeros and prints scientific notation by default (quoted for the '+')", () => {
    expect(ser(c(), [new Decimal(100000n, 0)])).toBe('"1E+5"');
    expect(
      ser(c({ "write-bigdecimal-in-scientific-notation": "false" }), [new Decimal(100000n, 0)]),
    ).toBe("100000");
    expect(ser(ctx([["d", T.decimal(10, 2)]]), [new Decimal(1230n, 2)])).toBe("12.3");
    expect(ser(ctx([["d", T.decimal(10, 2)]]), [new Decimal(0n, 2)])).toBe("0");
  });
  it("FLOAT/DOUBLE as Java prints them, raw", () => {
    expect(ser(ctx([["f", T.double()]]), [1e7])).toBe("1.0E7");
    expect(ser(ctx([["f", T.double()]]), [1e-4])).toBe("1.0E-4");
    expect(ser(ctx([["f", T.double()]]), [NaN])).toBe("NaN");
    expect(ser(ctx([["f", T.float()]]), [Math.fround(0.1)])).toBe("0.1");
    expect(ser(ctx([["f", T.array(T.double())]]), [[1.5, 1e21]])).toBe("1.5;1.0E21");
  });
});

describe("csv deserialization", () => {
  const c = (o: Record<string, string> = {}) =>
    ctx(
      [
        ["f0", T.string()],
        ["f1", T.int()],
        ["f2", T.string()],
      ],
      o,
    );
  it("a bad field fails the record, naming the field", () => {
    expect(() => de(c(), "Test,null,Test")).toThrow("Fail to deserialize at field: f1.");
    expect(() => de(c(), "Test,1,Test,x")).toThrow(
      'Too many entries: expected at most 3 (value #3 (1 chars) "x")',
    );
  });
  it("ignore-parse-errors nulls a bad field and skips a bad record", () => {
    expect(de(c({ "ignore-parse-errors": "true" }), "Test,null,Test")).toEqual([
      { kind: "+I", values: ["Test", null, "Test"] },
    ]);
    expect(de(c({ "ignore-parse-errors": "true" }), "Test,12,Test,Test")).toEqual([]);
  });
  it("missing trailing columns are null", () => {
    expect(de(c({ "ignore-parse-errors": "true" }), "Test")).toEqual([
      { kind: "+I", values: ["Test", null, null] },
    ]);
  });
  it("comments: '#' is data unless allow-comments", () => {
    expect(de(c(), "#Test,12,Test")).toEqual([{ kind: "+I", values: ["#Test", 12, "Test"] }]);
    expect(
      de(c({ "allow-comments": "true", "ignore-parse-errors": "true" }), "#Test,12,Test"),
    ).toEqual([]);
  });
  it("quote disabled keeps a leading quote char", () => {
    expect(
      de(ctx([["a", T.string()]], { "disable-quote-character": "true" }), '"abc')[0].values,
    ).toEqual(['"abc']);
  });
  it("a type mismatch reports the field", () => {
    expect(() =>
      de(
        ctx([
          ["f0", T.string()],
          ["f1", T.int()],
          ["f2", T.int()],
        ]),
        "Test,1,Test",
      ),
    ).toThrow("Fail to deserialize at field: f2.");
  });
});

describe("csv validation (CsvCommons / CsvRowSchemaConverter messages)", () => {
  const issues = (
    o: Record<string, string>,
    fields: Array<[string, LogicalType]> = [["a", T.int()]],
  ) => csvFormat.validate(ctx(fields, o)).map((i) => i.message);
  it("single-character options", () => {
    expect(issues({ "field-delimiter": ";;" })).toEqual([
      "Option 'csv.field-delimiter' must be a string with single character, but was: ;;",
    ]);
    expect(issues({ "field-delimiter": "\\t" })).toEqual([]);
    expect(issues({ "quote-character": "ab" })).toEqual([
      "Option 'csv.quote-character' must be a string with single character, but was: ab",
    ]);
    expect(issues({ "array-element-delimiter": "" })).toEqual([
      "Option 'csv.array-element-delimiter' must be a string with single character, but was: ",
    ]);
    expect(issues({ "escape-character": "\\\\" })).toEqual([
      "Option 'csv.escape-character' must be a string with single character, but was: \\\\",
    ]);
  });
  it("quote-character with disable-quote-character", () => {
    expect(issues({ "quote-character": "'", "disable-quote-character": "true" })).toEqual([
      "Format cannot define a quote character and disabled quote character at the same time.",
    ]);
  });
  it("unsupported column types", () => {
    expect(issues({}, [["m", T.map(T.string(), T.int())]])).toEqual([
      "Unsupported type 'MAP<STRING, INT>' for field 'm'.",
    ]);
    expect(
      issues({}, [["n", T.row([{ name: "x", type: T.row([{ name: "y", type: T.string() }]) }])]]),
    ).toEqual([
      "Only simple types are supported in the second level nesting of fields 'n' but was: ROW<`y` STRING>",
    ]);
    expect(issues({}, [["a", T.array(T.array(T.int()))]])).toEqual([
      "Only simple types are supported in the second level nesting of fields 'a' but was: ARRAY<INT>",
    ]);
  });
});

describe("csv serialization fast paths keep Jackson's bytes", () => {
  it("a value longer than 24 chars is quoted whole; quote and escape chars inside are doubled", () => {
    const c = ctx(
      [
        ["f0", T.string()],
        ["f1", T.string()],
      ],
      { "escape-character": "\\" },
    );
    expect(ser(c, ["abcdefghijklmnopqrstuvwxyz", "x"])).toBe('"abcdefghijklmnopqrstuvwxyz",x');
    expect(ser(c, ['say "hi" to the whole wide world', "x"])).toBe(
      '"say ""hi"" to the whole wide world",x',
    );
    expect(ser(c, ['a\\b"', "x"])).toBe('"a\\\\b""",x');
    expect(
      ser(ctx([["f0", T.string()]], { "disable-quote-character": "true" }), [
        "a,b with more than 24 chars",
      ]),
    ).toBe("a,b with more than 24 chars");
  });

  it("each record's bytes stay its own although records share encoding slabs", () => {
    const serializer = csvFormat.createSerializer(
      ctx([
        ["id", T.bigint()],
        ["name", T.string()],
      ]),
    );
    const lines = Array.from({ length: 3000 }, (_, i) => `${i},näme-${i}-€`);
    const out = lines.map((_, i) =>
      serializer.serialize({ kind: "+I", values: [BigInt(i), `näme-${i}-€`] })!,
    );
    expect(out.map((b) => utf8Decode(b))).toEqual(lines);
    expect(Array.from(out[1])).toEqual(Array.from(utf8Encode(lines[1])));
    const long = "x".repeat(5000);
    expect(utf8Decode(serializer.serialize({ kind: "+I", values: [1n, long] })!)).toBe(
      `1,"${long}"`,
    );
  });
});

describe("csv quoting of strings (CsvEncoder._mayNeedQuotes, jackson-dataformats-text 2.15)", () => {
  const s = (o: Record<string, string> = {}) => ctx([["s", T.string()]], o);
  it("quotes a backslash when no escape char is set, and writes it as is inside the quotes", () => {
    const cases: Array<[string, string]> = [
      ["back\\slash", '"back\\slash"'],
      ["\\", '"\\"'],
      ["C:\\tmp\\x", '"C:\\tmp\\x"'],
      ['a\\"b', '"a\\""b"'],
      ["plain", "plain"],
      ["a-b.c/d", "a-b.c/d"],
      ["under_score~{}|", "under_score~{}|"],
      ["has space", '"has space"'],
      ["comma,", '"comma,"'],
      ["x".repeat(24), "x".repeat(24)],
      ["x".repeat(25), `"${"x".repeat(25)}"`],
    ];
    for (const [value, out] of cases) expect(ser(s(), [value]), value).toBe(out);
  });
  it("with an escape char, only that char (and the low ones) need quotes; a backslash does not", () => {
    expect(ser(s({ "escape-character": "|" }), ["back\\slash"])).toBe("back\\slash");
    expect(ser(s({ "escape-character": "|" }), ["a|b"])).toBe('"a||b"');
    expect(ser(s({ "escape-character": "\\" }), ["back\\slash"])).toBe('"back\\\\slash"');
  });
  it("never quotes with quoting disabled", () => {
    expect(ser(s({ "disable-quote-character": "true" }), ["back\\slash"])).toBe("back\\slash");
  });
  it("quotes against the configured quote char", () => {
    expect(ser(s({ "quote-character": "'" }), ["back\\slash"])).toBe("'back\\slash'");
  });
});

describe("csv DECIMAL text (scientific only for non-zero multiples of ten)", () => {
  const d = (p: number, sc: number) => ctx([["d", T.decimal(p, sc)]]);
  const plain = (p: number, sc: number) =>
    ctx([["d", T.decimal(p, sc)]], { "write-bigdecimal-in-scientific-notation": "false" });
  it("writes small fractions plainly, as Flink 1.20 does", () => {
    const cases: Array<[string, number, number, string]> = [
      ["0.000000001000000000", 38, 18, "0.000000001"],
      ["0.000000000000000001", 38, 18, "0.000000000000000001"],
      ["0.000001000000000000", 38, 18, "0.000001"],
      ["-0.000000001000000000", 38, 18, "-0.000000001"],
      ["0.000000027", 10, 9, "0.000000027"],
      ["123.450", 10, 3, "123.45"],
      ["1.000", 10, 3, "1"],
      ["0.000", 10, 3, "0"],
      ["100000", 10, 0, '"1E+5"'],
      ["120", 10, 0, '"1.2E+2"'],
      ["-1000", 10, 0, '"-1E+3"'],
      ["100000.00", 12, 2, '"1E+5"'],
      ["7", 10, 0, "7"],
    ];
    for (const [text, p, sc, out] of cases) {
      expect(ser(d(p, sc), [Decimal.parse(text)]), text).toBe(out);
    }
  });
  it("writes every value plainly with the option off", () => {
    expect(ser(plain(10, 0), [Decimal.parse("100000")])).toBe("100000");
    expect(ser(plain(38, 18), [Decimal.parse("0.000000001000000000")])).toBe("0.000000001");
  });
});
