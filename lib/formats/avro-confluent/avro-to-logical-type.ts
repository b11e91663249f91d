/**
 * AvroSchemaConverter.convertToDataType (Flink 1.20): the Flink type of an Avro schema, used to
 * check that `avro-confluent.schema` matches the table, as RegistryAvroFormatFactory does.
 */
import { MAX_LENGTH, type LogicalType } from "@/lib/types/logical-type";
import type { AvroSchema } from "@/lib/formats/avro/avro-schema";

export class AvroTypeError extends Error {}

export function avroToLogicalType(schema: AvroSchema, legacyTimestampMapping = true): LogicalType {
  if (Array.isArray(schema)) {
    const nonNull = schema.filter((s) => s !== "null");
    if (nonNull.length === 0) return { kind: "NULL", nullable: true };
    if (nonNull.length === 1)
      return {
        ...avroToLogicalType(nonNull[0], legacyTimestampMapping),
        nullable: schema.length > 1,
      } as LogicalType;
    throw new AvroTypeError(
      `Unsupported Avro union with several non-null branches: ${JSON.stringify(schema)}`,
    );
  }
  const nn = false;
  if (typeof schema === "string") {
    switch (schema) {
      case "null":
        return { kind: "NULL", nullable: true };
      case "boolean":
        return { kind: "BOOLEAN", nullable: nn };
      case "int":
        return { kind: "INT", nullable: nn };
      case "long":
        return { kind: "BIGINT", nullable: nn };
      case "float":
        return { kind: "FLOAT", nullable: nn };
      case "double":
        return { kind: "DOUBLE", nullable: nn };
      case "bytes":
        return { kind: "VARBINARY", nullable: nn, length: MAX_LENGTH };
      case "string":
        return { kind: "VARCHAR", nullable: nn, length: MAX_LENGTH };
    }
  }
  const s = schema as Exclude<AvroSchema, string | AvroSchema[]>;
  switch (s.type) {
    case "record":
      return {
        kind: "ROW",
        nullable: nn,
        fields: s.fields.map((f) => ({
          name: f.name,
          type: avroToLogicalType(f.type, legacyTimestampMapping),
        })),
      };
    case "enum":
      return { kind: "VARCHAR", nullable: nn, length: MAX_LENGTH };
    case "array":
      return {
        kind: "ARRAY",
        nullable: nn,
        element: avroToLogicalType(s.items, legacyTimestampMapping),
      };
    case "map":
      return {
        kind: "MAP",
        nullable: nn,
        key: { kind: "VARCHAR", nullable: false, length: MAX_LENGTH },
        value: avroToLogicalType(s.values, legacyTimestampMapping),
      };
  }
  const withLogical = s as {
    logicalType?: string;
    precision?: number;
    scale?: number;
    size?: number;
  };
  const logical = withLogical.logicalType;
  if (logical === "decimal")
    return {
      kind: "DECIMAL",
      nullable: nn,
      precision: withLogical.precision ?? 0,
      scale: withLogical.scale ?? 0,
    };
  switch (s.type) {
    case "fixed":
      return { kind: "VARBINARY", nullable: nn, length: withLogical.size ?? MAX_LENGTH };
    case "int":
      if (logical === "date") return { kind: "DATE", nullable: nn };
      if (logical === "time-millis") return { kind: "TIME", nullable: nn, precision: 3 };
      return { kind: "INT", nullable: nn };
    case "long":
      if (logical === "time-micros") return { kind: "TIME", nullable: nn, precision: 6 };
      if (logical === "timestamp-millis" || logical === "timestamp-micros") {
        const precision = logical === "timestamp-millis" ? 3 : 6;
        return legacyTimestampMapping
          ? { kind: "TIMESTAMP", nullable: nn, precision }
          : { kind: "TIMESTAMP_LTZ", nullable: nn, precision };
      }
      if (logical === "local-timestamp-millis" || logical === "local-timestamp-micros") {
        return {
          kind: "TIMESTAMP",
          nullable: nn,
          precision: logical === "local-timestamp-millis" ? 3 : 6,
        };
      }
      return { kind: "BIGINT", nullable: nn };
    case "bytes":
      return { kind: "VARBINARY", nullable: nn, length: MAX_LENGTH };
    case "string":
      return { kind: "VARCHAR", nullable: nn, length: MAX_LENGTH };
    default:
      throw new AvroTypeError(`Unsupported Avro type ${JSON.stringify(s)}.`);
  }
}
