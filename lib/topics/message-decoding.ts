/**
 * How the topic browser shows a record's key, value and headers: raw (UTF-8 text and hex), or
 * decoded by a format. With columns (`id BIGINT, name STRING`, or a table's), the format's own
 * deserializer (lib/formats) decodes them, with the format's options, exactly as a source table
 * would; without, json is parsed as JSON and csv split into fields. Browser-safe.
 */
import { z } from "zod";
import { formatIdentifiers, getFormatFactory } from "@/lib/formats/registry";
import type { RowDeserializer } from "@/lib/formats/format";
import { parseDataTypeText } from "@/lib/sql/parser";
import { javaString } from "@/lib/runtime/sinks/print-format";
import {
  Decimal,
  MapValue,
  Timestamp,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";

/** `none` (raw bytes, text and hex) or any registered format. */
export const DECODE_FORMATS = ["none", ...formatIdentifiers()] as [string, ...string[]];

/** What the browser's format pickers offer, and whether a format reads the columns field. */
export interface DecodeFormatChoice {
  format: string;
  /** False for none and for a format whose record is one value (raw): the columns are ignored. */
  columns: boolean;
}

export function decodeFormatChoices(): DecodeFormatChoice[] {
  return DECODE_FORMATS.map((format) => ({
    format,
    columns: format !== "none" && getFormatFactory(format)?.schemaless !== "text",
  }));
}

export const decodeSpec = z.object({
  format: z.enum(DECODE_FORMATS),
  /** The fields, as in CREATE TABLE: `id BIGINT, name STRING`. Needed for avro. */
  columns: z.string().max(20_000).optional(),
  /** The format's options without its prefix, e.g. {"field-delimiter": ";"}. */
  options: z.record(z.string(), z.string()).optional(),
});
export type DecodeSpec = z.output<typeof decodeSpec>;

/** Bytes as a reader sees them: text when they are UTF-8, hex always. */
export interface RawBytes {
  text: string | null;
  hex: string;
  size: number;
  /** Only the first MAX_SHOWN bytes are in text/hex. */
  truncated: boolean;
}

export interface DecodedPart {
  raw: RawBytes | null;
  /** The decoded value (plain JSON: numbers, strings, objects) — what filters see. */
  decoded?: unknown;
  /** Each column as Flink prints it, when decoded with columns. */
  cells?: Record<string, string>;
  error?: string;
}

export const MAX_SHOWN = 64 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function rawBytes(bytes: Uint8Array | null | undefined): RawBytes | null {
  if (bytes === null || bytes === undefined) return null;
  const shown = bytes.length > MAX_SHOWN ? bytes.subarray(0, MAX_SHOWN) : bytes;
  let text: string | null;
  try {
    text = utf8.decode(shown);
  } catch {
    text = null;
  }
  let hex = "";
  for (const b of shown) hex += b.toString(16).padStart(2, "0");
  return { text, hex, size: bytes.length, truncated: shown !== bytes };
}

/** A format's Value as plain JSON data (for filters and display). */
export function plainValue(v: Value, type?: LogicalType): unknown {
  if (v === null) return null;
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  if (v instanceof Decimal) return v.toString();
  if (v instanceof Timestamp)
    return type ? javaString(v, type) : new Date(v.epochMillis).toISOString();
  if (v instanceof Uint8Array) return rawBytes(v)?.hex ?? "";
  if (v instanceof MapValue)
    return Object.fromEntries(
      v.entries.map(([k, x]) => [
        String(plainValue(k, type?.kind === "MAP" ? type.key : undefined)),
        plainValue(x, type?.kind === "MAP" ? type.value : undefined),
      ]),
    );
  if (Array.isArray(v)) {
    if (type?.kind === "ROW")
      return Object.fromEntries(
        type.fields.map((f, i) => [f.name, plainValue(v[i] ?? null, f.type)]),
      );
    const element = type?.kind === "ARRAY" || type?.kind === "MULTISET" ? type.element : undefined;
    return v.map((e) => plainValue(e, element));
  }
  if (typeof v === "number" && type && (type.kind === "DATE" || type.kind === "TIME"))
    return javaString(v, type);
  return v;
}

export interface PartDecoder {
  decode(bytes: Uint8Array | null): DecodedPart;
}

/** A decoder for one part (key or value), or a message saying what is wrong with the spec. */
export function createPartDecoder(
  spec: DecodeSpec,
  part: "key" | "value",
  topic: string,
): PartDecoder | { error: string } {
  if (spec.format === "none") return { decode: (bytes) => ({ raw: rawBytes(bytes) }) };
  const columns = spec.columns?.trim() ?? "";
  if (columns === "") return schemalessDecoder(spec.format);
  const parsed = parseDataTypeText(`ROW<${columns}>`);
  if (
    !parsed.type ||
    parsed.type.kind !== "ROW" ||
    parsed.diagnostics.some((d) => d.severity === "error")
  ) {
    const first = parsed.diagnostics.find((d) => d.severity === "error");
    return {
      error: `The columns are not a field list (name TYPE, …): ${first?.message ?? "unreadable"}`,
    };
  }
  const rowType = parsed.type;
  const factory = getFormatFactory(spec.format);
  if (!factory) return { error: `Unknown format '${spec.format}'.` };
  const ctx = { options: new Map(Object.entries(spec.options ?? {})), rowType, part, topic };
  const problems = factory.validate(ctx).filter((i) => i.severity === "error");
  if (problems.length > 0) return { error: problems.map((p) => p.message).join(" ") };
  let deserializer: RowDeserializer;
  try {
    deserializer = factory.createDeserializer(ctx);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return {
    decode(bytes) {
      const raw = rawBytes(bytes);
      if (bytes === null) return { raw, decoded: null };
      try {
        const rows = deserializer.deserialize(bytes);
        const objects = rows.map((r) =>
          Object.fromEntries(
            rowType.fields.map((f, i) => [f.name, plainValue(r.values[i] ?? null, f.type)]),
          ),
        );
        const first = rows[0];
        const cells = first
          ? Object.fromEntries(
              rowType.fields.map((f, i) => [f.name, javaString(first.values[i] ?? null, f.type)]),
            )
          : undefined;
        return {
          raw,
          decoded: objects.length === 1 ? objects[0] : objects,
          ...(cells ? { cells } : {}),
        };
      } catch (e) {
        return { raw, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

function schemalessDecoder(format: string): PartDecoder | { error: string } {
  switch (getFormatFactory(format)?.schemaless) {
    case "text":
      return {
        decode: (bytes) => {
          const raw = rawBytes(bytes);
          return { raw, decoded: raw ? (raw.text ?? raw.hex) : null };
        },
      };
    case "json-value":
      return {
        decode: (bytes) => {
          const raw = rawBytes(bytes);
          if (!raw) return { raw, decoded: null };
          if (raw.text === null)
            return { raw, error: "The bytes are not UTF-8 text, so not JSON." };
          try {
            return { raw, decoded: JSON.parse(raw.text) };
          } catch (e) {
            return { raw, error: `Not JSON: ${e instanceof Error ? e.message : String(e)}` };
          }
        },
      };
    case "csv-line":
      return {
        decode: (bytes) => {
          const raw = rawBytes(bytes);
          if (!raw) return { raw, decoded: null };
          if (raw.text === null) return { raw, error: "The bytes are not UTF-8 text, so not CSV." };
          return { raw, decoded: splitCsvLine(raw.text.replace(/\r?\n$/, "")) };
        },
      };
    default:
      return {
        error: `Decoding ${format} needs the columns (name TYPE, …) that define its schema.`,
      };
  }
}

/** RFC 4180 fields of one line: `"` quotes, `""` inside quotes. */
export function splitCsvLine(line: string, delimiter = ","): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}
