/**
 * A parallel sink instance's Kafka producer. Records arrive with their partition already chosen
 * (the runtime computes the Java producer's choice), are buffered per topic and sent in batches,
 * one request in flight at a time — kafkajs's idempotent producer numbers sequences per response,
 * so concurrent sends would break them. As the Java producer's sender thread does, what is
 * buffered leaves once the producer is free and linger.ms has passed, and a batch grows while a
 * request is in flight, up to a request's size. With a transactional id every write belongs to the
 * open transaction, which commits together with the source offsets (Flink's exactly-once KafkaWriter).
 */
import type { IHeaders, Message, Producer, Transaction } from "kafkajs";
import { CompressionTypes } from "./kafkajs";
import type { ClusterClient } from "./clients";
import { toTopicPartitionOffsets } from "./record-reader";

export interface OutgoingRecord {
  topic: string;
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  /** Epoch millis (CreateTime); the producer's clock when absent. */
  timestamp?: number;
  headers?: IHeaders;
}

export interface RecordWriterOptions {
  client: ClusterClient;
  transactionalId?: string;
  transactionTimeoutMs?: number;
  /** Send when this many records are buffered (default 10 000). */
  maxBatchRecords?: number;
  /** Records written but not yet acknowledged before write() asks the caller to wait (default 2 × maxBatchRecords). */
  maxUnacknowledgedRecords?: number;
  /** Requests sent or queued but not yet acknowledged before write() asks the caller to wait (default 4). */
  maxUnacknowledgedRequests?: number;
  /** Send when one partition has this many records buffered (default 4 000); see PARTITION_BATCH_RECORDS. */
  maxPartitionBatchRecords?: number;
}

/**
 * Records a request carries per partition. kafkajs sends an idempotent producer's requests one at a
 * time, so each costs a round trip to the broker: larger requests spend fewer of them. (kafkajs's
 * own per-partition grouping is quadratic and kept this at 500; lib/kafka/kafkajs.ts replaces it.)
 */
const PARTITION_BATCH_RECORDS = 4_000;

/**
 * One request on the wire and a few queued behind it (kafkajs sends an idempotent producer's
 * requests one at a time) keep the broker busy while the caller fetches and encodes more; a
 * longer queue only adds records that survive young-generation GCs and measured no faster.
 */
const UNACKNOWLEDGED_REQUESTS = 4;

interface TopicBuffer {
  messages: Message[];
  /** Records buffered per partition. */
  perPartition: number[];
}

/**
 * Group-coordinator errors a TxnOffsetCommit may meet while __consumer_offsets is still being
 * created or loaded (a fresh cluster, a broker restart): kafkajs gives up on them after one
 * lookup; the Java producer keeps retrying until its timeout, and so does this.
 */
const COORDINATOR_NOT_READY = new Set([
  "COORDINATOR_NOT_AVAILABLE",
  "GROUP_COORDINATOR_NOT_AVAILABLE",
  "NOT_COORDINATOR",
  "NOT_COORDINATOR_FOR_GROUP",
  "COORDINATOR_LOAD_IN_PROGRESS",
  "GROUP_LOAD_IN_PROGRESS",
]);
const SEND_OFFSETS_DEADLINE_MS = 60_000;

async function sendOffsetsRetrying(
  txn: Transaction,
  offsets: Parameters<Transaction["sendOffsets"]>[0],
): Promise<void> {
  const deadline = Date.now() + SEND_OFFSETS_DEADLINE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await txn.sendOffsets(offsets);
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (!type || !COORDINATOR_NOT_READY.has(type) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2_000)));
    }
  }
}

const COMPRESSION = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
} as const;

export class RecordWriter {
  /** Milliseconds the last send took (Flink's currentSendTime gauge). */
  lastSendMs = 0;
  recordsSent = 0;
  private producer: Producer | undefined;
  private transaction: Transaction | undefined;
  private buffer = new Map<string, TopicBuffer>();
  private bufferedRecords = 0;
  private bufferedBytes = 0;
  private inFlight: Promise<void> = Promise.resolve();
  /** Requests sent or queued behind the one in flight, oldest first. */
  private readonly unacknowledged: Array<{
    records: number;
    bytes: number;
    acknowledged: Promise<void>;
  }> = [];
  private unacknowledgedRecords = 0;
  private unacknowledgedBytes = 0;
  private readonly maxUnacknowledgedRecords: number;
  private readonly maxUnacknowledgedBytes: number;
  private readonly maxUnacknowledgedRequests: number;
  private readonly lingerMs: number;
  private drainScheduled = false;
  private closed = false;
  private failure: unknown;
  private readonly maxBatchRecords: number;
  private readonly maxPartitionBatchRecords: number;
  private readonly maxBatchBytes: number;
  private readonly compression: CompressionTypes;

  constructor(private readonly options: RecordWriterOptions) {
    const { config } = options.client;
    this.maxBatchRecords = options.maxBatchRecords ?? 10_000;
    this.maxPartitionBatchRecords = options.maxPartitionBatchRecords ?? PARTITION_BATCH_RECORDS;
    // One produce request must stay under max.request.size.
    this.maxBatchBytes = Math.max(1024, Math.floor(config.batching!.maxRequestSize * 0.9));
    // The window of records the caller may write ahead of the broker's acknowledgements.
    this.maxUnacknowledgedRecords = options.maxUnacknowledgedRecords ?? 2 * this.maxBatchRecords;
    this.maxUnacknowledgedRequests = options.maxUnacknowledgedRequests ?? UNACKNOWLEDGED_REQUESTS;
    this.maxUnacknowledgedBytes = 4 * this.maxBatchBytes;
    this.lingerMs = config.batching!.lingerMs;
    const codec = config.send!.compression;
    this.compression = COMPRESSION[codec];
  }

  get transactional(): boolean {
    return this.options.transactionalId !== undefined;
  }

  async connect(): Promise<void> {
    const { config, kafka } = this.options.client;
    const p = config.producer!;
    const transactional = this.transactional;
    this.producer = kafka.producer({
      idempotent: transactional || p.idempotent,
      maxInFlightRequests: transactional || p.idempotent ? 1 : p.maxInFlightRequests,
      allowAutoTopicCreation: false,
      metadataMaxAge: p.metadataMaxAge,
      ...(transactional
        ? {
            transactionalId: this.options.transactionalId,
            transactionTimeout: this.options.transactionTimeoutMs ?? p.transactionTimeout,
          }
        : {}),
      retry: { retries: 8 },
    });
    await this.producer.connect();
    // kafkajs initialises a transactional id only when a transaction begins. Beginning the first
    // one now fences an earlier producer of the same id — its open transaction is aborted, a commit
    // it started is completed — before anything reads what that producer committed.
    if (transactional) this.transaction = await this.producer.transaction();
  }

  /** Buffers a record; the returned promise (when there is one) is backpressure the caller should await. */
  write(record: OutgoingRecord): Promise<void> | undefined {
    if (this.failure !== undefined) throw this.failure;
    let topic = this.buffer.get(record.topic);
    if (!topic) this.buffer.set(record.topic, (topic = { messages: [], perPartition: [] }));
    const message: Message = { key: record.key, value: record.value, partition: record.partition };
    if (record.timestamp !== undefined) message.timestamp = String(record.timestamp);
    if (record.headers !== undefined) message.headers = record.headers;
    topic.messages.push(message);
    const inPartition = (topic.perPartition[record.partition] ?? 0) + 1;
    topic.perPartition[record.partition] = inPartition;
    this.bufferedRecords++;
    this.bufferedBytes += (record.key?.length ?? 0) + (record.value?.length ?? 0) + 24;
    if (
      inPartition >= this.maxPartitionBatchRecords ||
      this.bufferedRecords >= this.maxBatchRecords ||
      this.bufferedBytes >= this.maxBatchBytes
    ) {
      void this.send();
      return this.backpressure();
    }
    if (this.unacknowledged.length === 0) this.scheduleDrain();
    return undefined;
  }

  /**
   * Sends the buffer once linger.ms has passed (0: after the records being written now) if no
   * request is in flight by then; otherwise the request in flight drains it when acknowledged.
   */
  private scheduleDrain(): void {
    if (this.drainScheduled || this.closed) return;
    this.drainScheduled = true;
    const drain = () => {
      this.drainScheduled = false;
      if (
        !this.closed &&
        this.failure === undefined &&
        this.unacknowledged.length === 0 &&
        this.bufferedRecords > 0
      )
        void this.send();
    };
    if (this.lingerMs > 0) setTimeout(drain, this.lingerMs);
    else setImmediate(drain);
  }

  /** Sends what is buffered after the request in flight; resolves when this batch is acknowledged. */
  send(): Promise<void> {
    if (this.bufferedRecords === 0) return this.inFlight;
    const topicMessages = [...this.buffer].map(([topic, { messages }]) => ({ topic, messages }));
    const count = this.bufferedRecords;
    const bytes = this.bufferedBytes;
    this.buffer = new Map();
    this.bufferedRecords = 0;
    this.bufferedBytes = 0;
    const previous = this.inFlight;
    this.unacknowledgedRecords += count;
    this.unacknowledgedBytes += bytes;
    this.inFlight = (async () => {
      try {
        await previous;
        const started = Date.now();
        const { acks, timeout } = this.options.client.config.send!;
        try {
          const target = await this.target();
          await target.sendBatch({ topicMessages, acks, timeout, compression: this.compression });
        } catch (error) {
          this.failure ??= error;
          throw error;
        }
        this.lastSendMs = Date.now() - started;
        this.recordsSent += count;
      } finally {
        this.unacknowledged.shift();
        this.unacknowledgedRecords -= count;
        this.unacknowledgedBytes -= bytes;
        // The producer is free: what was written meanwhile is the next batch.
        if (this.unacknowledged.length === 0 && this.bufferedRecords > 0) this.scheduleDrain();
      }
    })();
    this.unacknowledged.push({ records: count, bytes, acknowledged: this.inFlight });
    // The failure is rethrown by write/flush; keep the chained promise from being "unhandled".
    this.inFlight.catch(() => {});
    return this.inFlight;
  }

  /**
   * Backpressure once more than a window of requests (or records, or bytes) waits for
   * acknowledgement: the promise of the oldest request whose acknowledgement brings the backlog
   * back into the window. Below it the caller reads on while requests are in flight, so fetching
   * and encoding overlap the broker's round trip.
   */
  private backpressure(): Promise<void> | undefined {
    let requests = this.unacknowledged.length;
    let records = this.unacknowledgedRecords;
    let bytes = this.unacknowledgedBytes;
    const within = () =>
      requests <= this.maxUnacknowledgedRequests &&
      records <= this.maxUnacknowledgedRecords &&
      bytes <= this.maxUnacknowledgedBytes;
    if (within()) return undefined;
    for (const request of this.unacknowledged) {
      requests--;
      records -= request.records;
      bytes -= request.bytes;
      if (within()) return request.acknowledged;
    }
    return this.inFlight;
  }

  /** Sends everything buffered and waits until the broker acknowledged it (Flink's flush on checkpoint). */
  async flush(): Promise<void> {
    await this.send();
    await this.inFlight;
    if (this.failure !== undefined) throw this.failure;
  }

  /**
   * Flushes, commits the source offsets (per consumer group) inside the transaction and commits it.
   * `metadata` goes with every committed offset (the commit's stamp, read back on restore).
   */
  async commitTransaction(
    offsets: ReadonlyArray<{ groupId: string; offsets: ReadonlyMap<string, number> }> = [],
    metadata?: string,
  ): Promise<void> {
    await this.flush();
    for (const group of offsets) {
      if (group.offsets.size === 0) continue;
      const txn = (await this.target()) as Transaction;
      const byTopic = new Map<
        string,
        Array<{ partition: number; offset: string; metadata?: string }>
      >();
      for (const o of toTopicPartitionOffsets(group.offsets)) {
        let list = byTopic.get(o.topic);
        if (!list) byTopic.set(o.topic, (list = []));
        list.push({
          partition: o.partition,
          offset: o.offset,
          ...(metadata !== undefined ? { metadata } : {}),
        });
      }
      await sendOffsetsRetrying(txn, {
        consumerGroupId: group.groupId,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      });
    }
    const txn = this.transaction;
    this.transaction = undefined;
    if (txn) await txn.commit();
  }

  /**
   * Fences another transactional id: initialising a transactional producer with it aborts whatever
   * transaction it left open (a producer of an earlier run that is gone), then lets it go.
   */
  async fence(transactionalId: string): Promise<void> {
    const p = this.options.client.config.producer!;
    const producer = this.options.client.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      transactionalId,
      transactionTimeout: this.options.transactionTimeoutMs ?? p.transactionTimeout,
      allowAutoTopicCreation: false,
      retry: { retries: 8 },
    });
    await producer.connect();
    try {
      await (await producer.transaction()).abort(); // nothing was sent: no request, only the fencing
    } finally {
      await producer.disconnect();
    }
  }

  async abortTransaction(): Promise<void> {
    const txn = this.transaction;
    this.transaction = undefined;
    this.buffer = new Map();
    this.bufferedRecords = 0;
    this.bufferedBytes = 0;
    await this.inFlight.catch(() => {});
    if (txn && txn.isActive()) await txn.abort();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.producer?.disconnect().catch(() => {});
  }

  private async target(): Promise<Producer | Transaction> {
    if (!this.producer) throw new Error("The Kafka producer is not connected.");
    if (!this.transactional) return this.producer;
    this.transaction ??= await this.producer.transaction();
    return this.transaction;
  }
}
