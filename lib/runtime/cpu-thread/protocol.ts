/**
 * The messages between the event loop and an instance's CPU thread, and how errors cross: a
 * record's failure keeps its class (RecordError with the record's coordinates, its reason's
 * message), so the job fails with the words the in-loop path would have used.
 */
import { JobConfigurationError, RecordError } from "../failure";
import type { JobFailure, RecordCoordinates } from "../job-runtime";
import type { SourceCounters } from "../operators";
import type { EncodedRecords } from "./packed";

/** What a thread is started with (its workerData). */
export interface CpuThreadSpec {
  /** The job's plan as tagged JSON (planToJson) and which of its INSERTs (readPlan's order) the thread runs. */
  plan: string;
  insertIndex: number;
  instance: number;
  parallelism: number;
  sink: CpuThreadSink;
}

/** What the thread needs of the sink beyond the plan: what its setup learned from the cluster and client. */
export interface CpuThreadSink {
  /** The sink's topics with their sorted partitions, described at the start. */
  partitions: Array<[string, number[]]>;
  /** The producer's batch.size and partitioner.ignore.keys (its default partitioning). */
  batchSize: number;
  ignoreKeys: boolean;
}

export interface ToCpuThread {
  type: "batch";
  id: number;
  /** The chain leaf (compileChain's order) the records enter at. */
  leaf: number;
  topic: string;
  partition: number;
  /** packRecords' buffer (transferred). */
  records: ArrayBuffer;
}

export type FromCpuThread =
  | { type: "ready" }
  | {
      type: "done";
      id: number;
      /** The producer records of the batch's rows, in order (transferred). */
      records: EncodedRecords;
      /** numRecordsIn, numBytesIn, numRecordsInErrors of the records processed. */
      counters: SourceCounters;
      /** The failure at a record: the records before it are in `records`. */
      failure?: ThreadError;
    }
  | { type: "fatal"; error: ThreadError };

export interface ThreadError {
  name: string;
  message: string;
  stack?: string;
  record?: RecordCoordinates;
  reason?: { name: string; message: string };
  hint?: JobFailure["hint"];
}

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const out: ThreadError = { name: error.name, message: error.message };
  if (error.stack) out.stack = error.stack;
  if (error instanceof RecordError) {
    out.record = error.record;
    if (error.reason !== undefined)
      out.reason =
        error.reason instanceof Error
          ? { name: error.reason.name, message: error.reason.message }
          : { name: "Error", message: String(error.reason) };
  }
  if (error instanceof JobConfigurationError && error.hint) out.hint = error.hint;
  return out;
}

export function fromThreadError(error: ThreadError): Error {
  let out: Error;
  if (error.record) {
    const reason = error.reason
      ? Object.assign(new Error(error.reason.message), { name: error.reason.name })
      : undefined;
    out = new RecordError(error.message, error.record, reason);
  } else if (error.name === "JobConfigurationError") {
    out = new JobConfigurationError(error.message, error.hint);
  } else {
    out = new Error(error.message);
    out.name = error.name;
  }
  if (error.stack) out.stack = error.stack;
  return out;
}
