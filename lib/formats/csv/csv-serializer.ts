/**
 * CsvRowDataSerializationSchema + RowDataToCsvConverters (Flink 1.20): one record is one CSV line
 * without a trailing line separator. ARRAY and nested ROW values are joined with the
 * array-element delimiter and then quoted as a whole, like Jackson's CsvGenerator does.
 */
import { FormatError, type RowSerializer } from "@/lib/formats/format";
import { encodeBase64 } from "@/lib/formats/common/base64";
import { jacksonDecimalText, javaDoubleToString, javaFloatToString } from "@/lib/formats/common/java-number";
import { formatIsoDate, formatIsoTime, formatLocalDateTime } from "@/lib/formats/common/temporal";
import { utf8Encode } from "@/lib/formats/common/text";
import {
  Decimal,
  Timestamp,
  type ChangelogRow,
  type LogicalType,
  type RowField,
  type Value,
} from "@/lib/types/logical-type";
import { CsvLineEncoder, type CsvCell } from "./csv-encoder";
import type { CsvConfig } from "./csv-options";

type ScalarText = (v: Value) => { raw: boolean; text: string };

export function createCsvSerializer(fields: readonly RowField[], config: CsvConfig): RowSerializer {
  const encoder = new CsvLineEncoder(config);
  const plainDecimals = !config.writeBigDecimalInScientificNotation;
  const converters = fields.map((f) => fieldConverter(f.type, plainDecimals, encoder, config.arrayElementDelimiter));
  return {
    serialize(row: ChangelogRow): Uint8Array {
      const cells: CsvCell[] = new Array(fields.length);
      for (let i = 0; i < fields.length; i++) {
        const v = row.values[i] ?? null;
        try {
          cells[i] = v === null ? { kind: "null" } : converters[i](v);
        } catch (e) {
          throw new FormatError(`Fail to serialize at field: ${fields[i].name}. ${(e as Error).message}`, fields[i].name);
        }
      }
      return utf8Encode(encoder.encode(cells));
    },
  };
}

function fieldConverter(
  type: LogicalType,
  plainDecimals: boolean,
  encoder: CsvLineEncoder,
  delimiter: string,
): (v: Value) => CsvCell {
  if (type.kind === "ARRAY") {
    const element = scalarText(type.element, plainDecimals);
    return (v) => {
      const items = expectArray(v, type);
      return { kind: "text", text: items.map((x) => (x === null ? encoder.nullElement : element(x).text)).join(delimiter) };
    };
  }
  if (type.kind === "ROW") {
    const parts = type.fields.map((f) => scalarText(f.type, plainDecimals));
    return (v) => {
      const items = expectArray(v, type);
      return {
        kind: "text",
        text: parts.map((p, i) => ((items[i] ?? null) === null ? encoder.nullElement : p(items[i]).text)).join(delimiter),
      };
    };
  }
  const scalar = scalarText(type, plainDecimals);
  return (v) => {
    const { raw, text } = scalar(v);
    return raw ? { kind: "raw", text } : { kind: "text", text };
  };
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
  switch (type.kind) {
    case "BOOLEAN":
      return (v) => (want(typeof v === "boolean", v), { raw: true, text: v ? "true" : "false" });
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "INTERVAL_YEAR_MONTH":
      return (v) => (want(typeof v === "number" && Number.isInteger(v), v), { raw: true, text: String(v) });
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return (v) => (want(typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v)), v), { raw: true, text: String(v) });
    case "FLOAT":
      return (v) => (want(typeof v === "number", v), { raw: true, text: javaFloatToString(Math.fround(v as number)) });
    case "DOUBLE":
      return (v) => (want(typeof v === "number", v), { raw: true, text: javaDoubleToString(v as number) });
    case "DECIMAL":
      // BigDecimal goes through CsvEncoder's String path, so it may be quoted.
      return (v) => (want(v instanceof Decimal, v), { raw: false, text: jacksonDecimalText(v as Decimal, plainDecimals) });
    case "CHAR":
    case "VARCHAR":
      return (v) => (want(typeof v === "string", v), { raw: false, text: v as string });
    case "BINARY":
    case "VARBINARY":
      return (v) => (want(v instanceof Uint8Array, v), { raw: false, text: encodeBase64(v as Uint8Array) });
    case "DATE":
      return (v) => (want(typeof v === "number", v), { raw: false, text: formatIsoDate(v as number) });
    case "TIME":
      return (v) => (want(typeof v === "number", v), { raw: false, text: formatIsoTime((v as number) * 1e6) });
    case "TIMESTAMP":
      return (v) => (want(v instanceof Timestamp, v), { raw: false, text: formatLocalDateTime(v as Timestamp, " ") });
    case "TIMESTAMP_LTZ":
      return (v) => (want(v instanceof Timestamp, v), { raw: false, text: formatLocalDateTime(v as Timestamp, " ") + "Z" });
    default:
      throw new FormatError(`Unsupported type: ${type.kind}`);
  }
}
