/**
 * The pieces one parallel instance of an INSERT is made of: sources push rows down a chain
 * (Calc) into a sink. Pushing is synchronous for speed; a sink returns a promise only when its
 * buffer is full, and the source awaits those before it reads on (backpressure).
 */
import type { RowKind, Value } from "@/lib/types/logical-type";
import type { EncodedRecords } from "./cpu-thread/packed";
import type { RecordCoordinates } from "./job-runtime";

export type Backpressure = Promise<void> | undefined;

export type Downstream = (
  kind: RowKind,
  values: Value[],
  coords: RecordCoordinates,
) => Backpressure;

/** Source offsets to commit at a checkpoint: per consumer group, "topic-partition" → next offset. */
export interface CheckpointOffsets {
  groupId: string;
  offsets: ReadonlyMap<string, number>;
}

export interface SinkCounters {
  numRecordsOut: number;
  numBytesOut: number;
  numRecordsOutErrors: number;
  currentSendTime: number;
}

export interface SinkInstance {
  readonly counters: SinkCounters;
  /** Exactly-once sinks commit source offsets inside their transaction. */
  readonly exactlyOnce: boolean;
  open(): Promise<void>;
  write(kind: RowKind, values: Value[], coords: RecordCoordinates): Backpressure;
  /** Kafka sinks: producer records an instance's CPU thread encoded and partitioned (cpu-thread/). */
  writeEncoded?(records: EncodedRecords): Backpressure;
  /** Makes everything written so far durable (flush, or commit the transaction with the offsets). */
  checkpoint(offsets: readonly CheckpointOffsets[]): Promise<void>;
  /** Drops what is not yet committed (cancel, failure). */
  abort(): Promise<void>;
  close(): Promise<void>;
}

export interface SourceCounters {
  numRecordsIn: number;
  numBytesIn: number;
  numRecordsInErrors: number;
}

/** Serializes record processing with checkpoints: a checkpoint never sees half a batch. */
export class CheckpointLock {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(f: () => Promise<T> | T): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await previous;
    try {
      return await f();
    } finally {
      release();
    }
  }
}

export interface SourceInstance {
  readonly counters: SourceCounters;
  /** Runs until the source is bounded and done (resolves) or fails (rejects); stop() ends it early. */
  run(downstream: Downstream, lock: CheckpointLock): Promise<void>;
  /** Offsets to commit at a checkpoint (call under the lock); none for datagen/values. */
  checkpointOffsets(): CheckpointOffsets | undefined;
  /** Commits offsets to the group after the sink flushed (at-least-once). */
  commit(offsets: CheckpointOffsets): Promise<void>;
  /**
   * Exactly-once: the transaction commits the offsets to a group of the INSERT's own, and the
   * source's group gets them with commit() afterwards, for monitoring.
   */
  readonly commitsBesideTransaction?: boolean;
  /** Where a later run resumes: "topic" → partition → next offset. */
  resumeOffsets(): Record<string, Record<number, string>>;
  lagByPartition(): Record<string, number>;
  assignedPartitions(): string[];
  /** Emits nothing more (batches in flight finish); the consumer stays connected to commit. */
  halt(): void;
  stop(): Promise<void>;
}
