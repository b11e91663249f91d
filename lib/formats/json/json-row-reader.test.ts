/**
 * The json format's fast path (json-row-reader.ts) reads a record as the general path (parseJson,
 * then the converters) does, on many generated records and option sets: the same row, -0
 * included, or — through the fallback — the same error with the same column.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { seededRandom, type SeededRandom } from "@/lib/formats/testing/seeded-random";
import { T, type LogicalType, type RowField, type Value } from "@/lib/types/logical-type";
import { FormatError, type FormatContext } from "@/lib/formats/format";
import { utf8Decode, utf8Encode } from "@/lib/formats/common/text";
import { jsonFormat } from "./json-format";
import { JsonRowDecoder } from "./json-codec";
import { parseJson } from "./json-node";
import { readJsonDecoding } from "./json-options";
import { createJsonRowReader } from "./json-row-reader";

const FIELDS: RowField[] = [
  { name: "id", type: T.bigint() },
  { name: "sent_at", type: T.bigint() },
  { name: "name", type: T.string() },
  { name: "amount", type: T.double() },
  { name: "n", type: T.int() },
  { name: "ok", type: T.boolean() },
  { name: "price", type: T.decimal(10, 2) },
  { name: "tags", type: T.array(T.string()) },
  { name: "note", type: T.string() },
];
const rowType = { kind: "ROW", nullable: false, fields: FIELDS } as Extract<
  LogicalType,
  { kind: "ROW" }
>;

const OPTION_SETS: Array<Record<string, string>> = [
  {},
  { "ignore-parse-errors": "true" },
  { "fail-on-missing-field": "true" },
];

const VALUES = [
  "0",
  "-0",
  "-0.0",
  "12",
  "-12",
  "007",
  "1.5",
  "-1.25",
  "1e3",
  "1E-3",
  "2.5e+2",
  "1.",
  ".5",
  "-",
  "999999999999999",
  "9999999999999999",
  "9223372036854775807",
  "9223372036854775808",
  "2147483647",
  "2147483648",
  "123456789012.345678",
  "0.1000000000000000055511151231257827",
  "true",
  "false",
  "null",
  "nul",
  '""',
  '"plain"',
  '"123"',
  '"1.5"',
  '"true"',
  '"esc\\"aped"',
  '"tab\\tand\\u00e9"',
  '"bad \\x escape"',
  '"unterminated',
  '"héllo 🎉"',
  "[]",
  '["a","b"]',
  "[1,2]",
  '{"x":1}',
  "{}",
  "[",
  "12.34",
];

const KEYS = [...FIELDS.map((f) => f.name), "unknown", "na\\u006de", "ID", ""];

/** A value each field converts, for the records that should all go the fast way. */
const CLEAN: Record<string, () => string> = {
  id: () => "12345",
  sent_at: () => "1796411040985123",
  name: () => '"customer-02345"',
  amount: () => "34.5",
  n: () => "-7",
  ok: () => "true",
  price: () => "12.34",
  tags: () => '["a","b"]',
  note: () => '"note 12345 xxxx"',
};

function record(r: SeededRandom): string {
  if (r.next() < 0.3) return `{${FIELDS.map((f) => `"${f.name}":${CLEAN[f.name]()}`).join(",")}}`;
  if (r.next() < 0.03)
    return r.pick(["null", "[1]", "1", '"s"', "", "  ", "{", "{}", "{} trailing"]);
  const fields: string[] = [];
  const count = r.next() < 0.7 ? FIELDS.length : r.int(FIELDS.length + 3);
  for (let i = 0; i < count; i++) {
    const key = r.next() < 0.85 ? FIELDS[i % FIELDS.length].name : r.pick(KEYS);
    let value: string;
    if (r.next() < 0.5) {
      const kind = FIELDS.find((f) => f.name === key)?.type.kind;
      value =
        kind === "BIGINT"
          ? String(r.int(2e15) - 1e15)
          : kind === "DOUBLE"
            ? String((r.int(2e7) - 1e7) / 1000)
            : kind === "VARCHAR"
              ? JSON.stringify(`text ${r.int(1000)}`)
              : r.pick(VALUES);
    } else {
      value = r.pick(VALUES);
    }
    const ws = () => (r.next() < 0.1 ? r.pick([" ", "\n", "\t ", "\r\n"]) : "");
    fields.push(`${ws()}"${key}"${ws()}:${ws()}${value}${ws()}`);
  }
  let text = `{${fields.join(r.next() < 0.97 ? "," : r.pick([";", ",,", ""]))}}`;
  if (r.next() < 0.05) text = " " + text;
  if (r.next() < 0.05) text += r.pick([" ", "x", "}", ",{"]);
  return text;
}

function ctx(options: Record<string, string>): FormatContext {
  return { options: new Map(Object.entries(options)), rowType, part: "value" };
}

/** The json format's deserializer before the fast path: parse, then convert (the reference). */
function generalPath(options: Record<string, string>) {
  const config = readJsonDecoding(new Map(Object.entries(options)));
  const decoder = new JsonRowDecoder(rowType, config);
  return (bytes: Uint8Array) => {
    if (bytes.length === 0) return [];
    try {
      const values = decoder.convertNode(parseJson(utf8Decode(bytes)));
      return values === null ? [] : [{ kind: "+I", values }];
    } catch (e) {
      if (config.ignoreParseErrors) return [];
      const column = (e as { field?: string }).field;
      throw new FormatError(
        `Failed to deserialize JSON '${utf8Decode(bytes)}'. ${(e as Error).message}`,
        column,
      );
    }
  };
}

function outcome(f: () => unknown) {
  try {
    return { rows: f() };
  } catch (e) {
    return { error: (e as Error).message, column: (e as { column?: string }).column };
  }
}

describe("json deserializer fast path", () => {
  it("reads every generated record as the general path does, under every option set", () => {
    const r = seededRandom(14);
    for (const options of OPTION_SETS) {
      const format = jsonFormat.createDeserializer(ctx(options));
      const general = generalPath(options);
      const fast = createJsonRowReader(rowType, readJsonDecoding(new Map(Object.entries(options))));
      let taken = 0;
      const mismatches: string[] = [];
      for (let i = 0; i < 3_000; i++) {
        const text = record(r);
        const bytes = utf8Encode(text);
        const expected = outcome(() => general(bytes));
        if (
          !isDeepStrictEqual(
            outcome(() => format.deserialize(bytes)),
            expected,
          )
        )
          mismatches.push(text);
        const values = fast(text);
        if (values !== undefined) {
          taken++;
          if (!isDeepStrictEqual({ rows: [{ kind: "+I", values }] }, expected))
            mismatches.push(text);
        }
      }
      expect(mismatches, JSON.stringify(options)).toEqual([]);
      // the fast path took a share of the records itself
      expect(taken, JSON.stringify(options)).toBeGreaterThan(500);
    }
  });

  it("reads the spec job's rows in place, integral doubles as Jackson's BigInteger text gives them", () => {
    const fields: RowField[] = FIELDS.filter((f) =>
      ["id", "sent_at", "name", "amount", "note"].includes(f.name),
    );
    const type = { kind: "ROW", nullable: false, fields } as Extract<LogicalType, { kind: "ROW" }>;
    const read = createJsonRowReader(type, readJsonDecoding(new Map()));
    const row = (text: string): Value[] | undefined => read(text);
    expect(
      row(
        '{"id":12345,"sent_at":1796411040985123,"name":"customer-02345","amount":34.5,"note":"note 12345 xxxx"}',
      ),
    ).toEqual([12345n, 1796411040985123n, "customer-02345", 34.5, "note 12345 xxxx"]);
    expect(row('{"amount":-0,"id":-0}')).toEqual([0n, null, null, 0, null]);
    expect(Object.is(row('{"amount":-0.0}')![3], -0)).toBe(true);
    expect(row('{"id":"12"}')).toEqual([12n, null, null, null, null]);
    expect(row('{"id":1e3}')).toEqual([1000n, null, null, null, null]);
    expect(row('{"name":"a\\nb"}')).toEqual([null, null, "a\nb", null, null]);
    expect(row('{"id":12,}')).toBeUndefined();
  });
});
