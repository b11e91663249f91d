import { partitionForKey, toPositive } from "./murmur2";

/**
 * The partition choice of Kafka's Java producer (kafka-clients 3.4, KafkaProducer#partition and
 * BuiltInPartitioner) when a record carries no partition — what Flink's `default` and `round-robin`
 * sink partitioners leave to the producer:
 * - a record with a key (any byte array, even empty) goes to toPositive(murmur2(key)) % partition count;
 * - a record without one (or with partitioner.ignore.keys=true) goes to the topic's "sticky" partition
 *   (KIP-794): the producer stays on one partition until it has appended batch.size bytes to it, then
 *   switches to a partition chosen at random among those with a leader — possibly the same one again.
 *
 * Two parts of the Java producer depend on its sender thread's timing and are not reproduced: the
 * switch may be deferred (up to 2 × batch.size) while the partition's last batch is not yet full, and
 * with several partitions backed up the next partition is weighted by queue sizes (adaptive
 * partitioning). With linger.ms=0, the default of kafka-clients 3.4, batches leave as soon as the
 * sender is free, which makes the plain rule below the common case. Byte counts are those of the
 * uncompressed record batch format v2 (compression makes Java estimate them).
 */

export interface RecordHeader {
  key: string;
  value: Uint8Array | null;
}

/** What the producer knows of a record when it picks its partition. */
export interface ProducerRecordData {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: readonly RecordHeader[];
  /** Epoch milliseconds; the producer's clock when absent. */
  timestamp?: number;
}

export interface DefaultPartitioningOptions {
  /** The producer's batch.size: bytes appended to the sticky partition before switching. Default 16384. */
  batchSize?: number;
  /** partitioner.ignore.keys: use the sticky partition even for records with a key. Default false. */
  ignoreKeys?: boolean;
  /** A non-negative 31-bit random integer per call (Java: toPositive(ThreadLocalRandom.nextInt())). */
  random?: () => number;
}

/** DefaultRecordBatch.RECORD_BATCH_OVERHEAD: the header every record batch starts with. */
export const RECORD_BATCH_OVERHEAD = 61;
export const DEFAULT_BATCH_SIZE = 16384;

interface StickyPartition {
  partition: number;
  producedBytes: number;
  /** The batch being filled on that partition, modelled to count batch headers as Java does. */
  batchBytes: number;
  batchRecords: number;
  batchFirstTimestamp: number;
}

export class KafkaDefaultPartitioning {
  private readonly batchSize: number;
  private readonly ignoreKeys: boolean;
  private readonly random: () => number;
  /** One sticky partition per topic, as the producer keeps one BuiltInPartitioner per topic. */
  private readonly sticky = new Map<string, StickyPartition>();

  constructor(options: DefaultPartitioningOptions = {}) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      // BuiltInPartitioner's own check.
      throw new Error(`stickyBatchSize must be >= 1 but got ${this.batchSize}`);
    }
    this.ignoreKeys = options.ignoreKeys ?? false;
    this.random = options.random ?? (() => Math.floor(Math.random() * 0x80000000));
  }

  /**
   * @param partitionCount the topic's number of partitions
   * @param availablePartitions the partitions that have a leader; all of them when absent
   */
  partition(
    topic: string,
    record: ProducerRecordData,
    partitionCount: number,
    availablePartitions?: readonly number[],
  ): number {
    if (!(partitionCount > 0)) throw new Error(`Topic ${topic} has no partitions to write to.`);
    if (record.key !== null && !this.ignoreKeys) return partitionForKey(record.key, partitionCount);

    let sticky = this.sticky.get(topic);
    if (!sticky) {
      sticky = this.stickTo(this.nextPartition(partitionCount, availablePartitions));
      this.sticky.set(topic, sticky);
    }
    const chosen = sticky.partition;
    sticky.producedBytes += this.append(sticky, record);
    if (sticky.producedBytes >= this.batchSize) {
      this.sticky.set(topic, this.stickTo(this.nextPartition(partitionCount, availablePartitions)));
    }
    return chosen;
  }

  /** BuiltInPartitioner#nextPartition without load statistics: uniform over partitions with a leader. */
  private nextPartition(partitionCount: number, available: readonly number[] | undefined): number {
    const random = toPositive(this.random());
    if (available && available.length > 0) return available[random % available.length];
    return random % partitionCount;
  }

  private stickTo(partition: number): StickyPartition {
    return { partition, producedBytes: 0, batchBytes: 0, batchRecords: 0, batchFirstTimestamp: 0 };
  }

  /** The bytes RecordAccumulator reports as appended: the record, plus a batch header when it opens a batch. */
  private append(sticky: StickyPartition, record: ProducerRecordData): number {
    const timestamp = record.timestamp ?? Date.now();
    if (sticky.batchRecords > 0) {
      const size = recordSizeInBytes(
        sticky.batchRecords,
        timestamp - sticky.batchFirstTimestamp,
        record,
      );
      if (sticky.batchBytes + size <= this.batchSize) {
        sticky.batchBytes += size;
        sticky.batchRecords += 1;
        return size;
      }
    }
    // A new batch: the record is its first (offset and timestamp deltas 0).
    const size = recordSizeInBytes(0, 0, record);
    sticky.batchBytes = RECORD_BATCH_OVERHEAD + size;
    sticky.batchRecords = 1;
    sticky.batchFirstTimestamp = timestamp;
    return RECORD_BATCH_OVERHEAD + size;
  }
}

const utf8 = new TextEncoder();

/** DefaultRecord.sizeInBytes: one record's size in a v2 record batch. */
export function recordSizeInBytes(
  offsetDelta: number,
  timestampDelta: number,
  record: ProducerRecordData,
): number {
  let body = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta);
  body += sizeOfNullableBytes(record.key?.length ?? null);
  body += sizeOfNullableBytes(record.value?.length ?? null);
  const headers = record.headers ?? [];
  body += sizeOfVarint(headers.length);
  for (const header of headers) {
    body += sizeOfNullableBytes(utf8.encode(header.key).length);
    body += sizeOfNullableBytes(header.value?.length ?? null);
  }
  return sizeOfVarint(body) + body;
}

function sizeOfNullableBytes(length: number | null): number {
  return length === null ? 1 : sizeOfVarint(length) + length;
}

/** ByteUtils.sizeOfVarint: zig-zag encoded, 7 bits per byte. */
export function sizeOfVarint(value: number): number {
  return sizeOfUnsigned((value << 1) ^ (value >> 31));
}

/** ByteUtils.sizeOfVarlong for the deltas a batch can hold (exact up to 2^52). */
export function sizeOfVarlong(value: number): number {
  return sizeOfUnsigned(value >= 0 ? value * 2 : -value * 2 - 1);
}

function sizeOfUnsigned(zigzag: number): number {
  let v = zigzag >= 0 ? zigzag : zigzag + 0x100000000;
  let bytes = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    bytes++;
  }
  return bytes;
}
