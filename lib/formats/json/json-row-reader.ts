/**
 * The json format's fast path for a record that is one JSON object: its fields go straight into
 * the row's values, without a tree of nodes and a Map of fields, and the plain scalars — strings
 * without escapes, integers up to 2^53 - 1, decimals without an exponent — are read in place.
 * Every other value is parsed into a node by the general parser and converted by the field's own
 * converter (so ignore-parse-errors and the conversions are the same). Anything the fast path does
 * not take — a syntax error, a key with escapes, a field that fails to convert, a missing field
 * under fail-on-missing-field, a root that is not an object — returns undefined, and the record
 * goes the general way (parse, then convert), which gives the same row or Flink's exact error.
 */
import { javaDoubleInRange, plainIntegerInRange } from "@/lib/formats/common/java-parse";
import type { LogicalType, Value } from "@/lib/types/logical-type";
import type { JsonDecodingConfig } from "./json-options";
import { parseJsonValueAt, type JsonNode } from "./json-node";
import { createJsonToRowConverter, type FromJson } from "./json-to-row";

/** Reads the value at `i` into values[f]; returns the position after it. Throws to give up. */
type FieldReader = (s: string, i: number, values: Value[], f: number) => number;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

const isDigit = (c: number) => c >= ZERO && c <= ZERO + 9;

function skipWs(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** Gives up on the record: the general path decides. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();

/** A JSON number's end from `i`, as parseJson's grammar reads it; `integral` for no fraction or exponent. */
function numberEnd(s: string, i: number): { end: number; integral: boolean } {
  let j = i;
  if (s.charCodeAt(j) === MINUS) j++;
  const first = s.charCodeAt(j);
  if (first === ZERO) j++;
  else if (isDigit(first)) while (isDigit(s.charCodeAt(j))) j++;
  else throw NOT_PLAIN;
  let integral = true;
  if (s.charCodeAt(j) === DOT && isDigit(s.charCodeAt(j + 1))) {
    j += 2;
    while (isDigit(s.charCodeAt(j))) j++;
    integral = false;
  }
  const e = s.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    let k = j + 1;
    const sign = s.charCodeAt(k);
    if (sign === 0x2b || sign === MINUS) k++;
    if (isDigit(s.charCodeAt(k))) {
      while (isDigit(s.charCodeAt(k))) k++;
      j = k;
      integral = false;
    }
  }
  // parseJson reads at most 1100 chars of a number; longer ones are the general path's.
  if (j - i > 1000) throw NOT_PLAIN;
  return { end: j, integral };
}

function fieldReader(type: LogicalType, convert: FromJson): FieldReader {
  /** The general parser's node for the value, through the field's converter. */
  const general: FieldReader = (s, i, values, f) => {
    if (s.startsWith("null", i)) {
      // A JSON null is a null field whatever its type (createJsonToRowConverter).
      values[f] = null;
      return i + 4;
    }
    const { node, end } = parseJsonValueAt(s, i);
    values[f] = convert(node);
    return end;
  };
  /** A number through the converter, its node made from the text in place. */
  const numberNode = (s: string, i: number, end: number, integral: boolean): JsonNode => ({
    type: "number",
    text: s.slice(i, end),
    integral,
  });
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (s, i, values, f) => {
        if (s.charCodeAt(i) !== QUOTE) return general(s, i, values, f);
        let j = i + 1;
        for (;;) {
          const c = s.charCodeAt(j);
          if (c === QUOTE) break;
          if (c === BACKSLASH || Number.isNaN(c)) return general(s, i, values, f);
          j++;
        }
        values[f] = s.slice(i + 1, j);
        return j + 1;
      };
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
    case "INT":
    case "INTERVAL_YEAR_MONTH":
    case "DOUBLE": {
      const kind = type.kind;
      return (s, i, values, f) => {
        const c = s.charCodeAt(i);
        if (c !== MINUS && !isDigit(c)) return general(s, i, values, f);
        const { end, integral } = numberEnd(s, i);
        let v: Value | undefined;
        if (integral) {
          const n = plainIntegerInRange(s, i, end);
          if (n !== undefined) {
            if (kind === "BIGINT" || kind === "INTERVAL_DAY_TIME") v = BigInt(n);
            // Integral JSON numbers become doubles through their BigInteger text: "-0" is 0.0.
            else if (kind === "DOUBLE") v = n === 0 ? 0 : n;
            else if (n >= -2147483648 && n <= 2147483647) v = n;
          }
        } else if (kind === "DOUBLE") {
          v = javaDoubleInRange(s, i, end);
        }
        values[f] = v !== undefined ? v : convert(numberNode(s, i, end, integral));
        return end;
      };
    }
    default:
      return general;
  }
}

/**
 * The fast reader for a ROW's object; undefined for a record it leaves to the general path.
 * `text` is the whole record.
 */
export function createJsonRowReader(
  type: Extract<LogicalType, { kind: "ROW" }>,
  config: JsonDecodingConfig,
): (text: string) => Value[] | undefined {
  const names = type.fields.map((f) => f.name);
  const index = new Map(names.map((name, i) => [name, i]));
  const readers = type.fields.map((f) =>
    fieldReader(f.type, createJsonToRowConverter(f.type, config)),
  );
  const n = names.length;

  /** The field whose name is the key at `i + 1 .. end` (the expected one first, as rows keep their order). */
  const fieldAt = (s: string, start: number, end: number, expected: number): number => {
    if (expected < n) {
      const name = names[expected];
      if (name.length === end - start && s.startsWith(name, start)) return expected;
    }
    return index.get(s.slice(start, end)) ?? -1;
  };

  return (s) => {
    try {
      let i = skipWs(s, 0);
      if (s.charCodeAt(i) !== OPEN) return undefined;
      const values: Value[] = new Array(n);
      let seen = 0;
      i = skipWs(s, i + 1);
      if (s.charCodeAt(i) !== CLOSE) {
        let expected = 0;
        for (;;) {
          if (s.charCodeAt(i) !== QUOTE) return undefined;
          let j = i + 1;
          for (;;) {
            const c = s.charCodeAt(j);
            if (c === QUOTE) break;
            if (c === BACKSLASH || Number.isNaN(c)) return undefined;
            j++;
          }
          const f = fieldAt(s, i + 1, j, expected);
          i = skipWs(s, j + 1);
          if (s.charCodeAt(i) !== COLON) return undefined;
          i = skipWs(s, i + 1);
          if (f < 0) {
            i = parseJsonValueAt(s, i).end;
          } else {
            if (values[f] === undefined) seen++;
            i = readers[f](s, i, values, f);
            expected = f + 1;
          }
          i = skipWs(s, i);
          const c = s.charCodeAt(i);
          if (c === CLOSE) break;
          if (c !== COMMA) return undefined;
          i = skipWs(s, i + 1);
        }
      }
      if (seen < n) {
        if (config.failOnMissingField) return undefined;
        for (let f = 0; f < n; f++) if (values[f] === undefined) values[f] = null;
      }
      return values;
    } catch {
      return undefined;
    }
  };
}
