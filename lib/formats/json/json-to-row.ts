/**
 * JsonToRowDataConverters (Flink 1.20): JSON tree to Flink values. With ignore-parse-errors a
 * value that does not convert becomes null; missing fields are null unless fail-on-missing-field.
 */
import { decodeBase64 } from "@/lib/formats/common/base64";
import {
  parseBigDecimal,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
  toDecimalData,
} from "@/lib/formats/common/java-parse";
import {
  parseIsoDate,
  parseLocalDateTime,
  TemporalParseError,
} from "@/lib/formats/common/temporal";
import { MapValue, typeToString, type LogicalType, type Value } from "@/lib/types/logical-type";
import type { JsonDecodingConfig } from "./json-options";
import { nodeText, stringifyNode, type JsonNode } from "./json-node";

export type FromJson = (node: JsonNode | undefined) => Value;

export class JsonDecodeError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function createJsonToRowConverter(type: LogicalType, config: JsonDecodingConfig): FromJson {
  const inner = notNullConverter(type, config);
  return (node) => {
    if (node === undefined || node.type === "null") return null;
    try {
      return inner(node);
    } catch (e) {
      if (config.ignoreParseErrors) return null;
      throw e;
    }
  };
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function notNullConverter(
  type: LogicalType,
  config: JsonDecodingConfig,
): (node: JsonNode) => Value {
  switch (type.kind) {
    case "NULL":
      return () => null;
    case "BOOLEAN":
      return (n) => (n.type === "boolean" ? n.value : nodeText(n).trim().toLowerCase() === "true");
    case "TINYINT":
      return (n) => parseJavaInt(nodeText(n).trim(), 8);
    case "SMALLINT":
      return (n) => parseJavaInt(nodeText(n).trim(), 16);
    case "INT":
    case "INTERVAL_YEAR_MONTH":
      // canConvertToInt()/asInt(): a JSON number in range is truncated toward zero.
      return (n) => {
        if (n.type === "number") {
          const v = Number(n.text);
          if (v >= INT_MIN && v <= INT_MAX) return Math.trunc(v);
        }
        return parseJavaInt(nodeText(n).trim(), 32);
      };
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return (n) => {
        if (n.type === "number") {
          if (n.integral) {
            const v = BigInt(n.text);
            if (v >= -(2n ** 63n) && v < 2n ** 63n) return v;
          } else {
            const d = Number(n.text);
            if (d >= -(2 ** 63) && d <= 2 ** 63) return BigInt(Math.trunc(d));
          }
        }
        return parseJavaLong(nodeText(n).trim());
      };
    case "FLOAT":
      return (n) => parseJavaFloat(nodeText(n).trim());
    case "DOUBLE":
      return (n) =>
        n.type === "number" && !n.integral ? Number(n.text) : parseJavaDouble(nodeText(n).trim());
    case "CHAR":
    case "VARCHAR":
      return (n) => (n.type === "string" ? n.value : stringifyNode(n));
    case "BINARY":
    case "VARBINARY":
      return (n) => {
        if (n.type !== "string")
          throw new JsonDecodeError(`Unable to deserialize byte array from ${n.type}.`);
        return decodeBase64(n.value);
      };
    case "DATE":
      return (n) => parseIsoDate(nodeText(n));
    case "TIME":
      // Parsed with the pattern HH:mm:ss; the value keeps whole seconds.
      return (n) => {
        const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(nodeText(n));
        if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) {
          throw new TemporalParseError(
            `Text '${nodeText(n)}' could not be parsed with pattern HH:mm:ss`,
          );
        }
        return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
      };
    case "TIMESTAMP": {
      const sep = config.timestampFormat === "ISO-8601" ? "T" : " ";
      return (n) => parseLocalDateTime(nodeText(n), sep, false, sep === " ");
    }
    case "TIMESTAMP_LTZ": {
      const sep = config.timestampFormat === "ISO-8601" ? "T" : " ";
      return (n) => parseLocalDateTime(nodeText(n), sep, true, sep === " ");
    }
    case "DECIMAL":
      return (n) =>
        toDecimalData(
          parseBigDecimal(n.type === "number" ? n.text : nodeText(n)),
          type.precision,
          type.scale,
        );
    case "ARRAY": {
      const element = createJsonToRowConverter(type.element, config);
      return (n) => {
        if (n.type !== "array")
          throw new JsonDecodeError(
            `expected a JSON array for ${typeToString(type)}, got ${n.type}`,
          );
        return n.items.map(element);
      };
    }
    case "MAP":
    case "MULTISET": {
      const keyType = type.kind === "MAP" ? type.key : type.element;
      const key = createJsonToRowConverter(keyType, config);
      const value = createJsonToRowConverter(
        type.kind === "MAP" ? type.value : { kind: "INT", nullable: true },
        config,
      );
      return (n) => {
        if (n.type !== "object")
          throw new JsonDecodeError(
            `expected a JSON object for ${typeToString(type)}, got ${n.type}`,
          );
        const entries: Array<[Value, Value]> = [];
        for (const [k, v] of n.fields) entries.push([key({ type: "string", value: k }), value(v)]);
        if (type.kind === "MAP") return new MapValue(entries);
        // MULTISET: each element once per occurrence.
        const out: Value[] = [];
        for (const [k, count] of entries)
          for (let i = 0; i < ((count as number | null) ?? 0); i++) out.push(k);
        return out;
      };
    }
    case "ROW":
      return rowConverter(type, config);
    default:
      throw new JsonDecodeError(`Unsupported type: ${typeToString(type)}`);
  }
}

function rowConverter(
  type: Extract<LogicalType, { kind: "ROW" }>,
  config: JsonDecodingConfig,
): (node: JsonNode) => Value[] {
  const names = type.fields.map((f) => f.name);
  const converters = type.fields.map((f) => createJsonToRowConverter(f.type, config));
  return (n) => {
    if (n.type !== "object")
      throw new JsonDecodeError(`expected a JSON object for a ROW, got ${n.type}`);
    const values: Value[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const field = n.fields.get(names[i]);
      try {
        if (field === undefined && config.failOnMissingField) {
          throw new JsonDecodeError(`Could not find field with name '${names[i]}'.`);
        }
        values[i] = converters[i](field);
      } catch (e) {
        throw new JsonDecodeError(
          `Fail to deserialize at field: ${names[i]}. ${(e as Error).message}`,
          names[i],
        );
      }
    }
    return values;
  };
}
