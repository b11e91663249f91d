/** What a `print` table resolves to. Browser-safe. */
import type { RowField } from "@/lib/types/logical-type";
import type { ResolvedTable } from "../resolved";

export interface ResolvedPrintTable {
  connector: "print";
  role: "sink";
  printIdentifier?: string;
  standardError: boolean;
  sinkParallelism?: number;
  physicalFields: RowField[];
  changelogMode: "all";
}

/** A `print` sink: rows printed to the job's output. */
export function isPrintTable(t: ResolvedTable | undefined): t is ResolvedPrintTable {
  return t?.connector === "print";
}
