/**
 * RowDataToAvroConverters / AvroToRowDataConverters (Flink 1.20): Flink values to the generic
 * Avro datum the schema from avro-schema.ts describes, and back. Reading resolves a writer's
 * record against the table's fields by name, as Avro's ResolvingDecoder does for the usual
 * evolutions (added/removed nullable fields, reordered fields, int→long→float→double promotion).
 */
import {
  Decimal,
  MapValue,
  Timestamp,
  typeToString,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";
import type { AvroDatum } from "./avro-binary";
import type { AvroSchema } from "./avro-schema";

export class AvroConvertError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type ToAvro = (v: Value) => AvroDatum;

/** BigInteger.toByteArray(): minimal two's-complement big-endian bytes. */
export function unscaledBytes(unscaled: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = unscaled;
  for (;;) {
    const b = Number(BigInt.asUintN(8, v));
    bytes.unshift(b);
    v >>= 8n;
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return new Uint8Array(bytes);
}

export function fromUnscaledBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return BigInt.asIntN(bytes.length * 8, v);
}

function timestampToLong(ts: Timestamp, micros: boolean): bigint {
  const millis = BigInt(ts.epochMillis);
  return micros ? millis * 1000n + BigInt(Math.floor(ts.nanoOfMillisecond / 1000)) : millis;
}

export function createToAvro(type: LogicalType, legacyTimestampMapping: boolean): ToAvro {
  const inner = notNullToAvro(type, legacyTimestampMapping);
  return (v) => (v === null ? null : inner(v));
}

function notNullToAvro(type: LogicalType, legacy: boolean): ToAvro {
  switch (type.kind) {
    case "NULL":
      return () => null;
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "FLOAT":
    case "DOUBLE":
    case "CHAR":
    case "VARCHAR":
    case "BINARY":
    case "VARBINARY":
    case "DATE":
    case "TIME":
      return (v) => v as AvroDatum;
    case "BIGINT":
      return (v) => BigInt(v as bigint | number);
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ": {
      const micros = !legacy && type.precision > 3;
      return (v) => timestampToLong(v as Timestamp, micros);
    }
    case "DECIMAL":
      return (v) => unscaledBytes((v as Decimal).unscaled);
    case "ARRAY": {
      const element = createToAvro(type.element, legacy);
      return (v) => (v as Value[]).map(element);
    }
    case "MAP": {
      const value = createToAvro(type.value, legacy);
      return (v) => ({
        map: (v as MapValue).entries.map(
          ([k, x]) => [k as string, value(x)] as [string, AvroDatum],
        ),
      });
    }
    case "MULTISET":
      return (v) => {
        const counts = new Map<string, number>();
        for (const e of v as Value[]) counts.set(e as string, (counts.get(e as string) ?? 0) + 1);
        return { map: [...counts.entries()] };
      };
    case "ROW": {
      const fields = type.fields.map((f) => ({
        name: f.name,
        convert: createToAvro(f.type, legacy),
      }));
      return (v) => {
        const row = v as Value[];
        const out: { [field: string]: AvroDatum } = {};
        fields.forEach((f, i) => {
          try {
            out[f.name] = f.convert(row[i] ?? null);
          } catch (e) {
            throw new AvroConvertError(
              `Fail to serialize at field: ${f.name}. ${(e as Error).message}`,
              f.name,
            );
          }
        });
        return out;
      };
    }
    default:
      throw new AvroConvertError(`Unsupported to derive Schema for type: ${typeToString(type)}`);
  }
}

// ---- reading ------------------------------------------------------------------------------

export type FromAvro = (d: AvroDatum) => Value;

function nonNullBranch(schema: AvroSchema | undefined): AvroSchema | undefined {
  if (Array.isArray(schema)) return schema.find((s) => s !== "null");
  return schema;
}

function logicalTypeOf(schema: AvroSchema | undefined): string | undefined {
  const s = nonNullBranch(schema);
  return s !== undefined && typeof s === "object" && !Array.isArray(s) && "logicalType" in s
    ? s.logicalType
    : undefined;
}

/** `writer` is the schema the datum was written with (the table's own for plain avro). */
export function createFromAvro(type: LogicalType, writer: AvroSchema | undefined): FromAvro {
  const inner = notNullFromAvro(type, nonNullBranch(writer));
  return (d) => (d === null || d === undefined ? null : inner(d));
}

function num(d: AvroDatum): number {
  return typeof d === "bigint" ? Number(d) : (d as number);
}

function notNullFromAvro(type: LogicalType, writer: AvroSchema | undefined): FromAvro {
  const logical = logicalTypeOf(writer);
  switch (type.kind) {
    case "NULL":
      return () => null;
    case "BOOLEAN":
      return (d) => d as boolean;
    case "TINYINT":
      return (d) => (num(d) << 24) >> 24;
    case "SMALLINT":
      return (d) => (num(d) << 16) >> 16;
    case "INT":
      return (d) => num(d);
    case "BIGINT":
      return (d) => BigInt(d as bigint | number);
    case "FLOAT":
      return (d) => Math.fround(num(d));
    case "DOUBLE":
      return (d) => num(d);
    case "CHAR":
    case "VARCHAR":
      return (d) =>
        typeof d === "string"
          ? d
          : d instanceof Uint8Array
            ? new TextDecoder().decode(d)
            : String(d);
    case "BINARY":
    case "VARBINARY":
      return (d) => (typeof d === "string" ? new TextEncoder().encode(d) : (d as Uint8Array));
    case "DATE":
      return (d) => num(d);
    case "TIME":
      return (d) => (logical === "time-micros" ? Math.floor(num(d) / 1000) : num(d));
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ": {
      const micros = logical === "timestamp-micros" || logical === "local-timestamp-micros";
      return (d) => {
        const v = BigInt(d as bigint | number);
        if (!micros) return new Timestamp(Number(v));
        const millis = v >= 0n ? v / 1000n : -((-v + 999n) / 1000n);
        return new Timestamp(Number(millis), Number(v - millis * 1000n) * 1000);
      };
    }
    case "DECIMAL":
      return (d) => new Decimal(fromUnscaledBytes(d as Uint8Array), type.scale);
    case "ARRAY": {
      const w =
        writer !== undefined &&
        typeof writer === "object" &&
        !Array.isArray(writer) &&
        writer.type === "array"
          ? writer.items
          : undefined;
      const element = createFromAvro(type.element, w);
      return (d) => (d as AvroDatum[]).map(element);
    }
    case "MAP":
    case "MULTISET": {
      const w =
        writer !== undefined &&
        typeof writer === "object" &&
        !Array.isArray(writer) &&
        writer.type === "map"
          ? writer.values
          : undefined;
      if (type.kind === "MULTISET") {
        return (d) => {
          const out: Value[] = [];
          for (const [k, count] of (d as { map: Array<[string, AvroDatum]> }).map)
            for (let i = 0; i < num(count ?? 0); i++) out.push(k);
          return out;
        };
      }
      const value = createFromAvro(type.value, w);
      return (d) =>
        new MapValue((d as { map: Array<[string, AvroDatum]> }).map.map(([k, x]) => [k, value(x)]));
    }
    case "ROW": {
      const wf =
        writer !== undefined &&
        typeof writer === "object" &&
        !Array.isArray(writer) &&
        writer.type === "record"
          ? new Map(writer.fields.map((f) => [f.name, f.type]))
          : undefined;
      const fields = type.fields.map((f) => ({
        name: f.name,
        convert: createFromAvro(f.type, wf?.get(f.name)),
      }));
      return (d) => {
        const rec = d as { [field: string]: AvroDatum };
        return fields.map((f) => {
          try {
            return f.convert(rec[f.name] ?? null);
          } catch (e) {
            throw new AvroConvertError(
              `Fail to deserialize at field: ${f.name}. ${(e as Error).message}`,
              f.name,
            );
          }
        });
      };
    }
    default:
      throw new AvroConvertError(`Unsupported type: ${typeToString(type)}`);
  }
}
