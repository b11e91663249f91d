/**
 * The topic browser's server-side filters, over a record as decoded (key, value, headers,
 * partition, offset, timestamp): a plain text that must occur (case-insensitive) in the key,
 * value or a header, and/or a JavaScript expression evaluated per record in the isolated-vm
 * sandbox (lib/sandbox). Both given: a record must pass both. Browser-safe (the spec and the text
 * match; the sandbox is server-only).
 */
import { z } from "zod";

export const messageFilter = z.object({
  text: z.string().max(1000).optional(),
  /** e.g. `value.amount > 100 && headers.source === "web"`. */
  expression: z.string().max(10_000).optional(),
  /** Only records with a timestamp within [from, to] (epoch ms). */
  timestampFrom: z.number().optional(),
  timestampTo: z.number().optional(),
});
export type MessageFilter = z.output<typeof messageFilter>;

/** A record as filters see it: decoded parts (or text when undecoded), headers as text. */
export interface FilterableRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: unknown;
  value: unknown;
  headers: Record<string, string | null>;
}

export function hasFilter(f: MessageFilter | undefined): boolean {
  return (
    !!f &&
    ((f.text ?? "").trim() !== "" ||
      (f.expression ?? "").trim() !== "" ||
      f.timestampFrom !== undefined ||
      f.timestampTo !== undefined)
  );
}

function searchable(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The text and time parts of a filter (the expression is the sandbox's). */
export function matchesPlainFilter(f: MessageFilter, r: FilterableRecord): boolean {
  if (f.timestampFrom !== undefined && r.timestamp < f.timestampFrom) return false;
  if (f.timestampTo !== undefined && r.timestamp > f.timestampTo) return false;
  const text = (f.text ?? "").trim().toLowerCase();
  if (text === "") return true;
  return (
    searchable(r.key).toLowerCase().includes(text) ||
    searchable(r.value).toLowerCase().includes(text) ||
    Object.entries(r.headers).some(
      ([k, v]) => k.toLowerCase().includes(text) || (v ?? "").toLowerCase().includes(text),
    )
  );
}
