/**
 * What a Kafka table needs before its instances start: secrets resolved into its properties,
 * clients and an admin connection, the topics checked (a missing one fails at once, by name),
 * and per source instance the partitions it owns with their start and stop offsets.
 */
import type { ResolvedKafkaTable, ResolvedUpsertKafkaTable } from "@/lib/connectors/resolved";
import { parseJaasConfig } from "@/lib/kafka/client-config";
import { ClusterAdmin, createClusterClient, splitOwner, tpKey, type ClientLogger, type ClusterClient } from "@/lib/kafka/io";
import { findSecretPlaceholders, resolveSecretsInOptions } from "@/lib/secrets/placeholders";
import type { ResumePoint } from "./job-runtime";
import { JobConfigurationError, type SecretScrubber } from "./failure";

export type KafkaTable = ResolvedKafkaTable | ResolvedUpsertKafkaTable;

/** Resolves `${secret_values.x}` placeholders (only now, at run time) and registers every secret with the scrubber. */
export async function resolveProperties(
  properties: Readonly<Record<string, string>>,
  resolveSecret: (name: string) => Promise<string>,
  scrubber: SecretScrubber,
): Promise<Record<string, string>> {
  const names = new Set<string>();
  for (const value of Object.values(properties)) for (const p of findSecretPlaceholders(value)) names.add(p.name);
  const values = new Map<string, string>();
  for (const name of names) {
    const secret = await resolveSecret(name);
    values.set(name, secret);
    scrubber.add(secret);
  }
  const resolved = resolveSecretsInOptions(properties, (name) => values.get(name));
  for (const [key, value] of Object.entries(resolved)) {
    if (key.toLowerCase().includes("password") || key === "ssl.keystore.key") scrubber.add(value);
    if (key === "sasl.jaas.config") {
      try {
        for (const entry of parseJaasConfig(value)) scrubber.add(entry.options.password);
      } catch {
        // An unparsable JAAS line is reported by the client configuration check, by key only.
      }
    }
  }
  return resolved;
}

export interface KafkaConnection {
  client: ClusterClient;
  admin: ClusterAdmin;
}

export async function connectKafka(
  properties: Record<string, string>,
  role: "producer" | "consumer",
  clientId: string,
  log: ClientLogger,
): Promise<KafkaConnection> {
  const client = createClusterClient(properties, role, { clientId, log });
  const admin = await ClusterAdmin.connect(client);
  return { client, admin };
}

/** The topics a source reads (the list, or the pattern's matches now) with their sorted partitions. */
export async function sourcePartitions(table: KafkaTable, admin: ClusterAdmin): Promise<Map<string, number[]>> {
  const topics = table.topics ?? (await admin.topicsMatching(table.topicPattern ?? "(?!)"));
  return admin.topicPartitions(topics, "source");
}

export interface InstanceOffsets {
  start: Map<string, number>;
  stop?: Map<string, number>;
}

/**
 * Start and stop offsets for the partitions one instance owns. Where reading starts: the resume
 * point from "stop with offsets"; else, when restarting after a failure, the offsets the last
 * checkpoint committed to the group; else the scan.startup.mode.
 */
export async function instanceOffsets(
  table: KafkaTable,
  admin: ClusterAdmin,
  partitions: Map<string, number[]>,
  instance: number,
  parallelism: number,
  groupId: string,
  restore: { resumeFrom?: ResumePoint; fromCheckpoint: boolean },
): Promise<InstanceOffsets> {
  const owned: Array<{ topic: string; partition: number }> = [];
  for (const [topic, list] of partitions) {
    for (const partition of list) if (splitOwner(topic, partition, parallelism) === instance) owned.push({ topic, partition });
  }
  const topics = [...new Set(owned.map((o) => o.topic))];
  const watermarks = new Map<string, { low: number; high: number }>();
  for (const topic of topics) {
    for (const [p, w] of await admin.watermarks(topic)) watermarks.set(tpKey(topic, p), w);
  }
  const needsCommitted =
    restore.fromCheckpoint ||
    table.startup.mode === "group-offsets" ||
    table.startup.mode === "specific-offsets" ||
    table.bounded.mode === "group-offsets" ||
    table.bounded.mode === "specific-offsets";
  const committed = needsCommitted ? await admin.committedOffsets(groupId, topics) : new Map<string, number>();
  const byTimestamp = async (ts: number) => {
    const out = new Map<string, number>();
    for (const topic of topics) for (const [p, o] of await admin.offsetsForTimestamp(topic, ts)) out.set(tpKey(topic, p), o);
    return out;
  };

  const start = new Map<string, number>();
  const startupTimestamps = table.startup.mode === "timestamp" ? await byTimestamp(table.startup.timestampMillis ?? 0) : undefined;
  const missingCommit: string[] = [];
  for (const { topic, partition } of owned) {
    const key = tpKey(topic, partition);
    const w = watermarks.get(key) ?? { low: 0, high: 0 };
    const resumed = restore.resumeFrom?.offsets[topic]?.[partition];
    if (resumed !== undefined) {
      start.set(key, Number(resumed));
      continue;
    }
    if (restore.fromCheckpoint && committed.has(key)) {
      start.set(key, committed.get(key)!);
      continue;
    }
    switch (table.startup.mode) {
      case "earliest-offset":
        start.set(key, w.low);
        break;
      case "latest-offset":
        start.set(key, w.high);
        break;
      case "timestamp":
        start.set(key, startupTimestamps!.get(key) ?? w.high);
        break;
      case "specific-offsets": {
        const given = table.startup.specificOffsets.find((s) => s.partition === partition);
        start.set(key, given ? given.offset : (committed.get(key) ?? w.low));
        break;
      }
      case "group-offsets": {
        const c = committed.get(key);
        const reset = table.startup.offsetResetStrategy ?? "none";
        if (c !== undefined) start.set(key, c);
        else if (reset === "earliest") start.set(key, w.low);
        else if (reset === "latest") start.set(key, w.high);
        else missingCommit.push(key);
        break;
      }
    }
  }
  if (missingCommit.length > 0) {
    // The Java consumer's NoOffsetForPartitionException text, with the way out.
    throw new JobConfigurationError(
      `Undefined offset with no reset policy for partitions: [${missingCommit.join(", ")}]. The group '${groupId}' has no committed offset there; set 'properties.auto.offset.reset' to 'earliest' or 'latest', or choose another 'scan.startup.mode'.`,
    );
  }

  if (table.bounded.mode === "unbounded") return { start };
  const stop = new Map<string, number>();
  const boundedTimestamps = table.bounded.mode === "timestamp" ? await byTimestamp(table.bounded.timestampMillis ?? 0) : undefined;
  for (const { topic, partition } of owned) {
    const key = tpKey(topic, partition);
    const w = watermarks.get(key) ?? { low: 0, high: 0 };
    switch (table.bounded.mode) {
      case "latest-offset":
        stop.set(key, w.high);
        break;
      case "timestamp":
        stop.set(key, boundedTimestamps!.get(key) ?? w.high);
        break;
      case "group-offsets": {
        const c = committed.get(key);
        // KafkaPartitionSplitReader's precondition, with its message.
        if (c === undefined) {
          throw new JobConfigurationError(
            `Partition ${key} should stop at committed offset. But there is no committed offset of this partition for group ${groupId}`,
          );
        }
        stop.set(key, c);
        break;
      }
      case "specific-offsets": {
        // OffsetsInitializer.offsets(map): an unlisted partition stops at the group's committed offset, else at its beginning.
        const given = table.bounded.specificOffsets.find((s) => s.partition === partition);
        stop.set(key, given ? given.offset : (committed.get(key) ?? w.low));
        break;
      }
    }
  }
  return { start, stop };
}

/** The group a source instance joins and commits to: properties.group.id, or one of the deployment's own. */
export function checkpointGroupId(table: KafkaTable, properties: Record<string, string>, deploymentId: string, tablePath: string[]): string {
  return properties["group.id"] ?? `tributary-${deploymentId}-${tablePath[tablePath.length - 1]}`;
}

/** Flink's KafkaSink asks for transaction.timeout.ms = 1 h unless the table sets it. */
export const FLINK_TRANSACTION_TIMEOUT_MS = 3_600_000;

/**
 * The transaction timeout to use against this cluster: the table's, or Flink's 1 h lowered to what
 * the brokers accept; a table value above the brokers' limit fails before the job starts.
 */
export function chooseTransactionTimeout(
  configured: string | undefined,
  brokerMax: number | undefined,
): { timeoutMs: number; note?: string } {
  if (configured !== undefined) {
    const value = Number(configured);
    if (brokerMax !== undefined && value > brokerMax) {
      throw new JobConfigurationError(
        `'properties.transaction.timeout.ms' = ${value} is larger than the cluster's transaction.max.timeout.ms (${brokerMax}), so the brokers would refuse every transaction: set it to at most ${brokerMax}, or raise transaction.max.timeout.ms on the brokers.`,
      );
    }
    return { timeoutMs: value };
  }
  if (brokerMax !== undefined && brokerMax < FLINK_TRANSACTION_TIMEOUT_MS) {
    return {
      timeoutMs: brokerMax,
      note: `Flink's exactly-once sink asks for transaction.timeout.ms = ${FLINK_TRANSACTION_TIMEOUT_MS} (1 h), more than this cluster's transaction.max.timeout.ms (${brokerMax}); Tributary uses ${brokerMax} ms instead.`,
    };
  }
  return { timeoutMs: FLINK_TRANSACTION_TIMEOUT_MS };
}
