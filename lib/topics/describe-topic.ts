import type { TopicSize } from "@/lib/kafka/log-dirs";
import type { GroupLag, PartitionDescription } from "@/lib/kafka/topic-admin";
import { withTopicAdmin, type ClusterRef } from "./topic-admin-session";

export interface TopicDetails {
  cluster: { id: string; name: string };
  name: string;
  partitions: PartitionDescription[];
  replicationFactor: number;
  /** Size on disk (leader replicas, all replicas); null when the brokers do not say. */
  size: TopicSize | null;
  /** Every config of the topic as the brokers describe it (defaults included). */
  configs: Record<string, string>;
  groups: GroupLag[];
}

/** A topic's page: per-partition offsets and replicas, its configs, the groups with their lag. */
export async function describeTopic(cluster: ClusterRef, name: string): Promise<TopicDetails> {
  return withTopicAdmin(cluster, async (admin, profile) => {
    const [topic] = await admin.describeTopics([name], []);
    const high = new Map(topic.partitions.map((p) => [p.partition, p.high]));
    const sizes = await admin.sizes([topic]);
    return {
      cluster: { id: profile.id, name: profile.name },
      name: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      size: sizes.get(topic.name) ?? null,
      configs: topic.configs,
      groups: await admin.groupsOfTopic(name, high),
    };
  });
}

export async function deleteTopic(cluster: ClusterRef, name: string): Promise<void> {
  await withTopicAdmin(cluster, (admin) => admin.deleteTopic(name));
}
