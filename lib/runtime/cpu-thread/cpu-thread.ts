/**
 * An instance's CPU thread (node:worker_threads), the event loop's side. For a pipelined plan
 * (pipelining.ts) the CPU stages of one parallel instance — format deserialization, the chain's
 * Calc evaluation, row → producer record serialization and the partition choice — run in a thread
 * of their own, while fetching and producing stay on the event loop: Kafka sources hand the thread
 * each fetched batch as one transferred buffer (packed.ts) at once, and write what comes back into
 * the sink in fetch order, so fetch, processing and produce overlap on different cores.
 *
 * The thread loads the same lib/ code (thread-main.ts, through thread-entry.mjs, which makes tsx
 * load it whether the process runs under `node --import tsx`, bin/tributary.mjs or vitest). A
 * thread that dies fails the job (every batch waiting for it, and `failed`); terminate() ends it.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { DecodableRecord } from "../sources/kafka-record-decoder";
import { projectRoot } from "@/lib/config";
import type { Backpressure, SourceCounters } from "../operators";
import { packRecords, type EncodedRecords } from "./packed";
import {
  fromThreadError,
  type CpuThreadSpec,
  type FromCpuThread,
  type ToCpuThread,
} from "./protocol";

/** What a batch became in the thread. */
export interface ProcessedBatch {
  records: EncodedRecords;
  counters: SourceCounters;
  /** The record's failure (a RecordError, …) the in-loop path would have thrown; `records` holds those before it. */
  failure?: Error;
}

/** How a Kafka source hands its fetched batches to the instance's CPU thread. */
export interface BatchOffload {
  /** Starts processing the records in the thread at once (batches are processed in the order handed over). */
  process(
    topic: string,
    partition: number,
    records: readonly DecodableRecord[],
  ): Promise<ProcessedBatch>;
  /** Writes a processed batch's records into the instance's sink (under the checkpoint lock). */
  write(batch: ProcessedBatch): Backpressure;
}

const live = new Set<CpuThread>();

/** The CPU threads of this process that have not exited (every job's). */
export function runningCpuThreads(): readonly CpuThread[] {
  return [...live];
}

export class CpuThread {
  /** Resolves once the thread has built its decoders, chain and encoder; rejects if it cannot. */
  readonly ready: Promise<void>;
  /** Rejects when the thread dies without being asked to (never resolves). */
  readonly failed: Promise<never>;
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve(b: ProcessedBatch): void; reject(e: unknown): void }
  >();
  private nextId = 0;
  private failure: Error | undefined;
  private terminating = false;
  private readonly exited: Promise<void>;

  /** @param description names the thread in errors, e.g. "the CPU thread of instance 0 of INSERT INTO `out`" */
  constructor(
    spec: CpuThreadSpec,
    readonly description: string,
  ) {
    const root = projectRoot();
    let markReady!: () => void;
    let markNotReady!: (e: Error) => void;
    let markFailed!: (e: Error) => void;
    let markExited!: () => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markNotReady = reject;
    });
    this.ready.catch(() => {});
    this.failed = new Promise<never>((_, reject) => (markFailed = reject));
    this.failed.catch(() => {});
    this.exited = new Promise<void>((resolve) => (markExited = resolve));
    this.die = (error: Error) => {
      if (this.failure) return;
      this.failure = error;
      markNotReady(error);
      if (!this.terminating) markFailed(error);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
      void this.worker.terminate();
    };
    this.worker = new Worker(path.join(root, "lib/runtime/cpu-thread/thread-entry.mjs"), {
      name: description,
      workerData: {
        main: path.join(root, "lib/runtime/cpu-thread/thread-main.ts"),
        tsconfig: path.join(root, "tsconfig.json"),
        spec,
      },
    });
    live.add(this);
    this.worker.on("message", (message: FromCpuThread) => {
      switch (message.type) {
        case "ready":
          markReady();
          return;
        case "fatal":
          this.die(
            new Error(
              `${capitalized(description)} could not start: ${fromThreadError(message.error).message}`,
            ),
          );
          return;
        case "done": {
          const waiting = this.pending.get(message.id);
          this.pending.delete(message.id);
          waiting?.resolve({
            records: message.records,
            counters: message.counters,
            ...(message.failure ? { failure: fromThreadError(message.failure) } : {}),
          });
          return;
        }
      }
    });
    this.worker.on("error", (error) =>
      this.die(new Error(`${capitalized(description)} failed: ${error.message}`)),
    );
    this.worker.on("exit", (code) => {
      live.delete(this);
      this.die(
        this.terminating
          ? new Error(`${capitalized(description)} was stopped.`)
          : new Error(`${capitalized(description)} stopped unexpectedly (exit code ${code}).`),
      );
      markExited();
    });
  }

  private readonly die: (error: Error) => void;

  /** The offload a source of chain leaf `leaf` hands its batches to; `write` puts the output into the sink. */
  offload(leaf: number, write: (records: EncodedRecords) => Backpressure): BatchOffload {
    return {
      process: (topic, partition, records) => this.process(leaf, topic, partition, records),
      write: (batch) => write(batch.records),
    };
  }

  private process(
    leaf: number,
    topic: string,
    partition: number,
    records: readonly DecodableRecord[],
  ): Promise<ProcessedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const packed = packRecords(records);
    const id = this.nextId++;
    return new Promise<ProcessedBatch>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: ToCpuThread = { type: "batch", id, leaf, topic, partition, records: packed };
      this.worker.postMessage(message, [packed]);
    });
  }

  /** Ends the thread (batches still in it are dropped); resolves once it has exited. */
  async terminate(): Promise<void> {
    this.terminating = true;
    await this.worker.terminate();
    await this.exited;
  }
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
