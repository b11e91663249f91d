/**
 * Avro's JSON encoding (`'avro.encoding' = 'json'`), as Avro Java's JsonEncoder writes a datum
 * with Jackson: unions as {"<branch>": value} (null stays null), bytes as an ISO-8859-1 string,
 * floats as Java prints them. Flink reuses one encoder per serializer, and Jackson's
 * MinimalPrettyPrinter writes its root-value separator (a line feed) before every root value but
 * the first, so every record after the first one starts with "\n".
 */
import { javaDoubleToString, javaFloatToString } from "@/lib/formats/common/java-number";
import { quoteJson, type JsonNode } from "@/lib/formats/json/json-node";
import type { AvroDatum } from "./avro-binary";
import type { AvroSchema } from "./avro-schema";
import { unionBranchIndex } from "./avro-union";

export class AvroJsonError extends Error {}

function branchName(s: AvroSchema): string {
  if (typeof s === "string") return s;
  if (Array.isArray(s)) return "union";
  return s.type === "record" ? s.name : s.type;
}

function floating(text: string, v: number): string {
  return Number.isFinite(v) ? text : `"${text}"`;
}

export function writeAvroJson(schema: AvroSchema, v: AvroDatum): string {
  if (Array.isArray(schema)) {
    const index = unionBranchIndex(schema, v);
    if (index < 0) throw new AvroJsonError(`Not in union ${JSON.stringify(schema)}: ${String(v)}`);
    const branch = schema[index];
    if (branch === "null") return "null";
    return `{${quoteJson(branchName(branch))}:${writeAvroJson(branch, v)}}`;
  }
  const t = typeof schema === "string" ? schema : schema.type;
  if (v === null && t !== "null") throw new AvroJsonError(`null value for (non-nullable) ${t}`);
  switch (t) {
    case "null":
      return "null";
    case "boolean":
      return v ? "true" : "false";
    case "int":
    case "long":
      return String(v);
    case "float":
      return floating(javaFloatToString(Math.fround(v as number)), v as number);
    case "double":
      return floating(javaDoubleToString(v as number), v as number);
    case "string":
      return quoteJson(v as string);
    case "bytes": {
      let s = "";
      for (const b of v as Uint8Array) s += String.fromCharCode(b);
      return quoteJson(s);
    }
    case "record": {
      const rec = schema as Extract<AvroSchema, { type: "record" }>;
      const obj = v as { [f: string]: AvroDatum };
      return (
        "{" +
        rec.fields
          .map((f) => quoteJson(f.name) + ":" + writeAvroJson(f.type, obj[f.name] ?? null))
          .join(",") +
        "}"
      );
    }
    case "array": {
      const items = (schema as Extract<AvroSchema, { type: "array" }>).items;
      return "[" + (v as AvroDatum[]).map((x) => writeAvroJson(items, x)).join(",") + "]";
    }
    case "map": {
      const values = (schema as Extract<AvroSchema, { type: "map" }>).values;
      return (
        "{" +
        (v as { map: Array<[string, AvroDatum]> }).map
          .map(([k, x]) => quoteJson(k) + ":" + writeAvroJson(values, x))
          .join(",") +
        "}"
      );
    }
    default:
      throw new AvroJsonError(`unsupported Avro type ${String(t)}`);
  }
}

export function readAvroJson(schema: AvroSchema, node: JsonNode): AvroDatum {
  if (Array.isArray(schema)) {
    if (node.type === "null") return null;
    if (node.type !== "object" || node.fields.size !== 1)
      throw new AvroJsonError("Expected a union branch object");
    const [name, inner] = node.fields.entries().next().value as [string, JsonNode];
    const branch = schema.find((s) => branchName(s) === name);
    if (branch === undefined) throw new AvroJsonError(`Unknown union branch ${name}`);
    return readAvroJson(branch, inner);
  }
  const t = typeof schema === "string" ? schema : schema.type;
  const want = (type: JsonNode["type"]) => {
    if (node.type !== type)
      throw new AvroJsonError(`Expected ${t}. Got ${node.type.toUpperCase()}`);
  };
  switch (t) {
    case "null":
      want("null");
      return null;
    case "boolean":
      want("boolean");
      return (node as { value: boolean }).value;
    case "int":
      want("number");
      return Number((node as { text: string }).text);
    case "long":
      want("number");
      return BigInt((node as { text: string }).text);
    case "float":
    case "double":
      if (node.type === "string" && /^(NaN|-?Infinity)$/.test(node.value))
        return Number(node.value);
      want("number");
      return Number((node as { text: string }).text);
    case "string":
      want("string");
      return (node as { value: string }).value;
    case "bytes": {
      want("string");
      const s = (node as { value: string }).value;
      const out = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
      return out;
    }
    case "record": {
      want("object");
      const fields = (node as { fields: Map<string, JsonNode> }).fields;
      const out: { [f: string]: AvroDatum } = {};
      for (const f of (schema as Extract<AvroSchema, { type: "record" }>).fields) {
        const n = fields.get(f.name);
        out[f.name] = n === undefined ? null : readAvroJson(f.type, n);
      }
      return out;
    }
    case "array": {
      want("array");
      const items = (schema as Extract<AvroSchema, { type: "array" }>).items;
      return (node as { items: JsonNode[] }).items.map((n) => readAvroJson(items, n));
    }
    case "map": {
      want("object");
      const values = (schema as Extract<AvroSchema, { type: "map" }>).values;
      return {
        map: [...(node as { fields: Map<string, JsonNode> }).fields].map(
          ([k, n]) => [k, readAvroJson(values, n)] as [string, AvroDatum],
        ),
      };
    }
    default:
      throw new AvroJsonError(`unsupported Avro type ${String(t)}`);
  }
}
