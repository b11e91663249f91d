/** What a `blackhole` table resolves to. Browser-safe. */
import type { RowField } from "@/lib/types/logical-type";
import type { ResolvedTable } from "../resolved";

export interface ResolvedBlackholeTable {
  connector: "blackhole";
  role: "sink";
  physicalFields: RowField[];
  changelogMode: "all";
}

/** A `blackhole` sink: rows discarded. */
export function isBlackholeTable(t: ResolvedTable | undefined): t is ResolvedBlackholeTable {
  return t?.connector === "blackhole";
}
