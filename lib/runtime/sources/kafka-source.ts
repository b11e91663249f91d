/**
 * The `kafka` / `upsert-kafka` source of one parallel instance (Flink's KafkaSourceReader): it
 * reads the partitions Flink's enumerator would give this instance, from the offsets the startup
 * mode (or a resume point, or the last checkpoint) says, up to the bounded mode's end offsets;
 * decodes keys and values with their formats and fills metadata columns. A record that does not
 * decode fails the job with its coordinates, unless the format's ignore-parse-errors skips it.
 */
import type { ResolvedKafkaTable, ResolvedUpsertKafkaTable } from "@/lib/connectors/resolved";
import { whileCoordinatorLoads } from "@/lib/kafka/cluster-admin";
import {
  RecordReader,
  splitOwner,
  tpKey,
  type ClusterClient,
  type SourceRecordBatch,
} from "@/lib/kafka/io";
import type { BatchOffload, ProcessedBatch } from "../cpu-thread/cpu-thread";
import { BatchesInFlight } from "../cpu-thread/in-flight";
import type {
  CheckpointLock,
  CheckpointOffsets,
  Downstream,
  SourceCounters,
  SourceInstance,
} from "../operators";
import { KafkaRecordDecoder, type ScanColumn } from "./kafka-record-decoder";

export type { ScanColumn } from "./kafka-record-decoder";

export interface KafkaSourceOptions {
  table: ResolvedKafkaTable | ResolvedUpsertKafkaTable;
  scanColumns: readonly ScanColumn[];
  client: ClusterClient;
  instance: number;
  parallelism: number;
  /** The group the instance joins; offsets are committed to it when `commitOffsets`. */
  groupId: string;
  /**
   * Exactly-once, when another INSERT of the job reads with `groupId` (or `groupId` is to get no
   * commits): the group this INSERT's
   * transactions commit the offsets to (its own state); `groupId` then gets them after each
   * commit, for monitoring (see run-job.ts prepareSource).
   */
  stateGroupId?: string;
  /** 'commit.offsets.on.checkpoint': whether `groupId` gets offsets (a state group gets them regardless). */
  commitOffsets: boolean;
  /** Owned "topic-partition" → first offset to read. */
  startOffsets: Map<string, number>;
  /** Owned "topic-partition" → offset to stop before (bounded modes). */
  stopOffsets?: Map<string, number>;
  topics: string[];
  /** Every partition of the topics read at the start (owned by any instance), sorted per topic. */
  partitions: ReadonlyMap<string, readonly number[]>;
  /** scan.topic-partition-discovery: how to find partitions that appear while the job runs. */
  discovery?: PartitionDiscovery;
  onLog?(level: "INFO" | "WARN", message: string): void;
  /**
   * The instance's CPU thread, when the plan is pipelined (lib/runtime/cpu-thread): fetched
   * batches go there to be decoded, evaluated and encoded, and what comes back is written into the
   * sink in fetch order, instead of rows being pushed downstream on this event loop.
   */
  offload?: BatchOffload;
}

export interface PartitionDiscovery {
  /** scan.topic-partition-discovery.interval; 0 disables discovery. */
  intervalMs: number;
  /** The topics read now with their partitions: the pattern's current matches, or the listed topics. */
  discover(): Promise<Map<string, number[]>>;
  /** Partition → earliest offset of a topic. */
  earliestOffsets(topic: string): Promise<Map<number, number>>;
}

export class KafkaSource implements SourceInstance {
  readonly counters: SourceCounters = { numRecordsIn: 0, numBytesIn: 0, numRecordsInErrors: 0 };
  private reader: RecordReader | undefined;
  /** Whether the current reader is connected (only then can it commit). */
  private readerStarted = false;
  private running: { downstream: Downstream; lock: CheckpointLock } | undefined;
  private readonly topics: string[];
  /** Every "topic-partition" seen so far, owned or not. */
  private readonly known: Set<string>;
  private discoveryTimer: NodeJS.Timeout | undefined;
  private discovering = false;
  /** Next offset per owned partition, advanced only under the checkpoint lock. */
  private readonly positions: Map<string, number>;
  private readonly done = new Set<string>();
  private halted = false;
  private readonly decoder: KafkaRecordDecoder;
  /**
   * Pipelined: the next offset per partition after the batches handed to the CPU thread, which
   * run ahead of `positions` (those advance only once a batch's output is in the sink).
   */
  private readonly submitted = new Map<string, number>();
  private readonly inFlight = new BatchesInFlight();
  private finish!: () => void;
  private fail!: (e: unknown) => void;
  private readonly finished: Promise<void>;

  constructor(private readonly options: KafkaSourceOptions) {
    this.decoder = new KafkaRecordDecoder(options.table, options.scanColumns);
    this.positions = new Map(options.startOffsets);
    this.topics = [...options.topics];
    this.known = new Set(
      [...options.partitions].flatMap(([topic, partitions]) =>
        partitions.map((p) => tpKey(topic, p)),
      ),
    );
    this.finished = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
    this.finished.catch(() => {});
  }

  run(downstream: Downstream, lock: CheckpointLock): Promise<void> {
    const { options } = this;
    for (const [key, start] of this.positions) {
      const stop = options.stopOffsets?.get(key);
      if (stop !== undefined && start >= stop) this.done.add(key);
      // As Flink's KafkaSourceReader logs each split it is assigned, with its starting offset.
      options.onLog?.(
        "INFO",
        `Reading ${key} from offset ${start}${stop !== undefined ? ` up to offset ${stop}` : ""}.`,
      );
    }
    if (this.allDone()) {
      this.finish();
      return this.finished;
    }
    this.running = { downstream, lock };
    // Flink's enumerator discovers only for unbounded sources and a positive interval.
    const discovery = options.discovery;
    if (discovery && discovery.intervalMs > 0 && !options.stopOffsets) {
      this.discoveryTimer = setInterval(() => {
        this.discoverPartitions().catch((e) => this.fail(e));
      }, discovery.intervalMs);
    }
    // With nothing owned the instance idles (until discovery gives it partitions, or it is stopped).
    if (this.positions.size > 0) this.startReader();
    return this.finished;
  }

  private startReader(): void {
    const { options } = this;
    const { downstream, lock } = this.running!;
    // Batches of a reader that discovery replaced are dropped: the new reader reads them again.
    const current = () => this.reader === reader;
    const reader: RecordReader = new RecordReader({
      client: options.client,
      groupId: options.groupId,
      topics: [...this.topics],
      startOffsets: this.positions,
      offsetReset: offsetResetStrategy(options.table.startup),
      onBatch: (batch) => {
        if (!current()) return Promise.resolve();
        const offload = options.offload;
        if (offload) return this.submit(batch, offload, lock, current);
        return lock
          .run(() => (current() ? this.process(batch, downstream) : undefined))
          .catch((e) => this.fail(e));
      },
      onError: (e) => {
        if (current()) this.fail(e);
      },
      onReset: (topic, partition, from, to) =>
        lock.run(() => {
          if (!current()) return;
          this.positions.set(tpKey(topic, partition), to);
          this.submitted.set(tpKey(topic, partition), to);
          options.onLog?.(
            "WARN",
            `Offset ${from} of ${tpKey(topic, partition)} is out of range (deleted by retention?); reading on from offset ${to}.`,
          );
        }),
      onSkipped: (topic, partition, next) => {
        const skipped = tpKey(topic, partition);
        if (next > (this.submitted.get(skipped) ?? -1)) this.submitted.set(skipped, next);
        void lock.run(() => {
          if (!current()) return;
          const key = tpKey(topic, partition);
          if (next > (this.positions.get(key) ?? -1)) this.positions.set(key, next);
          this.checkDone(topic, partition);
        });
      },
    });
    this.reader = reader;
    this.readerStarted = false;
    // A new reader starts from the positions: nothing of an earlier one is in flight any more.
    this.submitted.clear();
    for (const key of this.done) {
      const cut = key.lastIndexOf("-");
      reader.pause(key.slice(0, cut), Number(key.slice(cut + 1)));
    }
    reader
      .start()
      .then(() => {
        if (current()) this.readerStarted = true;
      })
      .catch((e) => {
        if (current()) this.fail(e);
      });
  }

  /**
   * One round of Flink's partition discovery: partitions that appeared since the start (a new topic
   * matching the pattern, new partitions of a read topic) and that this instance owns are read
   * from their earliest offset, as KafkaSourceEnumerator's newDiscoveryOffsetsInitializer does.
   */
  private async discoverPartitions(): Promise<void> {
    const { discovery, instance, parallelism } = this.options;
    if (!discovery || this.discovering || this.halted) return;
    this.discovering = true;
    try {
      const found = await discovery.discover();
      const owned: Array<{ topic: string; partition: number }> = [];
      for (const [topic, partitions] of found) {
        for (const partition of partitions) {
          const key = tpKey(topic, partition);
          if (this.known.has(key)) continue;
          this.known.add(key);
          if (splitOwner(topic, partition, parallelism) === instance)
            owned.push({ topic, partition });
        }
      }
      if (owned.length === 0 || this.halted) return;
      const earliest = new Map<string, number>();
      for (const topic of new Set(owned.map((o) => o.topic))) {
        for (const [partition, offset] of await discovery.earliestOffsets(topic))
          earliest.set(tpKey(topic, partition), offset);
      }
      const retired = this.reader;
      // Retire the reader first (its queued batches are dropped), stop it outside the lock (its
      // last batch may be waiting for the lock), then start one that also reads the new partitions.
      await this.running!.lock.run(() => {
        this.reader = undefined;
      });
      await retired?.stop();
      await this.running!.lock.run(() => {
        if (this.halted) return;
        for (const { topic, partition } of owned) {
          this.positions.set(tpKey(topic, partition), earliest.get(tpKey(topic, partition)) ?? 0);
          if (!this.topics.includes(topic)) this.topics.push(topic);
        }
        this.options.onLog?.(
          "INFO",
          `Discovered ${owned.length === 1 ? "a new partition" : `${owned.length} new partitions`} to read: ${owned.map((o) => tpKey(o.topic, o.partition)).join(", ")}.`,
        );
        this.startReader();
      });
    } finally {
      this.discovering = false;
    }
  }

  /**
   * The records of a batch the instance processes: from the partition's next offset (a fetch
   * starts at the record batch holding it) to the bounded end; and the partition's next offset
   * once the batch is done.
   */
  private take(
    batch: SourceRecordBatch,
    from: number,
  ): { messages: SourceRecordBatch["messages"]; next: number } {
    const stop = this.options.stopOffsets?.get(tpKey(batch.topic, batch.partition));
    let next = from;
    let first = -1;
    let end = batch.messages.length;
    for (let i = 0; i < batch.messages.length; i++) {
      const offset = Number(batch.messages[i].offset);
      if (offset < next) continue;
      if (stop !== undefined && offset >= stop) {
        end = i;
        break;
      }
      if (first < 0) first = i;
      next = offset + 1;
    }
    const messages = first < 0 ? [] : batch.messages.slice(first, end);
    if (stop !== undefined && batch.nextOffset >= stop) next = Math.max(next, stop);
    else next = Math.max(next, batch.nextOffset);
    return { messages, next };
  }

  /** Whether a batch is still to be processed: not halted, not past the end, this instance's. */
  private wanted(key: string): boolean {
    // A partition not in positions is not this instance's (the reader fetches only what it was given).
    return !this.halted && !this.done.has(key) && this.positions.has(key);
  }

  private async process(batch: SourceRecordBatch, downstream: Downstream): Promise<void> {
    const { topic, partition } = batch;
    const key = tpKey(topic, partition);
    if (!this.wanted(key)) return;
    const { messages, next } = this.take(batch, this.positions.get(key) ?? 0);
    let pending: Array<Promise<void>> | undefined;
    for (const m of messages) {
      const coords = { topic, partition, offset: m.offset };
      this.decoder.count(m, this.counters);
      const ready = this.decoder.prepare(m, coords);
      if (ready) await ready;
      for (const r of this.decoder.rows(m, topic, partition, coords, this.counters)) {
        const bp = downstream(r.kind, r.values, coords);
        if (bp) (pending ??= []).push(bp);
      }
    }
    this.positions.set(key, next);
    if (pending) await Promise.all(pending);
    this.checkDone(topic, partition);
  }

  /**
   * Pipelined: hands the batch to the CPU thread at once and queues, behind the batches before
   * it, the step that writes its output into the sink and only then advances the positions — so
   * a checkpoint (which takes the same lock) never covers records still in the thread. Resolves
   * once there is room for another batch: at most a few are in flight, and a sink that applies
   * back-pressure holds their steps, so the reader stops fetching.
   */
  private async submit(
    batch: SourceRecordBatch,
    offload: BatchOffload,
    lock: CheckpointLock,
    current: () => boolean,
  ): Promise<void> {
    const { topic, partition } = batch;
    const key = tpKey(topic, partition);
    if (!this.wanted(key)) return;
    const from = this.submitted.get(key) ?? this.positions.get(key) ?? 0;
    const stop = this.options.stopOffsets?.get(key);
    if (stop !== undefined && from >= stop) return; // the rest of this partition is in flight
    const { messages, next } = this.take(batch, from);
    const bytes = messages.reduce((n, m) => n + (m.key?.length ?? 0) + (m.value?.length ?? 0), 0);
    await this.inFlight.acquire(bytes);
    if (!current() || this.halted) {
      this.inFlight.release(bytes);
      return;
    }
    this.submitted.set(key, next);
    const output = messages.length > 0 ? offload.process(topic, partition, messages) : undefined;
    output?.catch(() => {}); // awaited below, unless the step is dropped
    lock
      .run(async () => {
        try {
          if (!current() || !this.wanted(key)) return;
          if (output) {
            let processed: ProcessedBatch;
            try {
              processed = await output;
            } catch (error) {
              if (this.halted) return; // the thread was ended with the job
              throw error;
            }
            if (!current() || this.halted) return;
            this.counters.numRecordsIn += processed.counters.numRecordsIn;
            this.counters.numBytesIn += processed.counters.numBytesIn;
            this.counters.numRecordsInErrors += processed.counters.numRecordsInErrors;
            const bp = offload.write(processed);
            if (processed.failure !== undefined) throw processed.failure;
            this.positions.set(key, next);
            if (bp) await bp;
          } else {
            this.positions.set(key, next);
          }
          this.checkDone(topic, partition);
        } finally {
          this.inFlight.release(bytes);
        }
      })
      .catch((e) => this.fail(e));
  }

  private checkDone(topic: string, partition: number): void {
    const key = tpKey(topic, partition);
    const stop = this.options.stopOffsets?.get(key);
    if (stop === undefined || this.done.has(key)) return;
    if ((this.positions.get(key) ?? 0) >= stop) {
      this.done.add(key);
      this.reader?.pause(topic, partition);
      if (this.allDone()) this.finish();
    }
  }

  private allDone(): boolean {
    if (!this.options.stopOffsets) return false;
    for (const key of this.positions.keys()) if (!this.done.has(key)) return false;
    return true;
  }

  checkpointOffsets(): CheckpointOffsets | undefined {
    // A state group takes the offsets even when the group gets none (stateGroupId).
    if (!this.options.commitOffsets && this.options.stateGroupId === undefined) return undefined;
    return {
      groupId: this.options.stateGroupId ?? this.options.groupId,
      offsets: new Map(this.positions),
    };
  }

  get commitsBesideTransaction(): boolean {
    return this.options.commitOffsets && this.options.stateGroupId !== undefined;
  }

  async commit(offsets: CheckpointOffsets): Promise<void> {
    if (!this.options.commitOffsets) return;
    const reader = this.reader;
    if (!reader || !this.readerStarted) return;
    try {
      await whileCoordinatorLoads(() => reader.commit(offsets.offsets));
    } catch (error) {
      // As Flink's KafkaSourceReader: committed offsets only show progress (restores use the
      // checkpoint), so a commit that fails is reported and the job goes on.
      this.options.onLog?.(
        "WARN",
        `Could not commit offsets to consumer group '${this.options.groupId}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  resumeOffsets(): Record<string, Record<number, string>> {
    const out: Record<string, Record<number, string>> = {};
    for (const [key, offset] of this.positions) {
      const cut = key.lastIndexOf("-");
      (out[key.slice(0, cut)] ??= {})[Number(key.slice(cut + 1))] = String(offset);
    }
    return out;
  }

  lagByPartition(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, position] of this.positions) {
      const high = this.reader?.highWatermarks.get(key);
      if (high !== undefined) out[key] = Math.max(0, high - position);
    }
    return out;
  }

  assignedPartitions(): string[] {
    return [...this.positions.keys()];
  }

  halt(): void {
    this.halted = true;
    this.inFlight.open();
  }

  async stop(): Promise<void> {
    this.halted = true;
    this.inFlight.open();
    if (this.discoveryTimer) clearInterval(this.discoveryTimer);
    await this.reader?.stop();
    this.finish();
  }
}

/**
 * Where a partition goes when its position has left the log: what Flink's KafkaSourceBuilder sets
 * as the consumer's auto.offset.reset, from the startup mode's OffsetsInitializer.
 */
function offsetResetStrategy(
  startup: KafkaSourceOptions["table"]["startup"],
): "earliest" | "latest" | "none" {
  switch (startup.mode) {
    case "earliest-offset":
    case "specific-offsets":
      return "earliest";
    case "latest-offset":
    case "timestamp":
      return "latest";
    case "group-offsets":
      return startup.offsetResetStrategy ?? "none";
  }
}
