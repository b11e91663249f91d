/**
 * The `kafka` / `upsert-kafka` source of one parallel instance (Flink's KafkaSourceReader): it
 * reads the partitions Flink's enumerator would give this instance, from the offsets the startup
 * mode (or a resume point, or the last checkpoint) says, up to the bounded mode's end offsets;
 * decodes keys and values with their formats and fills metadata columns. A record that does not
 * decode fails the job with its coordinates, unless the format's ignore-parse-errors skips it.
 */
import { FormatError, type RowDeserializer } from "@/lib/formats/format";
import { getFormatFactory } from "@/lib/formats/registry";
import {
  isUpsertKafkaTable,
  type ResolvedFormat,
  type ResolvedKafkaTable,
  type ResolvedUpsertKafkaTable,
} from "@/lib/connectors/resolved";
import { whileCoordinatorLoads } from "@/lib/kafka/cluster-admin";
import {
  RecordReader,
  splitOwner,
  tpKey,
  type ClusterClient,
  type SourceRecordBatch,
} from "@/lib/kafka/io";
import { MapValue, Timestamp, type RowKind, type Value } from "@/lib/types/logical-type";
import { RecordError } from "../failure";
import type {
  CheckpointLock,
  CheckpointOffsets,
  Downstream,
  SourceCounters,
  SourceInstance,
} from "../operators";

/** What the scan emits: each column is a physical field or a metadata key. */
export type ScanColumn = { kind: "physical"; name: string } | { kind: "metadata"; key: string };

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
}

export interface PartitionDiscovery {
  /** scan.topic-partition-discovery.interval; 0 disables discovery. */
  intervalMs: number;
  /** The topics read now with their partitions: the pattern's current matches, or the listed topics. */
  discover(): Promise<Map<string, number[]>>;
  /** Partition → earliest offset of a topic. */
  earliestOffsets(topic: string): Promise<Map<number, number>>;
}

function deserializer(
  format: ResolvedFormat,
  part: "key" | "value",
  topic: string | undefined,
  overrides: Record<string, string> = {},
): RowDeserializer {
  const factory = getFormatFactory(format.identifier);
  if (!factory)
    throw new Error(`Format '${format.identifier}' is not available in Tributary's runtime.`);
  return factory.createDeserializer({
    options: new Map(Object.entries({ ...format.options, ...overrides })),
    rowType: format.rowType,
    part,
    ...(topic !== undefined ? { topic } : {}),
  });
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
  private readonly keyDeserializer?: RowDeserializer;
  private readonly valueDeserializer: RowDeserializer;
  /**
   * With ignore-parse-errors a format returns no row for a record it cannot parse, but also for
   * records that legitimately carry none (an empty JSON message, a canal DDL event). The same
   * format without the option tells them apart, and only runs for the records that gave no row.
   */
  private readonly strictValueDeserializer?: RowDeserializer;
  private readonly upsert: boolean;
  private finish!: () => void;
  private fail!: (e: unknown) => void;
  private readonly finished: Promise<void>;
  private readonly build: (
    key: Value[] | null,
    value: Value[] | null,
    topic: string,
    partition: number,
    m: SourceRecordBatch["messages"][number],
  ) => Value[];

  constructor(private readonly options: KafkaSourceOptions) {
    const { table } = options;
    this.upsert = isUpsertKafkaTable(table);
    const topic = table.topics?.length === 1 ? table.topics[0] : undefined;
    if (table.keyFormat) this.keyDeserializer = deserializer(table.keyFormat, "key", topic);
    this.valueDeserializer = deserializer(table.valueFormat, "value", topic);
    if (table.valueFormat.options["ignore-parse-errors"]?.toLowerCase() === "true") {
      this.strictValueDeserializer = deserializer(table.valueFormat, "value", topic, {
        "ignore-parse-errors": "false",
      });
    }
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
    this.build = rowBuilder(table, options.scanColumns);
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
      onBatch: (batch) =>
        current()
          ? lock
              .run(() => (current() ? this.process(batch, downstream) : undefined))
              .catch((e) => this.fail(e))
          : Promise.resolve(),
      onError: (e) => {
        if (current()) this.fail(e);
      },
      onReset: (topic, partition, from, to) =>
        lock.run(() => {
          if (!current()) return;
          this.positions.set(tpKey(topic, partition), to);
          options.onLog?.(
            "WARN",
            `Offset ${from} of ${tpKey(topic, partition)} is out of range (deleted by retention?); reading on from offset ${to}.`,
          );
        }),
      onSkipped: (topic, partition, next) => {
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

  private async process(batch: SourceRecordBatch, downstream: Downstream): Promise<void> {
    if (this.halted) return;
    const { topic, partition, messages } = batch;
    const key = tpKey(topic, partition);
    if (this.done.has(key)) return;
    if (!this.positions.has(key)) {
      return; // not this instance's (the reader fetches only what it was given)
    }
    const stop = this.options.stopOffsets?.get(key);
    let pending: Array<Promise<void>> | undefined;
    let next = this.positions.get(key) ?? 0;
    for (const m of messages) {
      const offset = Number(m.offset);
      if (offset < next) continue;
      if (stop !== undefined && offset >= stop) break;
      next = offset + 1;
      this.counters.numRecordsIn++;
      this.counters.numBytesIn += (m.value?.length ?? 0) + (m.key?.length ?? 0);
      const coords = { topic, partition, offset: m.offset };
      let keyRow: Value[] | null = null;
      let rows: Array<{ kind: RowKind; values: Value[] | null }>;
      try {
        if (this.keyDeserializer && m.key !== null) {
          // Formats that fetch remote state (avro-confluent's writer schema) say so by returning a promise.
          const ready = this.keyDeserializer.prepare?.(m.key);
          if (ready) await ready;
          keyRow = this.keyDeserializer.deserialize(m.key)[0]?.values ?? null;
        }
        if (m.value !== null) {
          const ready = this.valueDeserializer.prepare?.(m.value);
          if (ready) await ready;
        }
        if (m.value === null) {
          // A tombstone: a delete for upsert-kafka. For kafka, Flink hands null to the format.
          rows = this.upsert
            ? [{ kind: "-D", values: null }]
            : (this.valueDeserializer.deserializeNull?.() ?? []);
        } else {
          const decoded = this.valueDeserializer.deserialize(m.value);
          if (
            decoded.length === 0 &&
            this.strictValueDeserializer &&
            isParseError(this.strictValueDeserializer, m.value)
          ) {
            this.counters.numRecordsInErrors++;
          }
          rows = decoded.map((r) => ({
            kind: this.upsert && r.kind === "+I" ? "+I" : r.kind,
            values: r.values,
          }));
        }
      } catch (error) {
        if (error instanceof FormatError) {
          throw new RecordError(
            `Failed to deserialize consumer record due to: ${error.message}`,
            coords,
            error,
          );
        }
        throw error;
      }
      for (const r of rows) {
        const bp = downstream(r.kind, this.build(keyRow, r.values, topic, partition, m), coords);
        if (bp) (pending ??= []).push(bp);
      }
    }
    if (stop !== undefined && batch.nextOffset >= stop) next = Math.max(next, stop);
    else next = Math.max(next, batch.nextOffset);
    this.positions.set(key, next);
    if (pending) await Promise.all(pending);
    this.checkDone(topic, partition);
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
  }

  async stop(): Promise<void> {
    this.halted = true;
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

function isParseError(strict: RowDeserializer, bytes: Uint8Array): boolean {
  try {
    strict.deserialize(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Builds the scan row (physical and metadata columns in declared order) from decoded key/value rows. */
function rowBuilder(
  table: ResolvedKafkaTable | ResolvedUpsertKafkaTable,
  columns: readonly ScanColumn[],
): (
  key: Value[] | null,
  value: Value[] | null,
  topic: string,
  partition: number,
  m: SourceRecordBatch["messages"][number],
) => Value[] {
  type Getter = (
    key: Value[] | null,
    value: Value[] | null,
    topic: string,
    partition: number,
    m: SourceRecordBatch["messages"][number],
  ) => Value;
  const getters: Getter[] = columns.map((c): Getter => {
    if (c.kind === "physical") {
      const inValue = table.valueFields.findIndex((f) => f.name === c.name);
      if (inValue >= 0) return (_k, v) => (v === null ? null : v[inValue]);
      const inKey = table.keyFields.findIndex((f) => f.name === c.name);
      if (inKey >= 0) return (k) => (k === null ? null : k[inKey]);
      return () => null;
    }
    switch (c.key) {
      case "topic":
        return (_k, _v, topic) => topic;
      case "partition":
        return (_k, _v, _t, partition) => partition;
      case "offset":
        return (_k, _v, _t, _p, m) => BigInt(m.offset);
      case "timestamp":
        return (_k, _v, _t, _p, m) => Timestamp.fromEpochMillis(Number(m.timestamp));
      case "timestamp-type":
        // kafkajs does not expose the batch's timestamp type; CreateTime is the producer default.
        return () => "CreateTime";
      case "leader-epoch":
        return () => null;
      case "headers":
        return (_k, _v, _t, _p, m) => {
          const entries: Array<[Value, Value]> = [];
          for (const [name, raw] of Object.entries(m.headers ?? {})) {
            if (raw === undefined) continue;
            // Flink puts headers into a map: with a repeated name the last one wins.
            const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
            entries.push([
              name,
              typeof last === "string" ? new TextEncoder().encode(last) : new Uint8Array(last),
            ]);
          }
          return new MapValue(entries);
        };
      default:
        return () => null;
    }
  });
  return (key, value, topic, partition, m) =>
    getters.map((g) => g(key, value, topic, partition, m));
}
