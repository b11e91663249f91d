/**
 * The partitioner contract of Flink's Kafka sink (org.apache.flink.connector.kafka.sink.KafkaPartitioner,
 * flink-connector-kafka 3.4): built-in `fixed` and custom partitioners — later uploaded as JS bundles
 * or JARs — all plug in through it. `default` and `round-robin` have no Flink partitioner at all: the
 * Kafka producer decides (see default-partitioning.ts).
 */
export interface KafkaPartitioner<T = unknown> {
  /** Called once on each parallel sink instance before the first record (optional, as in Flink). */
  open?(parallelInstanceId: number, parallelInstances: number): void;
  /**
   * The partition id to write the record to.
   * @param key the serialized key (null when the sink has no key format)
   * @param value the serialized value (null for a tombstone)
   * @param partitions the target topic's partition ids, sorted ascending, as Flink's sink context caches them
   */
  partition(
    record: T,
    key: Uint8Array | null,
    value: Uint8Array | null,
    targetTopic: string,
    partitions: readonly number[],
  ): number;
}

/**
 * FlinkFixedPartitioner: each parallel sink instance writes to one partition,
 * partitions[parallelInstanceId % partitions.length] — so with fewer sink instances than partitions
 * some partitions stay empty, and with more, several instances share one.
 */
export class FixedPartitioner<T = unknown> implements KafkaPartitioner<T> {
  private parallelInstanceId = 0;

  open(parallelInstanceId: number, parallelInstances: number): void {
    // Flink's preconditions, with Flink's messages.
    if (!(parallelInstanceId >= 0)) throw new Error("Id of this subtask cannot be negative.");
    if (!(parallelInstances > 0)) throw new Error("Number of subtasks must be larger than 0.");
    this.parallelInstanceId = parallelInstanceId;
  }

  partition(
    _record: T,
    _key: Uint8Array | null,
    _value: Uint8Array | null,
    _targetTopic: string,
    partitions: readonly number[],
  ): number {
    if (partitions.length === 0) throw new Error("Partitions of the target topic is empty.");
    return partitions[this.parallelInstanceId % partitions.length];
  }
}

/** One record a batched partitioner is asked about. */
export interface PartitionRequest<T = unknown> {
  record: T;
  key: Uint8Array | null;
  value: Uint8Array | null;
  targetTopic: string;
}

/**
 * A custom partitioner that runs outside this JavaScript heap (a JS module in an isolate, a JAR in
 * the JVM partitioner host): asked for many records at once so the boundary is crossed per batch.
 * The sink opens it before the first record and closes it with the instance.
 */
export interface BatchKafkaPartitioner<T = unknown> {
  /** Names the class and its resource in error messages, e.g. "partitioner 'X' (resource 'r' v2)". */
  readonly description: string;
  open(parallelInstanceId: number, parallelInstances: number): Promise<void>;
  /**
   * The partition of every request, in order. Each answer is one of its topic's partitions; a
   * failure is a PartitionerFailure naming the request it happened at.
   */
  partitionBatch(
    requests: readonly PartitionRequest<T>[],
    partitionsByTopic: ReadonlyMap<string, readonly number[]>,
  ): Promise<Int32Array>;
  close(): Promise<void>;
}

/** A batched partitioner failed: threw, broke a limit, or answered a partition not in the list. */
export class PartitionerFailure extends Error {
  constructor(
    message: string,
    /** The request of the batch it failed at, when known. */
    readonly index?: number,
    /** The partitioner's process died (not its answer): a restart may help. */
    readonly retriable = false,
  ) {
    super(message);
    this.name = "PartitionerFailure";
  }
}

export function isBatchPartitioner(value: unknown): value is BatchKafkaPartitioner<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.partitionBatch === "function" && typeof v.open === "function";
}
