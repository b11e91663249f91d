/**
 * CsvRowDataSerializationSchema + RowDataToCsvConverters (Flink 1.20): one record is one CSV line
 * without a trailing line separator. ARRAY and nested ROW values are joined with the
 * array-element delimiter and then quoted as a whole, like Jackson's CsvGenerator does.
 */
import { FormatError, type RowSerializer } from "@/lib/formats/format";
import { encodeBase64 } from "@/lib/formats/common/base64";
import {
  csvDecimalText,
  javaDoubleToString,
  javaFloatToString,
} from "@/lib/formats/common/java-number";
import { formatIsoDate, formatIsoTime, formatLocalDateTime } from "@/lib/formats/common/temporal";
import {
  Decimal,
  Timestamp,
  type ChangelogRow,
  type LogicalType,
  type RowField,
  type Value,
} from "@/lib/types/logical-type";
import { CsvLineEncoder } from "./csv-encoder";
import type { CsvConfig } from "./csv-options";
import { Utf8Slab } from "@/lib/formats/common/utf8-slab";

/** A scalar type's text and whether Jackson writes it raw (numbers, booleans) or as a string (maybe quoted). */
interface ScalarText {
  raw: boolean;
  text(v: Value): string;
}

/** A non-null field's cell exactly as it appears in the line. */
type FieldWriter = (v: Value) => string;

export function createCsvSerializer(fields: readonly RowField[], config: CsvConfig): RowSerializer {
  const encoder = new CsvLineEncoder(config);
  const plainDecimals = !config.writeBigDecimalInScientificNotation;
  const writers = fields.map((f) =>
    fieldWriter(f.type, plainDecimals, encoder, config.arrayElementDelimiter),
  );
  const { separator, nullText } = encoder;
  const n = fields.length;
  const bytes = new Utf8Slab();
  return {
    serialize(row: ChangelogRow): Uint8Array {
      const values = row.values;
      let line = "";
      let i = 0;
      try {
        for (; i < n; i++) {
          if (i > 0) line += separator;
          const v = values[i] ?? null;
          line += v === null ? nullText : writers[i](v);
        }
      } catch (e) {
        throw new FormatError(
          `Fail to serialize at field: ${fields[i].name}. ${(e as Error).message}`,
          fields[i].name,
        );
      }
      return bytes.encode(line);
    },
  };
}

function fieldWriter(
  type: LogicalType,
  plainDecimals: boolean,
  encoder: CsvLineEncoder,
  delimiter: string,
): FieldWriter {
  if (type.kind === "ARRAY") {
    const element = scalarText(type.element, plainDecimals).text;
    return (v) => {
      const items = expectArray(v, type);
      return encoder.text(
        items.map((x) => (x === null ? encoder.nullText : element(x))).join(delimiter),
      );
    };
  }
  if (type.kind === "ROW") {
    const parts = type.fields.map((f) => scalarText(f.type, plainDecimals).text);
    return (v) => {
      const items = expectArray(v, type);
      return encoder.text(
        parts
          .map((p, i) => ((items[i] ?? null) === null ? encoder.nullText : p(items[i])))
          .join(delimiter),
      );
    };
  }
  const { raw, text } = scalarText(type, plainDecimals);
  return raw ? text : (v) => encoder.text(text(v));
}

function expectArray(v: Value, type: LogicalType): Value[] {
  if (!Array.isArray(v)) throw new Error(`expected a ${type.kind} value, got ${describe(v)}`);
  return v;
}

function describe(v: Value): string {
  if (v === null) return "null";
  if (v instanceof Uint8Array) return "bytes";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return v.constructor.name;
  return `${typeof v} ${String(v)}`;
}

/** Text of a scalar and whether Jackson writes it raw (numbers, booleans) or as a string. */
export function scalarText(type: LogicalType, plainDecimals: boolean): ScalarText {
  const want = (ok: boolean, v: Value) => {
    if (!ok) throw new Error(`expected a ${type.kind} value, got ${describe(v)}`);
  };
  const raw = (text: (v: Value) => string): ScalarText => ({ raw: true, text });
  const quotable = (text: (v: Value) => string): ScalarText => ({ raw: false, text });
  switch (type.kind) {
    case "BOOLEAN":
      return raw((v) => (want(typeof v === "boolean", v), v ? "true" : "false"));
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "INTERVAL_YEAR_MONTH":
      return raw((v) => (want(typeof v === "number" && Number.isInteger(v), v), String(v)));
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return raw(
        (v) => (
          want(typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v)), v),
          String(v)
        ),
      );
    case "FLOAT":
      return raw(
        (v) => (want(typeof v === "number", v), javaFloatToString(Math.fround(v as number))),
      );
    case "DOUBLE":
      return raw((v) => (want(typeof v === "number", v), javaDoubleToString(v as number)));
    case "DECIMAL":
      // BigDecimal goes through CsvEncoder's String path, so it may be quoted.
      return quotable(
        (v) => (want(v instanceof Decimal, v), csvDecimalText(v as Decimal, !plainDecimals)),
      );
    case "CHAR":
    case "VARCHAR":
      return quotable((v) => (want(typeof v === "string", v), v as string));
    case "BINARY":
    case "VARBINARY":
      return quotable((v) => (want(v instanceof Uint8Array, v), encodeBase64(v as Uint8Array)));
    case "DATE":
      return quotable((v) => (want(typeof v === "number", v), formatIsoDate(v as number)));
    case "TIME":
      return quotable((v) => (want(typeof v === "number", v), formatIsoTime((v as number) * 1e6)));
    case "TIMESTAMP":
      return quotable(
        (v) => (want(v instanceof Timestamp, v), formatLocalDateTime(v as Timestamp, " ")),
      );
    case "TIMESTAMP_LTZ":
      return quotable(
        (v) => (want(v instanceof Timestamp, v), formatLocalDateTime(v as Timestamp, " ") + "Z"),
      );
    default:
      throw new FormatError(`Unsupported type: ${type.kind}`);
  }
}
