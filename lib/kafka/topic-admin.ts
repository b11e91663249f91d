/**
 * The admin requests of the console's topic pages: create and delete topics, describe them
 * (partitions, replicas, offsets, configs) and the consumer groups that committed offsets on
 * them. Errors of the brokers are turned into TopicAdminErrors whose message says what to change.
 */
import type { Admin, ConfigResourceTypes } from "kafkajs";
import type { ClusterClient } from "./clients";
import { whileCoordinatorLoads } from "./cluster-admin";
import { topicSizes, type TopicSize } from "./log-dirs";

/** ConfigResourceTypes.TOPIC; kafkajs exports the enum only to CommonJS importers. */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

export class TopicAdminError extends Error {
  constructor(
    message: string,
    /** conflict: exists already; invalid: the request's values; missing: no such topic. */
    readonly kind: "conflict" | "invalid" | "missing" | "refused",
  ) {
    super(message);
    this.name = "TopicAdminError";
  }
}

export interface NewTopic {
  name: string;
  partitions: number;
  /** Replicas per partition; the brokers' default.replication.factor when absent. */
  replicationFactor?: number;
  configs?: Record<string, string>;
}

export interface PartitionDescription {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  /** Log start and end offsets (the high watermark). */
  low: number;
  high: number;
}

export interface TopicDescription {
  name: string;
  internal: boolean;
  partitions: PartitionDescription[];
  replicationFactor: number;
  configs: Record<string, string>;
}

export interface GroupLag {
  groupId: string;
  state: string;
  members: number;
  partitions: Array<{
    partition: number;
    committed: number | null;
    high: number;
    lag: number | null;
  }>;
  /** The sum over partitions with a commit. */
  totalLag: number;
}

/** Topic configs the list shows for each topic. */
export const LISTED_TOPIC_CONFIGS = ["retention.ms", "retention.bytes", "cleanup.policy"] as const;

export class TopicAdmin {
  private constructor(
    private readonly admin: Admin,
    private readonly client: ClusterClient,
  ) {}

  static async connect(client: ClusterClient): Promise<TopicAdmin> {
    const admin = client.kafka.admin({ retry: { retries: 2 } });
    await admin.connect();
    return new TopicAdmin(admin, client);
  }

  /** Size on disk per topic (DescribeLogDirs); a topic is absent when the brokers do not say. */
  sizes(topics: readonly TopicDescription[]): Promise<Map<string, TopicSize>> {
    return topicSizes(this.client, topics);
  }

  async close(): Promise<void> {
    await this.admin.disconnect().catch(() => {});
  }

  /** Creates the topic and returns once every partition has a leader that answers. */
  async createTopic(topic: NewTopic): Promise<void> {
    try {
      const created = await this.admin.createTopics({
        topics: [
          {
            topic: topic.name,
            numPartitions: topic.partitions,
            replicationFactor: topic.replicationFactor ?? -1,
            configEntries: Object.entries(topic.configs ?? {}).map(([name, value]) => ({
              name,
              value,
            })),
          },
        ],
        waitForLeaders: false,
      });
      if (!created) throw new TopicAdminError(`Topic '${topic.name}' exists already.`, "conflict");
    } catch (e) {
      throw explainCreateError(e, topic);
    }
    await waitForLeaders(this.admin, topic.name, topic.partitions);
  }

  async deleteTopic(name: string): Promise<void> {
    try {
      await this.admin.deleteTopics({ topics: [name], timeout: 15_000 });
    } catch (e) {
      const type = errorType(e);
      if (type === "UNKNOWN_TOPIC_OR_PARTITION")
        throw new TopicAdminError(`Topic '${name}' does not exist.`, "missing");
      if (type === "TOPIC_DELETION_DISABLED")
        throw new TopicAdminError(
          "The brokers refuse to delete topics (delete.topic.enable = false).",
          "refused",
        );
      if (type === "TOPIC_AUTHORIZATION_FAILED")
        throw new TopicAdminError(
          `The cluster refused to delete '${name}' (no permission).`,
          "refused",
        );
      throw e;
    }
  }

  listTopicNames(): Promise<string[]> {
    return this.admin.listTopics();
  }

  /** Every topic (or those named) with partitions, replicas, offsets and the listed configs. */
  async describeTopics(
    names?: readonly string[],
    configNames: readonly string[] = LISTED_TOPIC_CONFIGS,
  ): Promise<TopicDescription[]> {
    const all = names ? [...names] : await this.admin.listTopics();
    if (all.length === 0) return [];
    let metadata;
    try {
      metadata = (await this.admin.fetchTopicMetadata({ topics: all })).topics;
    } catch (e) {
      if (errorType(e) === "UNKNOWN_TOPIC_OR_PARTITION")
        throw new TopicAdminError(`Topic '${all.join("', '")}' does not exist.`, "missing");
      throw e;
    }
    const offsets = await Promise.all(
      metadata.map((t) => this.admin.fetchTopicOffsets(t.name).catch(() => [])),
    );
    const configs = await this.topicConfigs(
      metadata.map((t) => t.name),
      configNames,
    );
    return metadata
      .map((t, i) => {
        const byPartition = new Map(offsets[i].map((o) => [o.partition, o]));
        const partitions = t.partitions
          .map((p) => ({
            partition: p.partitionId,
            leader: p.leader,
            replicas: p.replicas,
            isr: p.isr,
            low: Number(byPartition.get(p.partitionId)?.low ?? 0),
            high: Number(byPartition.get(p.partitionId)?.high ?? 0),
          }))
          .sort((a, b) => a.partition - b.partition);
        return {
          name: t.name,
          internal: t.name.startsWith("__"),
          partitions,
          replicationFactor: partitions[0]?.replicas.length ?? 0,
          configs: configs.get(t.name) ?? {},
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Configs per topic (every config when `configNames` is empty); a topic not readable is absent. */
  async topicConfigs(
    topics: readonly string[],
    configNames: readonly string[],
  ): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    if (topics.length === 0) return out;
    try {
      const response = await this.admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({
          type: TOPIC_RESOURCE,
          name,
          ...(configNames.length > 0 ? { configNames: [...configNames] } : {}),
        })),
      });
      for (const resource of response.resources) {
        const values: Record<string, string> = {};
        for (const entry of resource.configEntries)
          if (entry.configValue !== null) values[entry.configName] = entry.configValue;
        out.set(resource.resourceName, values);
      }
    } catch {
      // Describing configs may be forbidden by ACLs: the caller shows no configs.
    }
    return out;
  }

  /** The consumer groups with committed offsets on the topic, each with lag per partition. */
  async groupsOfTopic(topic: string, high: ReadonlyMap<number, number>): Promise<GroupLag[]> {
    const { groups } = await this.admin.listGroups();
    const ids = groups
      .filter((g) => g.protocolType === "consumer" || g.protocolType === "")
      .map((g) => g.groupId);
    if (ids.length === 0) return [];
    const described = new Map(
      (await this.admin.describeGroups(ids)).groups.map((g) => [g.groupId, g]),
    );
    const out: GroupLag[] = [];
    for (const groupId of ids) {
      const fetched = await whileCoordinatorLoads(
        () => this.admin.fetchOffsets({ groupId, topics: [topic] }),
        5_000,
      ).catch(() => []);
      const partitions = (fetched[0]?.partitions ?? []).map((p) => {
        const committed = Number(p.offset) >= 0 ? Number(p.offset) : null;
        const end = high.get(p.partition) ?? 0;
        return {
          partition: p.partition,
          committed,
          high: end,
          lag: committed === null ? null : Math.max(0, end - committed),
        };
      });
      if (partitions.every((p) => p.committed === null)) continue;
      const group = described.get(groupId);
      out.push({
        groupId,
        state: group?.state ?? "Unknown",
        members: group?.members.length ?? 0,
        partitions: partitions.sort((a, b) => a.partition - b.partition),
        totalLag: partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
      });
    }
    return out.sort((a, b) => a.groupId.localeCompare(b.groupId));
  }

  /** The first offset per partition with a timestamp at or after `timestamp` (the end when none). */
  async offsetsForTimestamp(topic: string, timestamp: number): Promise<Map<number, number>> {
    const rows = await this.admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
    return new Map(rows.map((r) => [r.partition, Number(r.offset)]));
  }
}

function errorType(e: unknown): string | undefined {
  const direct = (e as { type?: unknown }).type;
  if (typeof direct === "string") return direct;
  const nested = (e as { errors?: Array<{ type?: unknown }> }).errors?.[0]?.type;
  return typeof nested === "string" ? nested : undefined;
}

function explainCreateError(e: unknown, topic: NewTopic): Error {
  if (e instanceof TopicAdminError) return e;
  switch (errorType(e)) {
    case "TOPIC_ALREADY_EXISTS":
      return new TopicAdminError(`Topic '${topic.name}' exists already.`, "conflict");
    case "INVALID_TOPIC_EXCEPTION":
      return new TopicAdminError(
        `'${topic.name}' is not a valid topic name: use at most 249 letters, digits, '.', '_' and '-'.`,
        "invalid",
      );
    case "INVALID_PARTITIONS":
      return new TopicAdminError(`The brokers refused ${topic.partitions} partitions.`, "invalid");
    case "INVALID_REPLICATION_FACTOR":
      return new TopicAdminError(
        `The brokers refused replication factor ${topic.replicationFactor ?? "(default)"}: a topic cannot have more replicas than the cluster has brokers.`,
        "invalid",
      );
    case "INVALID_CONFIG":
      return new TopicAdminError(
        `The brokers refused a config of the topic (${Object.entries(topic.configs ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}).`,
        "invalid",
      );
    case "POLICY_VIOLATION":
      return new TopicAdminError(
        "The cluster's topic creation policy refused the topic.",
        "refused",
      );
    case "TOPIC_AUTHORIZATION_FAILED":
    case "CLUSTER_AUTHORIZATION_FAILED":
      return new TopicAdminError(
        "The cluster refused to create the topic (no permission).",
        "refused",
      );
    default:
      return e instanceof Error ? e : new Error(String(e));
  }
}

/**
 * Returns once every partition of a new topic has a leader that answers ListOffsets. Not
 * kafkajs's `waitForLeaders`: it gives up on the UNKNOWN_TOPIC_OR_PARTITION a KRaft broker answers
 * for a moment after creating a topic (its metadata cache lags the controller).
 */
export async function waitForLeaders(
  admin: Admin,
  topic: string,
  partitions: number,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  let lastError: unknown;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const ready = topics[0]?.partitions ?? [];
      // A leader in the metadata cache can still answer NOT_LEADER_OR_FOLLOWER until it has applied
      // the change, so the topic counts as ready once every partition also answers ListOffsets.
      if (ready.length === partitions && ready.every((p) => p.leader >= 0)) {
        const offsets = await admin.fetchTopicOffsets(topic);
        if (offsets.length === partitions) return;
      }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(
        `Topic '${topic}' does not have a leader for each of its ${partitions} partitions after 15 s${why}.`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
