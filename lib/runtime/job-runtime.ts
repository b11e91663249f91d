/**
 * The contract between the job lifecycle (lib/jobs, run by workers) and the data plane
 * (lib/runtime): a worker hands the runtime a plan and the parallel instances it holds leases
 * for; the runtime runs them until bounded sources end, the job fails, or it is told to stop.
 */
import type { Plan } from "@/lib/sql/plan";
import type { LogicalType } from "@/lib/types/logical-type";

/** Where sources resume: committed offsets per topic partition (from "stop with offsets"). */
export interface ResumePoint {
  /** topic → partition → the next offset to read. */
  offsets: Record<string, Record<number, string>>;
  recordedAt: string;
  /**
   * Per INSERT (insertStateKey), the offsets its own sources are at: two INSERTs reading one topic
   * keep their own positions, as Flink keeps each source's offsets in its own operator state.
   * `offsets` is their merge (the smaller offset per partition), for what has no per-INSERT view.
   */
  byInsert?: Record<string, Record<string, Record<number, string>>>;
  /** engine "flink": the savepoint "stop with savepoint" took; a redeploy restores it (execution.savepoint.path). */
  savepointPath?: string;
}

/** A record-level failure's coordinates, shown with the error. */
export interface RecordCoordinates {
  topic?: string;
  partition?: number;
  offset?: string;
  /** The sink column whose value did not fit, for serialization failures. */
  column?: string;
  /** The row number within an INSERT … VALUES or a datagen source. */
  row?: number;
}

/** A failure with its cause chain, as stored on the attempt and shown to users. */
export interface JobFailure {
  message: string;
  causes: string[];
  record?: RecordCoordinates;
  /** Failures that restarting cannot fix (bad SQL, missing topic, bad record without ignore). */
  retriable: boolean;
  /** A hint, e.g. "diagnose the cluster" for node-assignment timeouts. */
  hint?: { kind: "diagnose-kafka"; bootstrapServers: string } | { kind: "text"; text: string };
}

/** One second's counters of one parallel instance, named as Flink names its metrics. */
export interface InstanceMetrics {
  instance: number;
  numRecordsIn: number;
  numRecordsOut: number;
  numBytesIn: number;
  numBytesOut: number;
  numRecordsOutErrors: number;
  /** Source records skipped because the format's ignore-parse-errors is on. */
  numRecordsInErrors: number;
  /** Milliseconds the last send took (Flink's KafkaWriter gauge). */
  currentSendTime: number;
  /** Consumer lag per "topic-partition" of the partitions this instance reads. */
  lagByPartition: Record<string, number>;
  /** "topic-partition" names this instance reads. */
  assignedPartitions: string[];
  /** ISO time of the last offset commit or transaction commit (checkpoint). */
  lastCommitAt?: string;
}

/** A checkpoint one parallel instance completed: what its sources made durable. */
export interface InstanceCheckpoint {
  instance: number;
  /**
   * Shaped as ResumePoint.offsets (topic → partition → the next offset to read). The lifecycle
   * keeps the newest per run as its checkpoint: a restarted or taken-over instance gets it as
   * `resumeFrom`, as Flink restores from its last checkpoint.
   */
  offsets: ResumePoint["offsets"];
  /** ISO time the checkpoint committed. */
  at: string;
  /** The same per INSERT (ResumePoint.byInsert, keyed by insertStateKey). */
  byInsert?: NonNullable<ResumePoint["byInsert"]>;
}

/** A JAR resource attached to a job: what logs call it and its bytes. */
export interface AttachedJar {
  description: string;
  bytes: Buffer;
}

export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

export interface JobRuntimeContext {
  /** The plan as lib/sql/plan.ts produced it (stored as JSON on the job: planFromJson). */
  plan: Plan;
  /** The engine the job runs on (lib/runtime/engine-choice.ts); default embedded. */
  engine?: "embedded" | "flink";
  /** The script as written: the Flink engine submits the SQL itself, not Tributary's plan. */
  sql?: string;
  /**
   * engine "flink": the Flink job this run submitted before (a worker taking the run over
   * re-attaches to it while it runs), and where to record a new submission.
   */
  flink?: {
    jobId?: string;
    sessionHandle?: string;
    onSubmitted(job: { jobId: string; sessionHandle: string }): Promise<void>;
    /**
     * A completed checkpoint Flink keeps for a failed job (its path as `savepointPath`): kept as
     * the run's checkpoint, so the next attempt of the run resubmits from it.
     */
    onCheckpoint?(point: ResumePoint): Promise<void>;
  };
  /**
   * engine "flink": the job's attached JAR resources (pinned versions), which the Flink engine
   * writes under the data dir and ADDs JAR in its SQL Gateway session, so that sink.partitioner
   * may name their classes inside Flink. (The embedded engine reaches them via resolvePartitioner.)
   */
  jars?(): Promise<AttachedJar[]>;
  jobId: string;
  /** Total parallelism of the job and the instance indexes this worker runs (0-based). */
  parallelism: number;
  instances: number[];
  attemptNumber: number;
  /**
   * Whether these instances ran before in this run: a later attempt, a takeover after a lost lease,
   * or a hand-back after a drain (those last two stay attempt 1). Absent: attemptNumber > 1.
   */
  restart?: boolean;
  /**
   * The run the attempt belongs to. Exactly-once sinks stamp the source offsets they commit in a
   * transaction with it, so a restart of the same run resumes from what Kafka committed with the
   * records even when the run's stored checkpoint is older (a worker killed in between).
   */
  runId?: string;
  /**
   * The largest parallelism an earlier run of this job had. Exactly-once sink instances
   * abort what the instances beyond today's parallelism may have left open (their transactional
   * ids are not reused, so nothing else would fence them), as Flink's sink does on start-up.
   */
  earlierParallelism?: number;
  /**
   * Aborted when the job is cancelled or stopped while the runtime still starts (a broker that
   * accepts connections and never answers holds a start for the client's request timeout): the
   * runtime then returns at once with a job that ran nothing (RunningJob.startAbandoned).
   */
  signal?: AbortSignal;
  /** Resume sources from these offsets instead of their configured startup mode. */
  resumeFrom?: ResumePoint;
  /**
   * Called once the instances know where they start, before anything is read: the lifecycle stores
   * it as the run's first checkpoint, so that a takeover before the first real checkpoint resumes
   * where the start resolved 'latest-offset', a timestamp or the group's offsets — not where they
   * resolve now (Flink keeps the offsets it resolved in the sources' state). A failure is logged
   * and the job goes on (the first checkpoint stores it).
   */
  onStartOffsets?(point: ResumePoint): Promise<void>;
  /**
   * Resolves a `${secret_values.name}` placeholder for a connection to `bootstrapServers` (the
   * table's); refuses servers outside the secret's scope. Never log what it returns.
   */
  resolveSecret(name: string, bootstrapServers: string): Promise<string>;
  /**
   * Resolves a custom partitioner class named in sink.partitioner (attached resources): once to
   * check it before the start, then once per parallel sink instance. `sink.columns` are the row's
   * columns the partitioner's record holds. A BatchKafkaPartitioner it returns is closed by the
   * runtime.
   */
  resolvePartitioner?(
    className: string,
    sink: { columns: ReadonlyArray<{ name: string; type: LogicalType }> },
  ): Promise<unknown>;
  /**
   * The local copy of an attached key or trust store (a STORE resource pinned to the job),
   * by the file name a table's `properties.ssl.*store.location` = `/flink/usrlib/<file name>`
   * gives it; undefined when none of that name is attached. Absent: nothing is attached.
   */
  resolveStoreFile?(fileName: string): Promise<string | undefined>;
  /** Called about once a second with each instance's counters since the job started. */
  onMetrics(metrics: InstanceMetrics[]): void;
  /**
   * Called when an instance completes a checkpoint, with everything that instance's checkpoints
   * have made durable so far (each call supersedes the instance's previous one). Absent: nothing
   * keeps checkpoints (`tributary run`), and a restart starts from the sources' startup modes.
   */
  onCheckpoint?(checkpoint: InstanceCheckpoint): void;
  onLog(level: LogLevel, message: string, instance?: number): void;
  /** Lines of `print` sinks (Flink writes them to the TaskManager's stdout/stderr); onLog INFO when absent. */
  onPrint?(line: string, stream: "stdout" | "stderr", instance: number): void;
}

export type JobOutcome = { state: "FINISHED" } | { state: "FAILED"; failure: JobFailure };

export interface RunningJob {
  /** Set when `signal` ended the start before anything ran; the job is already over. */
  readonly startAbandoned?: boolean;
  /** Settles when bounded sources end (FINISHED) or the job fails; never rejects. */
  readonly outcome: Promise<JobOutcome>;
  /** Stops within a few seconds without committing further (cancel). */
  cancel(): Promise<void>;
  /** Flushes sinks, commits source offsets, and returns where a later run can resume. */
  stopWithOffsets(): Promise<ResumePoint>;
  /**
   * Lets go of a job that runs elsewhere without stopping it (engine flink): a worker whose lease
   * was taken over leaves the Flink job to the worker that re-attaches to it. Absent: cancel().
   */
  detach?(): Promise<void>;
}

export type JobRuntime = (ctx: JobRuntimeContext) => Promise<RunningJob>;
