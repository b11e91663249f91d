/**
 * Whether the topics a script reads and writes exist, on the console's default cluster: a
 * warning (topics may be created before the job is deployed) with a "create topic" action, for
 * every kafka/upsert-kafka table whose bootstrap servers are that cluster's. Bounded in time: a
 * slow or unreachable cluster adds no warnings rather than holding the validation up.
 */
import { diagnostic, type Diagnostic } from "@/lib/sql/diagnostic";
import type { Plan, PlannedTable } from "@/lib/sql/plan";
import { isKafkaTable } from "@/lib/connectors/resolved";
import { resolveClusterProfile } from "@/lib/clusters/cluster-profiles";
import { withTopicAdmin } from "@/lib/topics/topic-admin-session";

export const TOPIC_CHECK_TIMEOUT_MS = 3000;

const sameServers = (a: string, b: string) =>
  a
    .split(",")
    .map((s) => s.trim())
    .sort()
    .join(",") ===
  b
    .split(",")
    .map((s) => s.trim())
    .sort()
    .join(",");

function tablesOf(plan: Plan): PlannedTable[] {
  const seen = new Map<string, PlannedTable>();
  for (const job of plan.jobs)
    for (const insert of job.inserts)
      for (const t of [...insert.sources, insert.sink]) seen.set(t.path.join("."), t);
  return [...seen.values()];
}

export async function missingTopicWarnings(
  plan: Plan,
  timeoutMs = TOPIC_CHECK_TIMEOUT_MS,
): Promise<Diagnostic[]> {
  const check = async () => {
    const profile = await resolveClusterProfile();
    const tables = tablesOf(plan).filter((t) => {
      const r = t.resolved;
      return (
        isKafkaTable(r) &&
        r.topics?.length &&
        sameServers(r.bootstrapServers, profile.bootstrapServers)
      );
    });
    if (tables.length === 0) return [];
    const existing = new Set(await withTopicAdmin(profile.id, (admin) => admin.listTopicNames()));
    const warnings: Diagnostic[] = [];
    for (const t of tables) {
      const r = t.resolved as { topics: string[]; bootstrapServers: string };
      const option = t.definition.options.find((o) => o.key === "topic");
      for (const topic of r.topics) {
        if (existing.has(topic) || !option) continue;
        const d = diagnostic(
          "warning",
          `Topic '${topic}' does not exist on ${r.bootstrapServers} (yet): create it before deploying, or the job fails when it starts.`,
          option.valueSpan,
        );
        d.action = { kind: "create-topic", topic };
        warnings.push(d);
      }
    }
    return warnings;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Diagnostic[]>((resolve) => {
    timer = setTimeout(() => resolve([]), timeoutMs);
  });
  try {
    return await Promise.race([check().catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
