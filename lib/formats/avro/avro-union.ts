/**
 * Which branch of a union a value is written as — one rule for the binary and the JSON encodings
 * (Avro's GenericData#resolveUnion: the first branch whose type the datum has). Flink's derived
 * schemas only put a type beside "null" (a nullable column), so the order rarely matters; a
 * hand-written schema with several branches gets the first that fits.
 */
import type { AvroDatum } from "./avro-binary";
import type { AvroSchema } from "./avro-schema";

function branchType(schema: AvroSchema): string {
  if (typeof schema === "string") return schema;
  if (Array.isArray(schema)) return "union";
  return schema.type;
}

const isObject = (v: AvroDatum): v is Exclude<AvroDatum, null> & object =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);

export function matchesBranch(schema: AvroSchema, v: AvroDatum): boolean {
  switch (branchType(schema)) {
    case "null":
      return v === null;
    case "boolean":
      return typeof v === "boolean";
    case "int":
    case "float":
    case "double":
      return typeof v === "number";
    case "long":
      return typeof v === "bigint" || typeof v === "number";
    case "string":
      return typeof v === "string";
    case "bytes":
      return v instanceof Uint8Array;
    case "array":
      return Array.isArray(v);
    case "map":
      return isObject(v) && "map" in v && Array.isArray((v as { map: unknown }).map);
    case "record":
      return isObject(v);
    default:
      return false;
  }
}

/** The index of the first branch the value fits, or -1. */
export function unionBranchIndex(union: readonly AvroSchema[], v: AvroDatum): number {
  return union.findIndex((branch) => matchesBranch(branch, v));
}
