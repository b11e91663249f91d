/**
 * EXPLAIN for a whole plan: per job, the optimized plan tree as Flink prints it (Sink at the top,
 * sources at the leaves, changelog modes shown as `changelogMode=[I]` / `[I,UB,UA,D]`) and the
 * resolved connector settings Tributary will use.
 */
import { relTree } from "@/lib/sql/explain";
import type { InsertPlan, Plan, PlannedTable } from "@/lib/sql/plan";
import type { ChangelogMode } from "@/lib/types/logical-type";
import { getConnectorFactory } from "@/lib/connectors/registry";
import type { TableRole } from "@/lib/connectors/table";

function modeString(mode: ChangelogMode): string {
  return mode === "insert-only" ? "I" : mode === "upsert" ? "I,UA,D" : "I,UB,UA,D";
}

function connectorLine(role: TableRole, t: PlannedTable): string {
  const name = t.path.join(".");
  const r = t.resolved;
  if (!r)
    return `${role} ${name}: connector=${t.definition.options.find((o) => o.key === "connector")?.value ?? "?"}`;
  // The connector's own settings, as its descriptor explains them.
  const parts = [
    `connector=${r.connector}`,
    ...(getConnectorFactory(r.connector)?.explain?.(r, role) ?? []),
  ];
  parts.push(`changelogMode=[${modeString(t.changelogMode)}]`);
  return `${role} ${name}: ${parts.join(", ")}`;
}

function insertTree(ins: InsertPlan): string[] {
  const sink = `Sink(table=[${ins.sink.path.join(".")}], fields=[${ins.sink.columns.map((c) => c.name).join(", ")}], changelogMode=[${modeString(ins.changelogMode)}])`;
  return [sink, ...relTree(ins.query, "+- ", "   ")];
}

export function explainPlan(plan: Plan): string {
  const out: string[] = [];
  plan.jobs.forEach((job, i) => {
    out.push(`== Job ${i + 1}: ${job.name} ==`);
    const s = job.settings;
    const settings = [
      `parallelism=${s.parallelism ?? 1}`,
      `checkpointing=${s.checkpointIntervalMs !== undefined ? `${s.checkpointIntervalMs} ms` : "off"}`,
      `restart-strategy=${s.restartStrategy?.type ?? "default"}`,
      `table.local-time-zone=${s.localTimeZone}`,
    ];
    out.push(settings.join(", "));
    out.push("", "== Optimized Physical Plan ==");
    job.inserts.forEach((ins) => out.push(...insertTree(ins), ""));
    out.push("== Connectors ==");
    for (const ins of job.inserts) {
      out.push(connectorLine("sink", ins.sink));
      for (const src of ins.sources) out.push(connectorLine("source", src));
    }
    out.push("");
  });
  return out.join("\n").trimEnd() + "\n";
}
