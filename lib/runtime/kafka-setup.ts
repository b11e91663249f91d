/**
 * What a Kafka table needs before its instances start: secrets resolved into its properties,
 * clients and an admin connection, the topics checked (a missing one fails at once, by name),
 * and per source instance the partitions it owns with their start and stop offsets.
 */
import type { ResolvedKafkaTable, ResolvedUpsertKafkaTable } from "@/lib/connectors/resolved";
import { parseJaasConfig } from "@/lib/kafka/client-config";
import {
  ClusterAdmin,
  createClusterClient,
  splitOwner,
  tpKey,
  type ClientLogger,
  type ClusterClient,
} from "@/lib/kafka/io";
import {
  findSecretPlaceholders,
  resolveSecretsInOptions,
  SecretResolutionError,
} from "@/lib/secrets/placeholders";
import { SecretScopeError } from "@/lib/secrets/secret-scope";
import { isSealedValue, unsealValue } from "@/lib/secrets/sealed-values";
import { isSecretPropertyKey } from "@/lib/secrets/literal-secrets";
import { AttachedStoreMissing, withAttachedStoreLocations } from "@/lib/resources/store-locations";
import type { ResumePoint } from "./job-runtime";
import { JobConfigurationError, type SecretScrubber } from "./failure";

export type KafkaTable = ResolvedKafkaTable | ResolvedUpsertKafkaTable;

/**
 * Resolves `${secret_values.x}` placeholders (only now, at run time, for the table's bootstrap
 * servers: a secret outside its scope or unknown fails the job at once, by name) and registers
 * every secret with the scrubber.
 */
export async function resolveProperties(
  properties: Readonly<Record<string, string>>,
  bootstrapServers: string,
  resolveSecret: (name: string, bootstrapServers: string) => Promise<string>,
  scrubber: SecretScrubber,
): Promise<Record<string, string>> {
  // Literal passwords come sealed in the stored plan (lib/secrets/sealed-values.ts).
  const unsealed: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    unsealed[key] = unsealValue(value);
    if (isSealedValue(value)) scrubber.add(unsealed[key]);
  }
  const names = new Set<string>();
  for (const value of Object.values(unsealed))
    for (const p of findSecretPlaceholders(value)) names.add(p.name);
  const values = new Map<string, string>();
  for (const name of names) {
    let secret: string;
    try {
      secret = await resolveSecret(name, bootstrapServers);
    } catch (e) {
      if (e instanceof SecretScopeError || e instanceof SecretResolutionError)
        throw new JobConfigurationError(e.message);
      throw e;
    }
    values.set(name, secret);
    scrubber.add(secret);
  }
  const resolved = resolveSecretsInOptions(unsealed, (name) => values.get(name));
  for (const [key, value] of Object.entries(resolved)) {
    if (isSecretPropertyKey(key) || key.toLowerCase().includes("password")) scrubber.add(value);
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

/**
 * The properties with `/flink/usrlib/<file>` store locations pointed at the attached stores' local
 * copies (lib/resources/attached-stores.ts); a store that is not attached fails the job by name.
 */
export async function withStoreCopies(
  properties: Record<string, string>,
  resolve: ((fileName: string) => Promise<string | undefined>) | undefined,
): Promise<Record<string, string>> {
  try {
    return await withAttachedStoreLocations(properties, resolve);
  } catch (e) {
    if (e instanceof AttachedStoreMissing) throw new JobConfigurationError(e.message);
    throw e;
  }
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
export async function sourcePartitions(
  table: KafkaTable,
  admin: ClusterAdmin,
): Promise<Map<string, number[]>> {
  const topics = table.topics ?? (await admin.topicsMatching(table.topicPattern ?? "(?!)"));
  return admin.topicPartitions(topics, "source");
}

export interface InstanceOffsets {
  start: Map<string, number>;
  stop?: Map<string, number>;
}

/**
 * Where a restarted or resumed instance starts reading. `resumeFrom` is what the job lifecycle
 * restores (the run's checkpoint, the last stop's offsets, or offsets a user chose); a partition
 * it does not name starts per the scan.startup.mode, as Flink restores a split without state from
 * its initial offsets. `fromCheckpoint` is for the runtime run on its own (no lifecycle, no
 * resumeFrom): a restart then takes the offsets committed to the group.
 */
export interface RestorePoint {
  resumeFrom?: ResumePoint;
  fromCheckpoint: boolean;
  /**
   * Exactly-once restarts: the stamp (transactionStamp) of this run's sink. Offsets the group holds
   * under it were committed in one transaction with the records they produced, so they are where
   * this run really is — ahead of `resumeFrom` when the run's checkpoint was stored late.
   */
  transactionStamp?: string;
  /** Where those stamped offsets are when not in the source's group (KafkaSourceOptions.stateGroupId). */
  stateGroupId?: string;
}

/**
 * What an exactly-once sink commits beside the source offsets in its transactions: the job,
 * the run and the transactional-id prefix, so that a restore trusts only its own run's commits
 * (another run, or another INSERT committing to the same group, leaves a different stamp).
 */
export function transactionStamp(
  jobId: string,
  runId: string,
  transactionalIdPrefix: string,
): string {
  return `tributary exactly-once ${jobId}/${runId}/${transactionalIdPrefix}`;
}

/**
 * Where one INSERT's sources resume: its own offsets (byInsert) where it has them, else the
 * merged ones. Undefined stays undefined (no resume point: the startup modes).
 */
export function resumePointOfInsert(
  point: ResumePoint | undefined,
  insertKey: string,
): ResumePoint | undefined {
  const own = point?.byInsert?.[insertKey];
  if (!point || !own) return point;
  const offsets: ResumePoint["offsets"] = {};
  for (const [topic, partitions] of Object.entries(point.offsets))
    offsets[topic] = { ...partitions };
  for (const [topic, partitions] of Object.entries(own))
    offsets[topic] = { ...offsets[topic], ...partitions };
  return { ...point, offsets };
}

/** Where one partition starts, given what restore and the startup mode know about it. */
export type StartOffset = { offset: number } | { missingCommit: true };

export function startOffset(
  startup: KafkaTable["startup"],
  partition: number,
  known: {
    resumed: string | undefined;
    fromCheckpoint: boolean;
    /** The group's committed offset when this run's exactly-once sink committed it (RestorePoint.transactionStamp). */
    committedByThisRun?: number;
    committed: number | undefined;
    watermark: { low: number; high: number };
    /** The partition's offset for startup.timestampMillis (undefined: no record that late). */
    atTimestamp?: number;
  },
): StartOffset {
  const { resumed, committed, watermark: w } = known;
  if (known.committedByThisRun !== undefined) return { offset: known.committedByThisRun };
  if (resumed !== undefined) return { offset: Number(resumed) };
  if (known.fromCheckpoint && committed !== undefined) return { offset: committed };
  switch (startup.mode) {
    case "earliest-offset":
      return { offset: w.low };
    case "latest-offset":
      return { offset: w.high };
    case "timestamp":
      return { offset: known.atTimestamp ?? w.high };
    case "specific-offsets": {
      const given = startup.specificOffsets.find((s) => s.partition === partition);
      return { offset: given ? given.offset : (committed ?? w.low) };
    }
    case "group-offsets": {
      const reset = startup.offsetResetStrategy ?? "none";
      if (committed !== undefined) return { offset: committed };
      if (reset === "earliest") return { offset: w.low };
      if (reset === "latest") return { offset: w.high };
      return { missingCommit: true };
    }
  }
}

/** Start and stop offsets for the partitions one instance owns (start: see startOffset). */
export async function instanceOffsets(
  table: KafkaTable,
  admin: ClusterAdmin,
  partitions: Map<string, number[]>,
  instance: number,
  parallelism: number,
  groupId: string,
  restore: RestorePoint,
): Promise<InstanceOffsets> {
  const owned: Array<{ topic: string; partition: number }> = [];
  for (const [topic, list] of partitions) {
    for (const partition of list)
      if (splitOwner(topic, partition, parallelism) === instance) owned.push({ topic, partition });
  }
  const topics = [...new Set(owned.map((o) => o.topic))];
  const watermarks = new Map<string, { low: number; high: number }>();
  for (const topic of topics) {
    for (const [p, w] of await admin.watermarks(topic)) watermarks.set(tpKey(topic, p), w);
  }
  const needsCommitted =
    restore.fromCheckpoint ||
    restore.transactionStamp !== undefined ||
    table.startup.mode === "group-offsets" ||
    table.startup.mode === "specific-offsets" ||
    table.bounded.mode === "group-offsets" ||
    table.bounded.mode === "specific-offsets";
  const committedWithMetadata = needsCommitted
    ? await admin.committedOffsetsWithMetadata(groupId, topics)
    : new Map<string, { offset: number; metadata: string | null }>();
  const committed = new Map([...committedWithMetadata].map(([key, c]) => [key, c.offset]));
  // An exactly-once INSERT sharing its source's group keeps its transactions' offsets apart.
  const stamped =
    restore.transactionStamp !== undefined && restore.stateGroupId !== undefined
      ? await admin.committedOffsetsWithMetadata(restore.stateGroupId, topics)
      : committedWithMetadata;
  const byTimestamp = async (ts: number) => {
    const out = new Map<string, number>();
    for (const topic of topics)
      for (const [p, o] of await admin.offsetsForTimestamp(topic, ts)) out.set(tpKey(topic, p), o);
    return out;
  };

  const start = new Map<string, number>();
  const startupTimestamps =
    table.startup.mode === "timestamp"
      ? await byTimestamp(table.startup.timestampMillis ?? 0)
      : undefined;
  const missingCommit: string[] = [];
  for (const { topic, partition } of owned) {
    const key = tpKey(topic, partition);
    const chosen = startOffset(table.startup, partition, {
      resumed: restore.resumeFrom?.offsets[topic]?.[partition],
      fromCheckpoint: restore.fromCheckpoint,
      ...(restore.transactionStamp !== undefined &&
      stamped.get(key)?.metadata === restore.transactionStamp
        ? { committedByThisRun: stamped.get(key)!.offset }
        : {}),
      committed: committed.get(key),
      watermark: watermarks.get(key) ?? { low: 0, high: 0 },
      atTimestamp: startupTimestamps?.get(key),
    });
    if ("offset" in chosen) start.set(key, chosen.offset);
    else missingCommit.push(key);
  }
  if (missingCommit.length > 0) {
    // The Java consumer's NoOffsetForPartitionException text, with the way out.
    throw new JobConfigurationError(
      `Undefined offset with no reset policy for partitions: [${missingCommit.join(", ")}]. The group '${groupId}' has no committed offset there; set 'properties.auto.offset.reset' to 'earliest' or 'latest', or choose another 'scan.startup.mode'.`,
    );
  }

  if (table.bounded.mode === "unbounded") return { start };
  const stop = new Map<string, number>();
  const boundedTimestamps =
    table.bounded.mode === "timestamp"
      ? await byTimestamp(table.bounded.timestampMillis ?? 0)
      : undefined;
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

/** The group a source commits its offsets to (it never joins it): properties.group.id, or one of the job's own. */
export function checkpointGroupId(
  table: KafkaTable,
  properties: Record<string, string>,
  jobId: string,
  tablePath: string[],
): string {
  return properties["group.id"] ?? `tributary-${jobId}-${tablePath[tablePath.length - 1]}`;
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

/**
 * The transactional ids of an earlier run's instances that today's instance answers for: those past
 * today's parallelism, dealt round-robin (instance i takes i + N, i + 2N, …), each a sink instance's
 * id as this runtime builds it. Their open transactions would otherwise hold read_committed readers
 * back until the broker times them out.
 */
export function lingeringTransactionalIds(
  prefix: string,
  instance: number,
  parallelism: number,
  earlierParallelism = 0,
): string[] {
  const ids: string[] = [];
  for (let j = instance + parallelism; j < earlierParallelism; j += parallelism)
    ids.push(`${prefix}-${j}-0`);
  return ids;
}
