/**
 * Flink's AvroSchemaConverter.convertToSchema (1.20): the Avro schema Flink derives from a
 * table's row type, and Avro Java's Schema.toString() JSON of it (what avro-confluent registers).
 *
 * Rules pinned from the converter: top-level record `org.apache.flink.avro.generated.record`,
 * nested rows named `<parent name>_<field>`, a nullable type becomes the union ["null", T] and a
 * nullable record field gets `"default": null`; TINYINT/SMALLINT/INT are int; DATE is int/date;
 * TIME(p<=3) int/time-millis; DECIMAL bytes/decimal; with the default legacy timestamp mapping
 * TIMESTAMP(p<=3) is long/timestamp-millis and TIMESTAMP_LTZ is unsupported; with
 * `timestamp_mapping.legacy` = false TIMESTAMP is local-timestamp-millis/-micros and
 * TIMESTAMP_LTZ timestamp-millis/-micros (p<=6). MAP/MULTISET need string keys.
 */
import { typeToString, type LogicalType } from "@/lib/types/logical-type";

export type AvroSchema =
  | "null"
  | "boolean"
  | "int"
  | "long"
  | "float"
  | "double"
  | "bytes"
  | "string"
  | {
      type: "int" | "long" | "bytes" | "string" | "fixed";
      logicalType: string;
      precision?: number;
      scale?: number;
      size?: number;
      name?: string;
    }
  | { type: "record"; name: string; fields: AvroField[] }
  | { type: "enum"; name: string; symbols: string[] }
  | { type: "fixed"; name: string; size: number }
  | { type: "array"; items: AvroSchema }
  | { type: "map"; values: AvroSchema }
  | AvroSchema[];

export interface AvroField {
  name: string;
  type: AvroSchema;
  /** Present (as null) for nullable fields: Flink's withDefault(null). */
  default?: null;
}

export const DEFAULT_RECORD_NAME = "org.apache.flink.avro.generated.record";

export class AvroSchemaError extends Error {}

export function convertToSchema(
  type: LogicalType,
  legacyTimestampMapping = true,
  rowName = DEFAULT_RECORD_NAME,
): AvroSchema {
  const nullable = (s: AvroSchema): AvroSchema => (type.nullable ? ["null", s] : s);
  switch (type.kind) {
    case "NULL":
      return "null";
    case "BOOLEAN":
      return nullable("boolean");
    case "TINYINT":
    case "SMALLINT":
    case "INT":
      return nullable("int");
    case "BIGINT":
      return nullable("long");
    case "FLOAT":
      return nullable("float");
    case "DOUBLE":
      return nullable("double");
    case "CHAR":
    case "VARCHAR":
      return nullable("string");
    case "BINARY":
    case "VARBINARY":
      return nullable("bytes");
    case "TIMESTAMP": {
      const p = type.precision;
      if (legacyTimestampMapping) {
        if (p > 3) {
          throw new AvroSchemaError(
            `Avro does not support TIMESTAMP type with precision: ${p}, it only supports precision less than 3.`,
          );
        }
        return nullable({ type: "long", logicalType: "timestamp-millis" });
      }
      if (p > 6) {
        throw new AvroSchemaError(
          `Avro does not support LOCAL TIMESTAMP type with precision: ${p}, it only supports precision less than 6.`,
        );
      }
      return nullable({
        type: "long",
        logicalType: p <= 3 ? "local-timestamp-millis" : "local-timestamp-micros",
      });
    }
    case "TIMESTAMP_LTZ": {
      if (legacyTimestampMapping)
        throw new AvroSchemaError(`Unsupported to derive Schema for type: ${typeToString(type)}`);
      const p = type.precision;
      if (p > 6) {
        throw new AvroSchemaError(
          `Avro does not support TIMESTAMP type with precision: ${p}, it only supports precision less than 6.`,
        );
      }
      return nullable({
        type: "long",
        logicalType: p <= 3 ? "timestamp-millis" : "timestamp-micros",
      });
    }
    case "DATE":
      return nullable({ type: "int", logicalType: "date" });
    case "TIME":
      if (type.precision > 3) {
        throw new AvroSchemaError(
          `Avro does not support TIME type with precision: ${type.precision}, it only supports precision less than 3.`,
        );
      }
      return nullable({ type: "int", logicalType: "time-millis" });
    case "DECIMAL":
      return nullable({
        type: "bytes",
        logicalType: "decimal",
        precision: type.precision,
        scale: type.scale,
      });
    case "ROW":
      return nullable({
        type: "record",
        name: rowName,
        fields: type.fields.map((f) => {
          const field: AvroField = {
            name: f.name,
            type: convertToSchema(f.type, legacyTimestampMapping, `${rowName}_${f.name}`),
          };
          if (f.type.nullable) field.default = null;
          return field;
        }),
      });
    case "MAP":
    case "MULTISET": {
      const key = type.kind === "MAP" ? type.key : type.element;
      if (key.kind !== "CHAR" && key.kind !== "VARCHAR") {
        throw new AvroSchemaError(
          `Avro format doesn't support non-string as key type of map. The key type is: ${typeToString(key)}`,
        );
      }
      const value: LogicalType =
        type.kind === "MAP" ? type.value : { kind: "INT", nullable: false };
      return nullable({
        type: "map",
        values: convertToSchema(value, legacyTimestampMapping, rowName),
      });
    }
    case "ARRAY":
      return nullable({
        type: "array",
        items: convertToSchema(type.element, legacyTimestampMapping, rowName),
      });
    default:
      throw new AvroSchemaError(`Unsupported to derive Schema for type: ${typeToString(type)}`);
  }
}

/** The top-level schema for a table's physical row (Flink's physical row type is NOT NULL). */
export function convertRowToSchema(
  rowType: Extract<LogicalType, { kind: "ROW" }>,
  legacyTimestampMapping = true,
  rowName = DEFAULT_RECORD_NAME,
): AvroSchema {
  return convertToSchema({ ...rowType, nullable: false }, legacyTimestampMapping, rowName);
}

/**
 * Avro Java's Schema.toString(): compact JSON, record names split into name + namespace, nested
 * records in the same namespace written by short name.
 */
export function schemaToJson(schema: AvroSchema): string {
  return write(schema, undefined);
}

function splitName(full: string): { name: string; namespace?: string } {
  const dot = full.lastIndexOf(".");
  return dot < 0 ? { name: full } : { name: full.slice(dot + 1), namespace: full.slice(0, dot) };
}

function write(s: AvroSchema, enclosingNamespace: string | undefined): string {
  if (typeof s === "string") return JSON.stringify(s);
  if (Array.isArray(s)) return "[" + s.map((x) => write(x, enclosingNamespace)).join(",") + "]";
  switch (s.type) {
    case "record": {
      const { name, namespace } = splitName(s.name);
      let out = `{"type":"record","name":${JSON.stringify(name)}`;
      if (namespace !== undefined && namespace !== enclosingNamespace)
        out += `,"namespace":${JSON.stringify(namespace)}`;
      const fields = s.fields.map((f) => {
        let field = `{"name":${JSON.stringify(f.name)},"type":${write(f.type, namespace)}`;
        if ("default" in f) field += `,"default":null`;
        return field + "}";
      });
      return out + `,"fields":[${fields.join(",")}]}`;
    }
    case "array":
      return `{"type":"array","items":${write(s.items, enclosingNamespace)}}`;
    case "map":
      return `{"type":"map","values":${write(s.values, enclosingNamespace)}}`;
    case "enum":
    case "fixed":
      // Only schemas read from a registry contain these; they are never registered by us.
      return JSON.stringify(s);
    default: {
      let out = `{"type":${JSON.stringify(s.type)},"logicalType":${JSON.stringify(s.logicalType)}`;
      if (s.precision !== undefined) out += `,"precision":${s.precision},"scale":${s.scale ?? 0}`;
      return out + "}";
    }
  }
}
