/**
 * The admin requests a job needs before and while it runs: which topics exist and their
 * partitions (so a missing topic fails at once, by name), offsets for startup and bounded modes,
 * a group's committed offsets, and the broker's transaction.max.timeout.ms.
 */
import type { Admin, ConfigResourceTypes } from "kafkajs";
import type { ClusterClient } from "./clients";

/** ConfigResourceTypes.BROKER; kafkajs exports the enum only to CommonJS importers. */
const BROKER_RESOURCE = 4 as ConfigResourceTypes;

export class MissingTopicsError extends Error {
  constructor(
    readonly topics: string[],
    readonly role: "source" | "sink",
  ) {
    super(
      `${topics.length > 1 ? "Topics" : "Topic"} ${topics.map((t) => `'${t}'`).join(", ")} ` +
        `${topics.length > 1 ? "do" : "does"} not exist on the cluster and automatic topic creation is not used: ` +
        `create ${topics.length > 1 ? "them" : "it"} before starting the job${role === "source" ? "" : ", or write to an existing topic"}.`,
    );
    this.name = "MissingTopicsError";
  }
}

export class ClusterAdmin {
  private constructor(private readonly admin: Admin) {}

  static async connect(client: ClusterClient): Promise<ClusterAdmin> {
    const admin = client.kafka.admin({ retry: { retries: 2 } });
    await admin.connect();
    return new ClusterAdmin(admin);
  }

  async close(): Promise<void> {
    await this.admin.disconnect().catch(() => {});
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  /** Sorted partition ids per topic; fails naming every topic that does not exist. */
  async topicPartitions(
    topics: readonly string[],
    role: "source" | "sink",
  ): Promise<Map<string, number[]>> {
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) throw new MissingTopicsError([...new Set(missing)], role);
    const out = new Map<string, number[]>();
    if (topics.length === 0) return out;
    const { topics: metadata } = await this.admin.fetchTopicMetadata({
      topics: [...new Set(topics)],
    });
    for (const t of metadata) {
      out.set(
        t.name,
        t.partitions.map((p) => p.partitionId).sort((a, b) => a - b),
      );
    }
    return out;
  }

  /** Topics whose whole name matches a Java regex (Flink's topic-pattern uses Pattern#matcher#matches). */
  async topicsMatching(pattern: string): Promise<string[]> {
    const regex = new RegExp(`^(?:${pattern})$`);
    return (await this.admin.listTopics()).filter((t) => regex.test(t)).sort();
  }

  /** Earliest and latest offsets per partition of a topic. */
  async watermarks(topic: string): Promise<Map<number, { low: number; high: number }>> {
    const rows = await this.admin.fetchTopicOffsets(topic);
    return new Map(rows.map((r) => [r.partition, { low: Number(r.low), high: Number(r.high) }]));
  }

  /** The first offset with a timestamp at or after `timestamp`, or the end when there is none (as Flink). */
  async offsetsForTimestamp(topic: string, timestamp: number): Promise<Map<number, number>> {
    const rows = await this.admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
    return new Map(rows.map((r) => [r.partition, Number(r.offset)]));
  }

  /** Committed offsets of a group; partitions without a commit are absent. */
  async committedOffsets(groupId: string, topics: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const [key, { offset }] of await this.committedOffsetsWithMetadata(groupId, topics))
      out.set(key, offset);
    return out;
  }

  /** The group's committed offsets per "topic-partition", with the metadata committed beside each. */
  async committedOffsetsWithMetadata(
    groupId: string,
    topics: readonly string[],
  ): Promise<Map<string, { offset: number; metadata: string | null }>> {
    const out = new Map<string, { offset: number; metadata: string | null }>();
    if (topics.length === 0) return out;
    const rows = await whileCoordinatorLoads(() =>
      this.admin.fetchOffsets({ groupId, topics: [...topics] }),
    );
    for (const t of rows) {
      for (const p of t.partitions) {
        const offset = Number(p.offset);
        if (offset >= 0)
          out.set(`${t.topic}-${p.partition}`, { offset, metadata: p.metadata ?? null });
      }
    }
    return out;
  }

  /** transaction.max.timeout.ms of the cluster's brokers (the smallest), or undefined when not readable. */
  async transactionMaxTimeoutMs(): Promise<number | undefined> {
    const cluster = await this.admin.describeCluster();
    let smallest: number | undefined;
    for (const broker of cluster.brokers) {
      const value = await this.brokerConfig(broker.nodeId, "transaction.max.timeout.ms");
      if (value !== undefined)
        smallest = smallest === undefined ? value : Math.min(smallest, value);
    }
    return smallest;
  }

  /**
   * Why this cluster can never run a transaction, or undefined when nothing says so: the transaction
   * coordinators live on the partitions of __transaction_state, which the brokers create on first
   * use with transaction.state.log.replication.factor replicas — impossible with fewer brokers,
   * and then every transactional producer waits for a coordinator that never comes.
   */
  async transactionCoordinatorProblem(): Promise<string | undefined> {
    const cluster = await this.admin.describeCluster();
    if ((await this.admin.listTopics()).includes("__transaction_state")) return undefined;
    const brokers = cluster.brokers.length;
    for (const broker of cluster.brokers) {
      const factor = await this.brokerConfig(
        broker.nodeId,
        "transaction.state.log.replication.factor",
      );
      if (factor !== undefined && factor > brokers) {
        return (
          `The cluster cannot run transactions: its brokers create the transaction coordinators' topic __transaction_state ` +
          `with transaction.state.log.replication.factor = ${factor} replicas, but the cluster has only ${brokers} ` +
          `${brokers === 1 ? "broker" : "brokers"}. Set transaction.state.log.replication.factor (and transaction.state.log.min.isr) ` +
          `to at most ${brokers} on the brokers, or use 'sink.delivery-guarantee' = 'at-least-once'.`
        );
      }
    }
    return undefined;
  }

  /** A numeric broker setting, or undefined when it cannot be read (describing configs may be forbidden by ACLs). */
  private async brokerConfig(nodeId: number, name: string): Promise<number | undefined> {
    try {
      const response = await this.admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: BROKER_RESOURCE, name: String(nodeId), configNames: [name] }],
      });
      for (const resource of response.resources) {
        for (const entry of resource.configEntries) {
          const value = Number(entry.configValue);
          if (entry.configName === name && Number.isFinite(value)) return value;
        }
      }
    } catch {
      // Not readable: the caller keeps its default.
    }
    return undefined;
  }
}

/** Kafka's names and kafkajs's (codes 14, 15, 16: kafkajs still calls them GROUP_…). */
const COORDINATOR_BUSY = new Set([
  "COORDINATOR_LOAD_IN_PROGRESS",
  "COORDINATOR_NOT_AVAILABLE",
  "NOT_COORDINATOR",
  "GROUP_LOAD_IN_PROGRESS",
  "GROUP_COORDINATOR_NOT_AVAILABLE",
  "NOT_COORDINATOR_FOR_GROUP",
]);

/**
 * Runs a group request again while the group coordinator is still loading or moving (a fresh
 * cluster creates and loads __consumer_offsets on first use), for up to 30 s.
 */
export async function whileCoordinatorLoads<T>(
  request: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await request();
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (typeof type !== "string" || !COORDINATOR_BUSY.has(type) || Date.now() + delay > deadline)
        throw error;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
