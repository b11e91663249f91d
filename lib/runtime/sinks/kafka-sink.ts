/**
 * The `kafka` and `upsert-kafka` sinks of one parallel instance (Flink's KafkaWriter): rows become
 * producer records (kafka-record.ts), the partition is chosen as Flink and the Java producer
 * together choose it (lib/partitioners), and the delivery guarantee decides what a checkpoint
 * does — nothing (none), flush (at-least-once), or commit the transaction together with the
 * source offsets (exactly-once). upsert-kafka's buffer-flush options reduce changes per key in a
 * buffer first, as Flink's ReducingUpsertWriter does.
 */
import { FormatError } from "@/lib/formats/format";
import {
  isUpsertKafkaTable,
  type ResolvedKafkaTable,
  type ResolvedUpsertKafkaTable,
} from "@/lib/connectors/resolved";
import {
  RecordWriter,
  type ClusterAdmin,
  type ClusterClient,
  type OutgoingRecord,
} from "@/lib/kafka/io";
import {
  isBatchPartitioner,
  PartitionerFailure,
  type AnyKafkaPartitioner,
  type BatchKafkaPartitioner,
  type PartitionRequest,
} from "@/lib/partitioners";
import type { SinkColumn } from "@/lib/sql/insert";
import type { RowKind, Value } from "@/lib/types/logical-type";
import { JobConfigurationError, RecordError } from "../failure";
import type { RecordCoordinates } from "../job-runtime";
import type { Backpressure, CheckpointOffsets, SinkCounters, SinkInstance } from "../operators";
import { readEncodedRecords, type EncodedRecords } from "../cpu-thread/packed";
import type { ProducedRecord } from "./kafka-record";
import { SinkEncoder } from "./sink-encoder";

export interface KafkaSinkOptions {
  table: ResolvedKafkaTable | ResolvedUpsertKafkaTable;
  columns: readonly SinkColumn[];
  client: ClusterClient;
  admin: ClusterAdmin;
  /** Sorted partitions of the topics known before the start. */
  partitions: Map<string, number[]>;
  instance: number;
  parallelism: number;
  /** Set for exactly-once. */
  transactionalId?: string;
  /** Exactly-once: stamped on the source offsets each transaction commits (see transactionStamp). */
  offsetsMetadata?: string;
  /** Exactly-once: transactional ids of an earlier run's instances to fence at start (lingeringTransactionalIds). */
  lingeringTransactionalIds?: readonly string[];
  transactionTimeoutMs?: number;
  /** A custom partitioner resolved from sink.partitioner, or Flink's fixed partitioner. */
  flinkPartitioner?: AnyKafkaPartitioner<readonly Value[]>;
  /**
   * Where the records go instead of a producer: the preview captures them (with the partition
   * chosen) and writes nothing. Everything before — serialization, NOT NULL checks, upsert
   * reduction, partitioning — is the sink's own.
   */
  writer?: SinkRecordWriter;
}

/** How many records a batched partitioner is asked about at once. */
export const PARTITION_BATCH_SIZE = 1024;

interface AwaitingPartition {
  record: ProducedRecord;
  row: readonly Value[];
  coords: RecordCoordinates;
}

/** What the sink uses of a RecordWriter. */
export type SinkRecordWriter = Pick<
  RecordWriter,
  | "connect"
  | "fence"
  | "write"
  | "send"
  | "flush"
  | "commitTransaction"
  | "abortTransaction"
  | "close"
  | "lastSendMs"
>;

const asBuffer = (bytes: Uint8Array | null): Buffer | null =>
  bytes === null
    ? null
    : Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class KafkaSink implements SinkInstance {
  readonly counters: SinkCounters = {
    numRecordsOut: 0,
    numBytesOut: 0,
    numRecordsOutErrors: 0,
    currentSendTime: 0,
  };
  readonly exactlyOnce: boolean;
  private readonly writer: SinkRecordWriter;
  private readonly encoder: SinkEncoder;
  private readonly topics: readonly string[];
  private readonly guarantee: ResolvedKafkaTable["deliveryGuarantee"];
  /** upsert-kafka's reduce buffer: serialized key → the latest change for that key. */
  private readonly reduceBuffer?: Map<
    string,
    { record: ProducedRecord; row: readonly Value[]; coords: RecordCoordinates }
  >;
  private readonly bufferMaxRows: number;
  private readonly bufferIntervalMs: number;
  private lastBufferFlush = Date.now();
  /** A batched (JS, JAR) partitioner, and the records waiting for its answer. */
  private readonly batchPartitioner?: BatchKafkaPartitioner<readonly Value[]>;
  private awaiting: AwaitingPartition[] = [];
  private partitionChain: Promise<void> = Promise.resolve();

  constructor(private readonly options: KafkaSinkOptions) {
    const { table } = options;
    this.guarantee = table.deliveryGuarantee;
    this.exactlyOnce = options.transactionalId !== undefined;
    this.writer =
      options.writer ??
      new RecordWriter({
        client: options.client,
        ...(options.transactionalId !== undefined
          ? {
              transactionalId: options.transactionalId,
              transactionTimeoutMs: options.transactionTimeoutMs,
            }
          : {}),
      });
    const producer = options.client.config.producer!;
    const flinkPartitioner = options.flinkPartitioner;
    if (isBatchPartitioner(flinkPartitioner)) this.batchPartitioner = flinkPartitioner;
    this.encoder = new SinkEncoder({
      table,
      columns: options.columns,
      upsert: isUpsertKafkaTable(table),
      instance: options.instance,
      parallelism: options.parallelism,
      ...(flinkPartitioner && !isBatchPartitioner(flinkPartitioner) ? { flinkPartitioner } : {}),
      batchSize: options.client.config.batching!.batchSize,
      ignoreKeys: producer.partitioner.ignoreKeys,
    });
    this.topics = table.topics ?? [];
    if (isUpsertKafkaTable(table) && table.bufferFlush.enabled) {
      this.reduceBuffer = new Map();
      this.bufferMaxRows = table.bufferFlush.maxRows;
      this.bufferIntervalMs = table.bufferFlush.intervalMs;
    } else {
      this.bufferMaxRows = 0;
      this.bufferIntervalMs = 0;
    }
  }

  private opening: Promise<void> | undefined;

  /**
   * Connects the producer (for exactly-once: fences an earlier producer of the same transactional
   * id, which completes or aborts its open transaction). Once; later calls wait for the first.
   */
  open(): Promise<void> {
    this.opening ??= this.connect();
    return this.opening;
  }

  private async connect(): Promise<void> {
    try {
      await this.encoder.open();
    } catch (error) {
      // A format that cannot start (schema registry unreachable or refusing the schema) is the job's failure.
      if (error instanceof FormatError)
        throw new JobConfigurationError(`The sink's format could not start: ${error.message}`);
      throw error;
    }
    await this.writer.connect();
    for (const id of this.options.lingeringTransactionalIds ?? []) await this.writer.fence(id);
    if (this.batchPartitioner) {
      try {
        await this.batchPartitioner.open(this.options.instance, this.options.parallelism);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new JobConfigurationError(`${this.batchPartitioner.description}: ${message}`);
      }
    }
  }

  write(kind: RowKind, row: Value[], coords: RecordCoordinates): Backpressure {
    const record = this.encoder.record(kind, row, coords);
    if (!record) return undefined;
    if (this.reduceBuffer) {
      const key =
        record.key === null
          ? ""
          : Buffer.from(record.key.buffer, record.key.byteOffset, record.key.byteLength).toString(
              "latin1",
            );
      this.reduceBuffer.set(key, { record, row, coords });
      if (this.reduceBuffer.size >= this.bufferMaxRows) return this.flushReduceBuffer();
      return undefined;
    }
    return this.send(record, row, coords);
  }

  /**
   * Records an instance's CPU thread encoded and partitioned (a pipelined plan), written in their
   * order as write() would have sent them.
   */
  writeEncoded(records: EncodedRecords): Backpressure {
    const pending: Array<Promise<void>> = [];
    readEncodedRecords(records, this.topics, (record, partition) => {
      const bp = this.emit(record, partition);
      if (bp) pending.push(bp);
    });
    return pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
  }

  /** Called often under the checkpoint lock: flushes upsert-kafka's buffer once its interval passed. */
  tick(): Backpressure {
    if (this.awaiting.length > 0) return this.flushAwaiting();
    if (
      this.reduceBuffer &&
      this.reduceBuffer.size > 0 &&
      Date.now() - this.lastBufferFlush >= this.bufferIntervalMs
    ) {
      return this.flushReduceBuffer();
    }
    return undefined;
  }

  async checkpoint(offsets: readonly CheckpointOffsets[]): Promise<void> {
    await this.flushReduceBuffer();
    await this.flushAwaiting();
    if (this.exactlyOnce)
      await this.writer.commitTransaction(offsets, this.options.offsetsMetadata);
    else if (this.guarantee !== "none") await this.writer.flush();
    else void this.writer.send();
    this.counters.currentSendTime = this.writer.lastSendMs;
  }

  async abort(): Promise<void> {
    if (this.exactlyOnce) await this.writer.abortTransaction().catch(() => {});
  }

  async close(): Promise<void> {
    try {
      await this.writer.close();
    } finally {
      await this.batchPartitioner?.close().catch(() => {});
    }
  }

  /** Asks the batched partitioner about the records waiting, then sends them in order. */
  private flushAwaiting(): Promise<void> {
    if (this.awaiting.length === 0) return this.partitionChain;
    const batch = this.awaiting;
    this.awaiting = [];
    this.partitionChain = this.partitionChain.then(() => this.partitionAndSend(batch));
    return this.partitionChain;
  }

  private async partitionAndSend(batch: AwaitingPartition[]): Promise<void> {
    const partitioner = this.batchPartitioner!;
    const known = this.options.partitions;
    const unknown = [...new Set(batch.map((b) => b.record.topic))].filter((t) => !known.has(t));
    if (unknown.length > 0) {
      for (const [topic, partitions] of await this.options.admin.topicPartitions(unknown, "sink"))
        known.set(topic, partitions);
    }
    const requests: PartitionRequest<readonly Value[]>[] = batch.map(({ record, row }) => ({
      record: row,
      key: record.key,
      value: record.value,
      targetTopic: record.topic,
    }));
    let chosen: Int32Array;
    try {
      chosen = await partitioner.partitionBatch(requests, known);
    } catch (error) {
      const index = error instanceof PartitionerFailure ? error.index : undefined;
      const message = error instanceof Error ? error.message : String(error);
      // A partitioner process that died restarts with the job (its restart strategy); a bad answer does not.
      if (error instanceof PartitionerFailure && error.retriable)
        throw new Error(`${partitioner.description}: ${message}`);
      throw new RecordError(
        `${partitioner.description} failed ${index === undefined ? "in the batch starting " : ""}at this record: ${message}`,
        batch[index ?? 0].coords,
      );
    }
    let pending: Array<Promise<void>> | undefined;
    for (let i = 0; i < batch.length; i++) {
      const bp = this.emit(batch[i].record, chosen[i]);
      if (bp) (pending ??= []).push(bp);
    }
    if (pending) await Promise.all(pending);
  }

  private async flushReduceBuffer(): Promise<void> {
    if (!this.reduceBuffer || this.reduceBuffer.size === 0) return;
    const entries = [...this.reduceBuffer.values()];
    this.reduceBuffer.clear();
    this.lastBufferFlush = Date.now();
    for (const { record, row, coords } of entries) await this.send(record, row, coords);
  }

  private send(
    record: ProducedRecord,
    row: readonly Value[],
    coords: RecordCoordinates,
  ): Backpressure {
    if (this.batchPartitioner) {
      this.awaiting.push({ record, row, coords });
      return this.awaiting.length >= PARTITION_BATCH_SIZE ? this.flushAwaiting() : undefined;
    }
    const partitions = this.options.partitions.get(record.topic);
    if (!partitions) return this.sendToNewTopic(record, row, coords);
    const partition = this.encoder.partition(record, row, coords, partitions);
    return this.emit(record, partition);
  }

  private emit(record: ProducedRecord, partition: number): Backpressure {
    const outgoing: OutgoingRecord = {
      topic: record.topic,
      partition,
      key: asBuffer(record.key),
      value: asBuffer(record.value),
    };
    if (record.timestamp !== undefined) outgoing.timestamp = record.timestamp;
    if (record.headers) {
      outgoing.headers = {};
      for (const h of record.headers) {
        const existing = outgoing.headers[h.key];
        const value = asBuffer(h.value)!;
        outgoing.headers[h.key] =
          existing === undefined ? value : ([] as Array<Buffer | string>).concat(existing, value);
      }
    }
    this.counters.numRecordsOut++;
    this.counters.numBytesOut += (record.key?.length ?? 0) + (record.value?.length ?? 0);
    const pending = this.writer.write(outgoing);
    if (pending) {
      return pending.then(() => {
        this.counters.currentSendTime = this.writer.lastSendMs;
      });
    }
    return undefined;
  }

  /** A topic chosen through the `topic` metadata column that was not described yet (topic-pattern sinks). */
  private async sendToNewTopic(
    record: ProducedRecord,
    row: readonly Value[],
    coords: RecordCoordinates,
  ): Promise<void> {
    const described = await this.options.admin.topicPartitions([record.topic], "sink");
    for (const [topic, partitions] of described) this.options.partitions.set(topic, partitions);
    await this.send(record, row, coords);
  }
}
