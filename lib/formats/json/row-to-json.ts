/**
 * RowDataToJsonConverters + JsonRowDataSerializationSchema (Flink 1.20), writing compact JSON
 * text directly in the order Jackson's ObjectNode would hold it.
 */
import { encodeBase64 } from "@/lib/formats/common/base64";
import {
  jacksonDecimalText,
  javaDoubleToString,
  javaFloatToString,
} from "@/lib/formats/common/java-number";
import { formatIsoDate, formatIsoTime, formatLocalDateTime } from "@/lib/formats/common/temporal";
import {
  Decimal,
  MapValue,
  Timestamp,
  typeToString,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";
import type { JsonEncodingConfig } from "./json-options";
import { quoteJson } from "./json-node";

/** Converts a value to its JSON text. */
export type ToJson = (v: Value) => string;

export class JsonEncodeError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The unsupported-type message for a row, or undefined; Flink raises it when the encoder is built. */
export function jsonUnsupported(t: LogicalType): string | undefined {
  switch (t.kind) {
    case "ARRAY":
      return jsonUnsupported(t.element);
    case "MAP":
    case "MULTISET": {
      const key = t.kind === "MAP" ? t.key : t.element;
      if (key.kind !== "CHAR" && key.kind !== "VARCHAR") {
        return `JSON format doesn't support non-string as key type of map. The type is: ${typeToString(t)}`;
      }
      return t.kind === "MAP" ? jsonUnsupported(t.value) : undefined;
    }
    case "ROW":
      for (const f of t.fields) {
        const m = jsonUnsupported(f.type);
        if (m) return m;
      }
      return undefined;
    default:
      return undefined;
  }
}

export function createJsonConverter(type: LogicalType, config: JsonEncodingConfig): ToJson {
  const inner = notNullConverter(type, config);
  return (v) => (v === null ? "null" : inner(v));
}

function expect(ok: boolean, type: LogicalType, v: Value): void {
  if (!ok) {
    const got =
      v instanceof Uint8Array
        ? "bytes"
        : Array.isArray(v)
          ? "an array"
          : typeof v === "object"
            ? v?.constructor.name
            : `${typeof v} ${String(v)}`;
    throw new JsonEncodeError(`expected a ${typeToString(type)} value, got ${got}`);
  }
}

/** Jackson writes non-finite floats as strings (QUOTE_NON_NUMERIC_NUMBERS is on by default). */
function floating(text: string, v: number): string {
  return Number.isFinite(v) ? text : `"${text}"`;
}

function notNullConverter(type: LogicalType, config: JsonEncodingConfig): ToJson {
  switch (type.kind) {
    case "NULL":
      return () => "null";
    case "BOOLEAN":
      return (v) => (expect(typeof v === "boolean", type, v), v ? "true" : "false");
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "INTERVAL_YEAR_MONTH":
      return (v) => (expect(typeof v === "number" && Number.isInteger(v), type, v), String(v));
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return (v) => (
        expect(typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v)), type, v),
        String(v)
      );
    case "FLOAT":
      return (v) => {
        expect(typeof v === "number", type, v);
        const f = Math.fround(v as number);
        return floating(javaFloatToString(f), f);
      };
    case "DOUBLE":
      return (v) => (
        expect(typeof v === "number", type, v),
        floating(javaDoubleToString(v as number), v as number)
      );
    case "CHAR":
    case "VARCHAR":
      return (v) => (expect(typeof v === "string", type, v), quoteJson(v as string));
    case "BINARY":
    case "VARBINARY":
      return (v) => (
        expect(v instanceof Uint8Array, type, v),
        `"${encodeBase64(v as Uint8Array)}"`
      );
    case "DATE":
      return (v) => (expect(typeof v === "number", type, v), `"${formatIsoDate(v as number)}"`);
    case "TIME":
      // LocalTime.ofSecondOfDay(millis / 1000) formatted HH:mm:ss: sub-seconds are dropped.
      return (v) => (
        expect(typeof v === "number", type, v),
        `"${formatIsoTime(Math.floor((v as number) / 1000) * 1e9)}"`
      );
    case "TIMESTAMP": {
      const sep = config.timestampFormat === "ISO-8601" ? "T" : " ";
      return (v) => (
        expect(v instanceof Timestamp, type, v),
        `"${formatLocalDateTime(v as Timestamp, sep)}"`
      );
    }
    case "TIMESTAMP_LTZ": {
      const sep = config.timestampFormat === "ISO-8601" ? "T" : " ";
      return (v) => (
        expect(v instanceof Timestamp, type, v),
        `"${formatLocalDateTime(v as Timestamp, sep)}Z"`
      );
    }
    case "DECIMAL":
      return (v) => (
        expect(v instanceof Decimal, type, v),
        jacksonDecimalText(v as Decimal, config.encodeDecimalAsPlainNumber)
      );
    case "ARRAY": {
      const element = createJsonConverter(type.element, config);
      return (v) => {
        expect(Array.isArray(v), type, v);
        return "[" + (v as Value[]).map(element).join(",") + "]";
      };
    }
    case "MAP":
    case "MULTISET":
      return mapConverter(type, config);
    case "ROW":
      return rowConverter(type, config);
    default:
      throw new JsonEncodeError(`Not support to convert type: ${typeToString(type)}`);
  }
}

function mapConverter(
  type: Extract<LogicalType, { kind: "MAP" | "MULTISET" }>,
  config: JsonEncodingConfig,
): ToJson {
  const problem = jsonUnsupported(type);
  if (problem) throw new JsonEncodeError(problem);
  if (type.kind === "MULTISET") {
    // A MULTISET is a map from element to its count (INT).
    return (v) => {
      expect(Array.isArray(v), type, v);
      const counts = new Map<string | null, number>();
      for (const e of v as Value[])
        counts.set(e as string | null, (counts.get(e as string | null) ?? 0) + 1);
      return writeObject([...counts.entries()], (n) => String(n), config);
    };
  }
  const value = createJsonConverter(type.value, config);
  return (v) => {
    expect(v instanceof MapValue, type, v);
    return writeObject((v as MapValue).entries as Array<[Value, Value]>, value, config);
  };
}

function writeObject<V>(
  entries: Iterable<[Value, V]>,
  value: (v: V) => string,
  config: JsonEncodingConfig,
): string {
  // ObjectNode.set: a repeated key replaces the value at the first key's position.
  const fields = new Map<string, string>();
  for (const [k, v] of entries) {
    let name: string;
    if (k === null) {
      if (config.mapNullKeyMode === "DROP") continue;
      if (config.mapNullKeyMode === "FAIL") {
        throw new JsonEncodeError(
          "JSON format doesn't support to serialize map data with null keys. You can drop null key entries or encode null in literals by specifying map-null-key.mode option.",
        );
      }
      name = config.mapNullKeyLiteral;
    } else {
      name = String(k);
    }
    fields.set(name, value(v));
  }
  const parts: string[] = [];
  for (const [k, v] of fields) parts.push(quoteJson(k) + ":" + v);
  return "{" + parts.join(",") + "}";
}

function rowConverter(
  type: Extract<LogicalType, { kind: "ROW" }>,
  config: JsonEncodingConfig,
): ToJson {
  const names = type.fields.map((f) => quoteJson(f.name) + ":");
  const converters = type.fields.map((f) => createJsonConverter(f.type, config));
  return (v) => {
    expect(Array.isArray(v), type, v);
    const row = v as Value[];
    let out = "{";
    let first = true;
    for (let i = 0; i < converters.length; i++) {
      const field = row[i] ?? null;
      if (field === null && config.ignoreNullFields) continue;
      let text: string;
      try {
        text = converters[i](field);
      } catch (e) {
        const name = type.fields[i].name;
        throw new JsonEncodeError(
          `Fail to serialize at field: ${name}. ${(e as Error).message}`,
          name,
        );
      }
      out += (first ? "" : ",") + names[i] + text;
      first = false;
    }
    return out + "}";
  };
}
