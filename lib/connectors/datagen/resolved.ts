/** What a `datagen` table resolves to: its rate, bound and each field's generator. Browser-safe. */
import type { ResolvedField, ResolvedTable } from "../resolved";

export type DataGenFieldGenerator =
  | {
      kind: "random";
      /** fields.#.min / max as written (numbers for numeric columns); undefined means the type's range. */
      min?: string;
      max?: string;
      /** For TIMESTAMP*: fields.#.max-past in ms (default 0). */
      maxPastMillis?: number;
      /** For strings, bytes and collections (default 100). */
      length: number;
      varLen: boolean;
      nullRate: number;
    }
  | { kind: "sequence"; start: string; end: string; nullRate: number };

export interface ResolvedDataGenTable {
  connector: "datagen";
  role: "source";
  rowsPerSecond: number;
  /** Undefined: unbounded (unless a sequence field ends). */
  numberOfRows?: number;
  scanParallelism?: number;
  fields: Array<ResolvedField & { generator: DataGenFieldGenerator }>;
  changelogMode: "insert-only";
}

/** A `datagen` source: rows generated per its fields' generators. */
export function isDataGenTable(t: ResolvedTable | undefined): t is ResolvedDataGenTable {
  return t?.connector === "datagen";
}
