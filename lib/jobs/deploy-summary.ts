/**
 * What a deploy will do, read from the validated plan, for the deploy dialog: each job's
 * sources (topics, startup mode, group), sinks (topics, delivery guarantee, partitioner), and the
 * parallelism and checkpoint interval the script sets. Pure, browser-safe.
 */
import type { Plan, PlannedTable } from "@/lib/sql/plan";
import { isKafkaTable, isPlainKafkaTable, partitionerName } from "@/lib/connectors/resolved";

export interface SourceSummary {
  table: string;
  connector: string;
  topics?: string[];
  topicPattern?: string;
  startupMode?: string;
  groupId?: string;
  /** A `kafka` source: its start can be moved (committed group offsets, a time, explicit offsets). */
  startMovable: boolean;
}

export interface SinkSummary {
  table: string;
  connector: string;
  topics?: string[];
  deliveryGuarantee?: string;
  partitioner?: string;
}

export interface JobSummaryForDeploy {
  name: string;
  parallelism?: number;
  checkpointIntervalMs?: number;
  sources: SourceSummary[];
  sinks: SinkSummary[];
}

const tableName = (t: PlannedTable) => t.path[t.path.length - 1];
const connectorOf = (t: PlannedTable) =>
  t.definition.options.find((o) => o.key === "connector")?.value ?? "?";

export function summarizeDeploy(plan: Plan): JobSummaryForDeploy[] {
  return plan.jobs.map((job) => {
    const sources = new Map<string, SourceSummary>();
    const sinks: SinkSummary[] = [];
    for (const insert of job.inserts) {
      for (const s of insert.sources) {
        const r = s.resolved;
        const kafka = isKafkaTable(r) ? r : undefined;
        sources.set(tableName(s), {
          table: tableName(s),
          connector: connectorOf(s),
          topics: kafka?.topics,
          topicPattern: kafka?.topicPattern,
          startupMode: kafka?.startup.mode,
          groupId: kafka?.properties["group.id"],
          startMovable: isPlainKafkaTable(r),
        });
      }
      const r = insert.sink.resolved;
      const kafka = isKafkaTable(r) ? r : undefined;
      sinks.push({
        table: tableName(insert.sink),
        connector: connectorOf(insert.sink),
        topics: kafka?.topics,
        deliveryGuarantee: kafka?.deliveryGuarantee,
        partitioner: isPlainKafkaTable(r) ? partitionerName(r.partitioner) : undefined,
      });
    }
    return {
      name: job.name,
      parallelism: job.settings.parallelism,
      checkpointIntervalMs: job.settings.checkpointIntervalMs,
      sources: [...sources.values()],
      sinks,
    };
  });
}
