import { KafkaDefaultPartitioning, type ProducerRecordData } from "./default-partitioning";
import type { KafkaPartitioner } from "./partitioner";

/**
 * One parallel sink instance's partition choice per record, as Flink 1.20's Kafka sink and the Java
 * producer behind it make it together: a Flink partitioner (`fixed`, custom) names the partition and
 * the producer checks it; without one the producer's default partitioning decides.
 */
export class SinkPartitioning<T = unknown> {
  constructor(
    private readonly flinkPartitioner: KafkaPartitioner<T> | undefined,
    private readonly producer: KafkaDefaultPartitioning,
    instance: { parallelInstanceId: number; parallelInstances: number },
  ) {
    flinkPartitioner?.open?.(instance.parallelInstanceId, instance.parallelInstances);
  }

  /** True when Flink picks the partition, i.e. the producer record carries one. */
  get hasFlinkPartitioner(): boolean {
    return this.flinkPartitioner !== undefined;
  }

  /**
   * @param partitions the target topic's partition ids, sorted ascending
   */
  partition(
    record: T,
    producerRecord: ProducerRecordData,
    targetTopic: string,
    partitions: readonly number[],
  ): number {
    if (!this.flinkPartitioner)
      return this.producer.partition(targetTopic, producerRecord, partitions.length);
    const chosen = this.flinkPartitioner.partition(
      record,
      producerRecord.key,
      producerRecord.value,
      targetTopic,
      partitions,
    );
    // The checks the Java producer applies to ProducerRecord.partition, with its messages.
    if (!Number.isInteger(chosen) || chosen < 0) {
      throw new Error(
        `Invalid partition: ${chosen}. Partition number should always be non-negative or null.`,
      );
    }
    if (chosen >= partitions.length) {
      throw new Error(
        `Invalid partition given with record: ${chosen} is not in the range [0...${partitions.length}).`,
      );
    }
    return chosen;
  }
}
