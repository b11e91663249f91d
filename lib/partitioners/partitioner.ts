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
