import type { TopicSize } from "@/lib/kafka/log-dirs";
import type { TopicDescription } from "@/lib/kafka/topic-admin";
import { withTopicAdmin, type ClusterRef } from "./topic-admin-session";

export interface TopicSummary {
  name: string;
  internal: boolean;
  partitions: number;
  replicationFactor: number;
  /** Under-replicated partitions (in-sync replicas fewer than replicas). */
  underReplicated: number;
  /** Sum of the partitions' end offsets, and the records currently in the log (end − start). */
  endOffsets: number;
  records: number;
  /**
   * Size on disk (DescribeLogDirs): the leader replicas' logs, and every replica's; null when the
   * brokers do not say (no permission).
   */
  size: TopicSize | null;
  retentionMs: string | null;
  retentionBytes: string | null;
  cleanupPolicy: string | null;
}

export function summarizeTopic(t: TopicDescription, size?: TopicSize): TopicSummary {
  return {
    name: t.name,
    internal: t.internal,
    partitions: t.partitions.length,
    replicationFactor: t.replicationFactor,
    underReplicated: t.partitions.filter((p) => p.isr.length < p.replicas.length).length,
    endOffsets: t.partitions.reduce((s, p) => s + p.high, 0),
    records: t.partitions.reduce((s, p) => s + Math.max(0, p.high - p.low), 0),
    size: size ?? null,
    retentionMs: t.configs["retention.ms"] ?? null,
    retentionBytes: t.configs["retention.bytes"] ?? null,
    cleanupPolicy: t.configs["cleanup.policy"] ?? null,
  };
}

/** Topics whose name contains `search` (case-insensitive); internal topics only when asked. */
export function matchTopics<T extends { name: string; internal: boolean }>(
  topics: readonly T[],
  options: { search?: string; internal?: boolean },
): T[] {
  const needle = options.search?.trim().toLowerCase() ?? "";
  return topics.filter(
    (t) =>
      (options.internal || !t.internal) && (needle === "" || t.name.toLowerCase().includes(needle)),
  );
}

export async function listTopics(options: {
  cluster?: ClusterRef;
  search?: string;
  internal?: boolean;
}): Promise<{ cluster: { id: string; name: string }; topics: TopicSummary[] }> {
  return withTopicAdmin(options.cluster, async (admin, profile) => {
    const names = matchTopics(
      (await admin.listTopicNames()).map((name) => ({ name, internal: name.startsWith("__") })),
      options,
    ).map((t) => t.name);
    const described = await admin.describeTopics(names);
    const sizes = await admin.sizes(described);
    return {
      cluster: { id: profile.id, name: profile.name },
      topics: described.map((t) => summarizeTopic(t, sizes.get(t.name))),
    };
  });
}
