/**
 * CsvRowDataDeserializationSchema + CsvToRowDataConverters (Flink 1.20). With ignore-parse-errors
 * a field that does not parse becomes null (the row is kept) and a record that does not parse at
 * all is skipped; without it both fail with Flink's messages.
 */
import { FormatError, type RowDeserializer } from "@/lib/formats/format";
import { decodeBase64 } from "@/lib/formats/common/base64";
import {
  javaDoubleInRange,
  javaLongInRange,
  parseBigDecimal,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
  plainIntegerInRange,
  toDecimalData,
} from "@/lib/formats/common/java-parse";
import { parseIsoDate, parseIsoTime, parseLocalDateTime } from "@/lib/formats/common/temporal";
import { utf8Decode } from "@/lib/formats/common/text";
import type { ChangelogRow, LogicalType, RowField, Value } from "@/lib/types/logical-type";
import type { CsvConfig } from "./csv-options";
import { readCsvRecord } from "./csv-reader";

type TextConverter = (text: string) => Value;
/**
 * A field's value read straight from its cell `text[start, end)` without a substring, for the
 * plain forms it is sure of; undefined sends the cell through the field's TextConverter.
 */
type CellConverter = (text: string, start: number, end: number) => Value | undefined;

/** `fastPath` false reads every record the general way (the reference the fast path is tested against). */
export function createCsvDeserializer(
  fields: readonly RowField[],
  config: CsvConfig,
  fastPath = true,
): RowDeserializer {
  const converters = fields.map((f) => fieldConverter(f.type, config));
  const cellConverters = fields.map((f) => cellConverter(f.type));
  const nullLiteral = config.nullLiteral;
  const n = fields.length;
  const sep = config.fieldDelimiter.charCodeAt(0);
  const quote = config.quoteCharacter === undefined ? -1 : config.quoteCharacter.charCodeAt(0);
  const esc = config.escapeCharacter === undefined ? -1 : config.escapeCharacter.charCodeAt(0);

  /**
   * The fast path for the common record: no quoted cell, no escape char, no line break, no
   * comment, at most n cells, every cell converting. It reads the cells in place and converts
   * them as it goes; anything else (and any error) returns undefined, and the record goes the
   * general way (readCsvRecord, then the converters), which gives the same values and the
   * errors exactly as Flink words them.
   */
  function fastRow(text: string): Value[] | undefined {
    const end = text.length;
    if (end === 0 || (config.allowComments && text.charCodeAt(0) === HASH)) return undefined;
    const values: Value[] = new Array(n);
    let field = 0;
    let i = 0;
    try {
      for (;;) {
        const start = i;
        if (text.charCodeAt(i) === quote) return undefined;
        while (i < end) {
          const c = text.charCodeAt(i);
          if (c === sep) break;
          if (c === LF || c === CR || c === esc) return undefined;
          i++;
        }
        if (field === n) return undefined;
        let value: Value | undefined = null;
        if (
          nullLiteral === undefined ||
          i - start !== nullLiteral.length ||
          !text.startsWith(nullLiteral, start)
        ) {
          const cell = cellConverters[field];
          value = cell === undefined ? undefined : cell(text, start, i);
          if (value === undefined) value = converters[field](text.slice(start, i));
        }
        values[field++] = value;
        if (i === end) break;
        i++;
      }
    } catch {
      return undefined;
    }
    for (; field < n; field++) values[field] = null;
    return values;
  }

  return {
    deserialize(bytes: Uint8Array): ChangelogRow[] {
      const text = utf8Decode(bytes);
      const fast = fastPath ? fastRow(text) : undefined;
      if (fast !== undefined) return [{ kind: "+I", values: fast }];
      try {
        const record = readCsvRecord(text, config);
        if (record === undefined) {
          if (text.length === 0) throw new Error("No content to map due to end-of-input");
          return [];
        }
        const cells = record.cells;
        if (cells.length > n) {
          const extra = cells[n];
          throw new Error(
            `Too many entries: expected at most ${n} (value #${n} (${extra.length} chars) "${extra}")`,
          );
        }
        const values: Value[] = new Array(n);
        for (let i = 0; i < n; i++) {
          values[i] = null;
          if (i >= cells.length) continue;
          const cell = cells[i];
          if (cell === nullLiteral) continue;
          try {
            values[i] = converters[i](cell);
          } catch (e) {
            if (config.ignoreParseErrors) continue;
            throw new FormatError(
              `Fail to deserialize at field: ${fields[i].name}. ${(e as Error).message}`,
              fields[i].name,
            );
          }
        }
        return [{ kind: "+I", values }];
      } catch (e) {
        if (config.ignoreParseErrors) return [];
        const column = e instanceof FormatError ? e.column : undefined;
        throw new FormatError(
          `Failed to deserialize CSV row '${text}'. ${(e as Error).message}`,
          column,
        );
      }
    },
  };
}

const LF = 10;
const CR = 13;
const HASH = 35;

function cellConverter(type: LogicalType): CellConverter | undefined {
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (text, start, end) => text.slice(start, end);
    case "TINYINT":
      return (text, start, end) => intInRange(text, start, end, 0x80);
    case "SMALLINT":
      return (text, start, end) => intInRange(text, start, end, 0x8000);
    case "INT":
    case "INTERVAL_YEAR_MONTH":
      return (text, start, end) => intInRange(text, start, end, 0x80000000);
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return javaLongInRange;
    case "FLOAT":
      return (text, start, end) => {
        const v = javaDoubleInRange(text, start, end);
        return v === undefined ? undefined : Math.fround(v);
      };
    case "DOUBLE":
      return javaDoubleInRange;
    default:
      return undefined;
  }
}

/** An integer cell in [-max, max - 1]; out of range is the general path's error. */
function intInRange(text: string, start: number, end: number, max: number): number | undefined {
  const v = plainIntegerInRange(text, start, end);
  return v !== undefined && v >= -max && v < max ? v : undefined;
}

function fieldConverter(type: LogicalType, config: CsvConfig): TextConverter {
  const isNull = (text: string) => config.nullLiteral !== undefined && text === config.nullLiteral;
  if (type.kind === "ARRAY") {
    const element = scalarConverter(type.element);
    return (text) =>
      text === ""
        ? []
        : text.split(config.arrayElementDelimiter).map((x) => (isNull(x) ? null : element(x)));
  }
  if (type.kind === "ROW") {
    const parts = type.fields.map((f) => scalarConverter(f.type));
    return (text) => {
      if (text === "") return null;
      const items = text.split(config.arrayElementDelimiter);
      if (items.length < parts.length && !config.ignoreParseErrors) {
        throw new Error(
          `Row length mismatch. ${parts.length} fields expected but was ${items.length}.`,
        );
      }
      return parts.map((p, i) => (i < items.length && !isNull(items[i]) ? p(items[i]) : null));
    };
  }
  return scalarConverter(type);
}

function scalarConverter(type: LogicalType): TextConverter {
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (t) => t;
    case "BOOLEAN":
      return (t) => t.trim().toLowerCase() === "true";
    case "TINYINT":
      return (t) => parseJavaInt(t.trim(), 8);
    case "SMALLINT":
      return (t) => parseJavaInt(t.trim(), 16);
    case "INT":
    case "INTERVAL_YEAR_MONTH":
      return (t) => parseJavaInt(t.trim(), 32);
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return (t) => parseJavaLong(t.trim());
    case "FLOAT":
      return (t) => parseJavaFloat(t.trim());
    case "DOUBLE":
      return (t) => parseJavaDouble(t.trim());
    case "DECIMAL":
      return (t) => toDecimalData(parseBigDecimal(t.trim()), type.precision, type.scale);
    case "DATE":
      return (t) => parseIsoDate(t);
    case "TIME": {
      // Millis of day, truncated to the column's precision (0..3).
      const unit = 10 ** (3 - Math.min(type.precision, 3));
      return (t) => {
        const millis = Math.floor(parseIsoTime(t) / 1e6);
        return millis - (millis % unit);
      };
    }
    case "TIMESTAMP":
      return (t) => parseLocalDateTime(t.trim(), " ", false);
    case "TIMESTAMP_LTZ":
      return (t) => parseLocalDateTime(t.trim(), " ", true);
    case "BINARY":
    case "VARBINARY":
      return (t) => decodeBase64(t);
    default:
      throw new FormatError(`Unsupported type: ${type.kind}`);
  }
}
