/**
 * Parses an Avro schema's JSON (as a schema registry returns it) into the AvroSchema model,
 * inlining references to named types so the datum reader can walk it without a name table.
 */
import type { AvroField, AvroSchema } from "./avro-schema";

export class AvroSchemaParseError extends Error {}

const PRIMITIVES = new Set([
  "null",
  "boolean",
  "int",
  "long",
  "float",
  "double",
  "bytes",
  "string",
]);

export function parseAvroSchema(json: string): AvroSchema {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new AvroSchemaParseError(`Schema is not valid JSON: ${(e as Error).message}`);
  }
  return convert(raw, new Map(), undefined);
}

function fullName(name: string, namespace: string | undefined): string {
  return name.includes(".") || !namespace ? name : `${namespace}.${name}`;
}

function convert(
  raw: unknown,
  names: Map<string, AvroSchema>,
  namespace: string | undefined,
): AvroSchema {
  if (typeof raw === "string") {
    if (PRIMITIVES.has(raw)) return raw as AvroSchema;
    const named = names.get(fullName(raw, namespace)) ?? names.get(raw);
    if (!named) throw new AvroSchemaParseError(`Undefined name: "${raw}"`);
    return named;
  }
  if (Array.isArray(raw)) return raw.map((r) => convert(r, names, namespace));
  if (raw === null || typeof raw !== "object")
    throw new AvroSchemaParseError(`Not a schema: ${JSON.stringify(raw)}`);
  const o = raw as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== "string") return convert(type, names, namespace);
  const ns = typeof o.namespace === "string" ? o.namespace : namespace;
  switch (type) {
    case "record":
    case "error": {
      const name = fullName(String(o.name), ns);
      const recordNs = name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : undefined;
      const fields: AvroField[] = [];
      const record: AvroSchema = { type: "record", name, fields };
      names.set(name, record);
      for (const f of (o.fields as Array<Record<string, unknown>>) ?? []) {
        const field: AvroField = { name: String(f.name), type: convert(f.type, names, recordNs) };
        if ("default" in f && f.default === null) field.default = null;
        fields.push(field);
      }
      return record;
    }
    case "enum": {
      const s: AvroSchema = {
        type: "enum",
        name: fullName(String(o.name), ns),
        symbols: (o.symbols as string[]) ?? [],
      };
      names.set(s.name, s);
      return s;
    }
    case "fixed": {
      const s: AvroSchema = {
        type: "fixed",
        name: fullName(String(o.name), ns),
        size: Number(o.size),
      };
      if (typeof o.logicalType === "string") {
        const withLogical: AvroSchema = {
          type: "fixed",
          name: s.name,
          size: s.size,
          logicalType: o.logicalType,
          precision: o.precision as number,
          scale: o.scale as number,
        };
        names.set(s.name, withLogical);
        return withLogical;
      }
      names.set(s.name, s);
      return s;
    }
    case "array":
      return { type: "array", items: convert(o.items, names, ns) };
    case "map":
      return { type: "map", values: convert(o.values, names, ns) };
    default:
      if (
        PRIMITIVES.has(type) &&
        typeof o.logicalType === "string" &&
        type !== "null" &&
        type !== "boolean" &&
        type !== "float" &&
        type !== "double"
      ) {
        const s: AvroSchema = {
          type: type as "int" | "long" | "bytes" | "string",
          logicalType: o.logicalType,
        };
        if (typeof o.precision === "number") s.precision = o.precision;
        if (typeof o.scale === "number") s.scale = o.scale;
        return s;
      }
      return convert(type, names, ns);
  }
}
