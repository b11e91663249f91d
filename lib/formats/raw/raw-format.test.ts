import { describe, expect, it } from "vitest";
import { T, type LogicalType, type Value } from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { rawFormat } from "./raw-format";

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
const hex = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString("hex"));

/** RawFormatSerDeSchemaTest#testData: value ↔ bytes in both directions. */
describe("raw: vectors from RawFormatSerDeSchemaTest", () => {
  const LE = { endianness: "little-endian" };
  it.each<[LogicalType, Value, string, Record<string, string>?]>([
    [T.tinyint(), 127, "7f"],
    [T.smallint(), 32767, "7fff"],
    [T.smallint(), 32767, "ff7f", LE],
    [T.int(), 2147483647, "7fffffff"],
    [T.int(), 2147483647, "ffffff7f", LE],
    [T.bigint(), 9223372036854775807n, "7fffffffffffffff"],
    [T.bigint(), 9223372036854775807n, "ffffffffffffff7f", LE],
    [T.float(), 3.4028234663852886e38, "7f7fffff"],
    [T.float(), 3.4028234663852886e38, "ffff7f7f", LE],
    [T.double(), Number.MAX_VALUE, "7fefffffffffffff"],
    [T.double(), Number.MAX_VALUE, "ffffffffffffef7f", LE],
    [T.boolean(), true, "01"],
    [T.boolean(), false, "00"],
    [T.string(), "Hello World", Buffer.from("Hello World").toString("hex")],
    [
      T.string(),
      "你好世界，Hello World",
      Buffer.from("你好世界，Hello World", "utf8").toString("hex"),
    ],
    // Java's UTF-16 writes a big-endian byte-order mark
    [
      T.string(),
      "Flink Awesome!",
      "feff" + Buffer.from("Flink Awesome!", "utf16le").swap16().toString("hex"),
      { charset: "UTF-16" },
    ],
    [
      T.string(),
      "Flink 帅哭!",
      "feff" + Buffer.from("Flink 帅哭!", "utf16le").swap16().toString("hex"),
      { charset: "UTF-16" },
    ],
    [T.string(), "", ""],
    [T.varchar(5), "HELLO", Buffer.from("HELLO").toString("hex")],
    [T.bytes(), new Uint8Array([1, 3, 5, 7, 9]), "0103050709"],
    [T.bytes(), new Uint8Array([]), ""],
    [T.binary(3), new Uint8Array([1, 3, 5]), "010305"],
  ])("%j %s → %s", (type, value, bytes, options = {}) => {
    const c = ctx([["single", type]], options);
    const written = rawFormat.createSerializer(c).serialize({ kind: "+I", values: [value] });
    expect(hex(written)).toBe(bytes);
    expect(rawFormat.createDeserializer(c).deserialize(written!)).toEqual([
      { kind: "+I", values: [value] },
    ]);
  });

  it.each([
    T.tinyint(),
    T.smallint(),
    T.int(),
    T.bigint(),
    T.float(),
    T.double(),
    T.boolean(),
    T.string(),
    T.bytes(),
  ])("null %j is written as no value (a tombstone)", (type) => {
    expect(
      rawFormat.createSerializer(ctx([["single", type]])).serialize({ kind: "+I", values: [null] }),
    ).toBeNull();
  });
});

describe("raw: charsets and sizes", () => {
  it("ISO-8859-1 and US-ASCII replace unmappable characters with '?', as String.getBytes does", () => {
    const ser = (charset: string) =>
      rawFormat
        .createSerializer(ctx([["s", T.string()]], { charset }))
        .serialize({ kind: "+I", values: ["é€"] });
    expect(hex(ser("latin1"))).toBe("e93f");
    expect(hex(ser("US-ASCII"))).toBe("3f3f");
    expect(hex(ser("utf-16le"))).toBe("e900ac20");
  });
  it("a fixed-size type refuses records of another length, with Flink's message", () => {
    expect(() =>
      rawFormat.createDeserializer(ctx([["i", T.int()]])).deserialize(new Uint8Array([1, 2])),
    ).toThrow("Size of data received for deserializing INT type is not 4.");
  });
});

describe("raw: validation (RawFormatFactory messages)", () => {
  const msgs = (fields: Array<[string, LogicalType]>, o: Record<string, string> = {}) =>
    rawFormat.validate(ctx(fields, o)).map((i) => i.message);
  it("single physical column", () => {
    expect(
      msgs([
        ["a", T.int()],
        ["b", T.string()],
      ]),
    ).toEqual([
      "The 'raw' format only supports single physical column. However the defined schema contains multiple physical columns: [`a` INT, `b` STRING]",
    ]);
  });
  it("supported types", () => {
    expect(msgs([["d", T.decimal(10, 2)]])).toEqual([
      "The 'raw' format doesn't supports 'DECIMAL(10, 2)' as column type.",
    ]);
    expect(msgs([["t", T.timestamp(3)]])).toEqual([
      "The 'raw' format doesn't supports 'TIMESTAMP(3)' as column type.",
    ]);
  });
  it("endianness and charset", () => {
    expect(msgs([["a", T.int()]], { endianness: "middle" })).toEqual([
      "Unsupported endianness name: middle. Valid values of 'raw.endianness' option are 'big-endian' and 'little-endian'.",
    ]);
    expect(msgs([["a", T.int()]], { endianness: "BIG-ENDIAN" })).toEqual([]);
    expect(msgs([["a", T.string()]], { charset: "klingon" })[0]).toMatch(
      /^Unsupported 'raw.charset' name: klingon\./,
    );
  });
});
