/**
 * The plan the runtime executes, one entry per Flink job: a standalone INSERT is a job, a
 * statement set is one job with several sinks. Each INSERT carries its sources and sink (table
 * definition + the connector settings lib/connectors resolved), the typed relational tree between
 * them (rel.ts; expressions refer to columns by index), the changelog mode that reaches the sink,
 * and the job settings from SET. planToJson/planFromJson keep runtime values intact through JSON.
 */
import type { TableDefinition } from "@/lib/connectors/table";
import type { ResolvedTable } from "@/lib/sql/connector-adapter";
import type { SinkColumn } from "@/lib/sql/insert";
import type { RelNode } from "@/lib/sql/rel";
import type { JobSettings } from "@/lib/sql/settings";
import type { SourceSpan } from "@/lib/sql/diagnostic";
import { Decimal, MapValue, Timestamp, type ChangelogMode } from "@/lib/types/logical-type";

export interface PlannedTable {
  /** [catalog, database, table] */
  path: string[];
  definition: TableDefinition;
  resolved?: ResolvedTable;
  changelogMode: ChangelogMode;
}

export interface SinkPlan extends PlannedTable {
  /** The written columns in order: physical columns go to the formats, metadata columns to the record. */
  columns: SinkColumn[];
}

export interface InsertPlan {
  sink: SinkPlan;
  sources: PlannedTable[];
  /** Produces exactly `sink.columns`, in order and with the sink's types. */
  query: RelNode;
  /** What the query emits into the sink. */
  changelogMode: ChangelogMode;
  span: SourceSpan;
}

export interface JobPlan {
  /** pipeline.name, or Flink's default `insert-into_<sink>[, …]`. */
  name: string;
  settings: JobSettings;
  inserts: InsertPlan[];
}

export interface Plan {
  jobs: JobPlan[];
}

export { explainPlan } from "@/lib/sql/explain-plan";

/** JSON with the runtime value classes tagged, so bigint, DECIMAL, timestamps and bytes survive. */
export function planToJson(plan: Plan): string {
  return JSON.stringify(plan, function (key, value) {
    const raw = (this as Record<string, unknown>)[key];
    if (typeof raw === "bigint") return { $bigint: raw.toString() };
    if (raw instanceof Decimal) return { $decimal: raw.unscaled.toString(), scale: raw.scale };
    if (raw instanceof Timestamp)
      return { $timestamp: raw.epochMillis, nanos: raw.nanoOfMillisecond };
    if (raw instanceof Uint8Array) return { $bytes: [...raw] };
    if (raw instanceof MapValue) return { $map: raw.entries };
    return value;
  });
}

export function planFromJson(json: string): Plan {
  return JSON.parse(json, (_key, value) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if ("$bigint" in value) return BigInt(value.$bigint);
      if ("$decimal" in value) return new Decimal(BigInt(value.$decimal), value.scale);
      if ("$timestamp" in value) return new Timestamp(value.$timestamp, value.nanos);
      if ("$bytes" in value) return new Uint8Array(value.$bytes);
      if ("$map" in value) return new MapValue(value.$map);
    }
    return value;
  }) as Plan;
}
