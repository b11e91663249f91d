/**
 * The csv deserializer's fast path (plain records read in place) gives what the general path
 * (readCsvRecord, then the converters) gives, on many generated records and option sets: the
 * same rows, -0 included, or the same error with the same column.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { seededRandom, type SeededRandom } from "@/lib/formats/testing/seeded-random";
import { T, type RowField } from "@/lib/types/logical-type";
import type { RowDeserializer } from "@/lib/formats/format";
import { utf8Encode } from "@/lib/formats/common/text";
import { readCsvConfig } from "./csv-options";
import { createCsvDeserializer } from "./csv-deserializer";

const FIELDS: RowField[] = [
  { name: "id", type: T.bigint() },
  { name: "name", type: T.string() },
  { name: "n", type: T.int() },
  { name: "amount", type: T.double() },
  { name: "small", type: T.smallint() },
  { name: "tiny", type: T.tinyint() },
  { name: "f", type: T.float() },
  { name: "ok", type: T.boolean() },
  { name: "price", type: T.decimal(10, 2) },
  { name: "day", type: T.date() },
  { name: "list", type: T.array(T.int()) },
  { name: "note", type: T.string() },
];

const OPTION_SETS: Array<Record<string, string>> = [
  {},
  { "null-literal": "null" },
  { "ignore-parse-errors": "true" },
  { "allow-comments": "true", "ignore-parse-errors": "true" },
  { "escape-character": "\\" },
  { "field-delimiter": ";", "quote-character": "'" },
  { "disable-quote-character": "true" },
  { "null-literal": "", "ignore-parse-errors": "true" },
];

const CELLS = [
  "",
  "0",
  "-0",
  "007",
  "+12",
  " 12",
  "12 ",
  "127",
  "128",
  "-129",
  "32768",
  "2147483647",
  "2147483648",
  "999999999999999",
  "9999999999999999",
  "9223372036854775807",
  "9223372036854775808",
  "1.5",
  "-0.0",
  ".5",
  "5.",
  "1e3",
  "2.5f",
  "NaN",
  "true",
  " TRUE ",
  "12.345",
  "2024-02-29",
  "2023-02-29",
  "1;2;3",
  "1;x",
  "null",
  "abc",
  "héllo wörld",
  "emoji 🎉",
  '"quoted, with comma"',
  '"a ""doubled"" quote"',
  "'single'",
  'mid"quote',
  "back\\slash",
  "esc\\,aped",
  "#hash",
  "line\nbreak",
  "cr\rhere",
  '"open',
];

function line(r: SeededRandom, sep: string): string {
  const count = r.next() < 0.8 ? FIELDS.length : r.int(FIELDS.length + 3);
  const cells: string[] = [];
  for (let i = 0; i < count; i++) {
    if (r.next() < 0.5) {
      // a cell that suits the column, mostly
      const kind = FIELDS[i % FIELDS.length].type.kind;
      if (kind === "BIGINT" || kind === "INT") cells.push(String(r.int(2e9) - 1e9));
      else if (kind === "DOUBLE") cells.push(String((r.int(2e6) - 1e6) / 100));
      else cells.push(`text ${r.int(1000)}`);
    } else {
      cells.push(r.pick(CELLS));
    }
  }
  let text = cells.join(r.next() < 0.9 ? sep : r.pick([",", ";", "\t"]));
  if (r.next() < 0.05) text = "#" + text;
  if (r.next() < 0.05) text += r.pick(["\n", "\r\n", "\nnext,line"]);
  return text;
}

function outcome(d: RowDeserializer, bytes: Uint8Array) {
  try {
    return { rows: d.deserialize(bytes) };
  } catch (e) {
    return { error: (e as Error).message, column: (e as { column?: string }).column };
  }
}

describe("csv deserializer fast path", () => {
  it("reads every generated record as the general path does, under every option set", () => {
    const r = seededRandom(14);
    for (const options of OPTION_SETS) {
      const config = readCsvConfig(new Map(Object.entries(options)));
      const fast = createCsvDeserializer(FIELDS, config);
      const general = createCsvDeserializer(FIELDS, config, false);
      const mismatches: string[] = [];
      for (let i = 0; i < 800; i++) {
        const text = line(r, config.fieldDelimiter);
        const bytes = utf8Encode(text);
        if (!isDeepStrictEqual(outcome(fast, bytes), outcome(general, bytes)))
          mismatches.push(text);
      }
      expect(mismatches, JSON.stringify(options)).toEqual([]);
    }
  });

  it("reads the spec job's rows (BIGINT, BIGINT, STRING, DOUBLE, STRING)", () => {
    const fields: RowField[] = [
      { name: "id", type: T.bigint() },
      { name: "sent_at", type: T.bigint() },
      { name: "name", type: T.string() },
      { name: "amount", type: T.double() },
      { name: "note", type: T.string() },
    ];
    const d = createCsvDeserializer(fields, readCsvConfig(new Map()));
    expect(
      d.deserialize(utf8Encode("12345,1796411040985123,customer-02345,34.5,note for record 12345")),
    ).toEqual([
      {
        kind: "+I",
        values: [12345n, 1796411040985123n, "customer-02345", 34.5, "note for record 12345"],
      },
    ]);
    // 17 digits and more go the general way, exactly
    expect(d.deserialize(utf8Encode("9223372036854775807,-0,a,-0.0,b"))[0].values).toEqual([
      9223372036854775807n,
      0n,
      "a",
      -0,
      "b",
    ]);
  });
});
