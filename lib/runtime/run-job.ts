/**
 * runJob — the JobRuntime the job lifecycle calls, and the job's lifecycle: checks the plan and
 * the cluster before anything runs (stateful operators; each connector's source and sink setup in
 * its folder's lib/connectors/<id>/runtime.ts, found through connector-runtimes.ts), then runs one pipeline
 * per INSERT and parallel instance, reports metrics each second (job-metrics.ts) and checkpoints
 * as they complete (checkpoints.ts), and settles the outcome when bounded sources end or something
 * fails.
 */
import type { EvalContext } from "@/lib/sql/evaluate";
import { planToJson } from "@/lib/sql/plan";
import { compileChain, findStatefulOperator, statefulRefusal } from "./chain";
import { CpuThread, runningCpuThreads } from "./cpu-thread/cpu-thread";
import {
  cpuThreadBudget,
  cpuThreadBudgetReason,
  pipelineChoice,
  type PipelineChoice,
} from "./cpu-thread/pipelining";
import type { CpuThreadSink } from "./cpu-thread/protocol";
import {
  InstanceCheckpoints,
  insertStateKey,
  mergeSourceOffsets,
  offsetsByInsert,
  type Offsets,
} from "./checkpoints";
import { sinkSetup, sourceSetup } from "./connector-runtimes";
import { SecretScrubber, toJobFailure } from "./failure";
import { startInstance, type InstanceSourceSetup } from "./instance-start";
import { JobConnections, type InsertState, type SetupEnv } from "./job-connections";
import { checkpointGroupId } from "./kafka-setup";
import { isKafkaTable } from "@/lib/connectors/resolved";
import { instanceMetrics } from "./job-metrics";
import type {
  InstanceMetrics,
  JobOutcome,
  JobRuntime,
  JobRuntimeContext,
  LogLevel,
  ResumePoint,
  RunningJob,
} from "./job-runtime";
import { CheckpointLock, type SinkInstance, type SourceInstance } from "./operators";
import { Pipeline } from "./pipeline";
import { readPlan, type RuntimeInsert } from "./plan-input";
import { beforeAbort } from "./start-abort";
import { ValuesSource } from "./sources/values-source";

/** The job log's line saying where an INSERT's CPU stages run, and why when not on threads. */
export function pipeliningNote(
  sinkName: string,
  choice: PipelineChoice,
  instances: readonly number[],
  threaded: readonly number[],
): string {
  if (!choice.pipelined) return `${sinkName} runs on the event loop: ${choice.reason}.`;
  if (threaded.length === instances.length)
    return `${sinkName} runs the decoding, evaluation and encoding of each instance on a CPU thread of its own (fetch and produce stay on the event loop).`;
  const budget = cpuThreadBudgetReason();
  if (threaded.length === 0) return `${sinkName} runs on the event loop: ${budget}.`;
  const inLoop = instances.filter((i) => !threaded.includes(i));
  return `${sinkName} runs instances ${threaded.join(", ")} on CPU threads of their own and ${inLoop.join(", ")} on the event loop: ${budget}.`;
}

/** Used when the script sets no execution.checkpointing.interval. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;

interface InstanceState {
  sources: SourceInstance[];
  sinks: SinkInstance[];
  checkpoints: InstanceCheckpoints;
}

class JobRun {
  private readonly scrubber = new SecretScrubber();
  private readonly connections: JobConnections;
  private readonly env: SetupEnv;
  private readonly pipelines: Pipeline[] = [];
  private readonly insertKeys = new Map<Pipeline, string>();
  /** Consumer groups by how many INSERTs of the job read with them (see kafkaSourceSetup). */
  private readonly groupReaders = new Map<string, number>();
  private readonly instances = new Map<number, InstanceState>();
  /** The CPU threads of pipelined instances (ended with the job, whatever ends it). */
  private readonly threads: CpuThread[] = [];
  private planJson: string | undefined;
  private metricsTimer: NodeJS.Timeout | undefined;
  private settle!: (o: JobOutcome) => void;
  readonly outcome = new Promise<JobOutcome>((resolve) => (this.settle = resolve));
  private settled = false;
  private ending: Promise<void> | undefined;

  constructor(private readonly ctx: JobRuntimeContext) {
    this.connections = new JobConnections(
      ctx,
      this.scrubber,
      (level, m) => this.log(level, m),
      () => this.settled,
    );
    this.env = {
      ctx,
      connections: this.connections,
      log: (level, message, instance) => this.log(level, message, instance),
    };
  }

  log(level: LogLevel, message: string, instance?: number): void {
    this.ctx.onLog(level, this.scrubber.scrub(message), instance);
  }

  async prepare(): Promise<void> {
    const inserts = readPlan(this.ctx.plan);
    for (const { insert } of inserts) {
      const stateful = findStatefulOperator(insert.query);
      if (stateful) throw statefulRefusal(stateful);
    }
    for (const instance of this.ctx.instances)
      this.instances.set(instance, {
        sources: [],
        sinks: [],
        checkpoints: new InstanceCheckpoints(instance),
      });
    for (const { insert } of inserts) {
      const groups = new Set<string>();
      for (const source of insert.sources) {
        const table = source.resolved;
        if (isKafkaTable(table))
          groups.add(checkpointGroupId(table, table.properties, this.ctx.jobId, source.path));
      }
      for (const g of groups) this.groupReaders.set(g, (this.groupReaders.get(g) ?? 0) + 1);
    }
    for (const [index, runtimeInsert] of inserts.entries())
      await this.prepareInsert(runtimeInsert, index, insertStateKey(index, runtimeInsert.insert));
  }

  private async prepareInsert(
    { insert, settings }: RuntimeInsert,
    insertIndex: number,
    insertKey: string,
  ): Promise<void> {
    const { ctx } = this;
    const parallelism = ctx.parallelism;
    let intervalMs = settings.checkpointIntervalMs;
    if (intervalMs === undefined || intervalMs <= 0) {
      intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS;
      this.log(
        "INFO",
        `'execution.checkpointing.interval' is not set; sinks are flushed and source offsets committed every ${intervalMs / 1000} s.`,
      );
    }

    // Expressions see the session's table.local-time-zone, as Flink's generated code does.
    const evalContext: EvalContext = {
      localTimeZone: settings.localTimeZone,
      now: () => Date.now(),
    };

    // Sources: everything asynchronous happens here, before any instance starts.
    const sourceSetups = new Map<string, InstanceSourceSetup>();
    const sinkTable = insert.sink.resolved;
    const insertState: InsertState = {
      insertKey,
      groupReaders: this.groupReaders,
      ...(isKafkaTable(sinkTable) && sinkTable.deliveryGuarantee === "exactly-once"
        ? { transactionalIdPrefix: sinkTable.transactionalIdPrefix }
        : {}),
    };
    const insertEnv: SetupEnv = { ...this.env, insert: insertState };
    for (const source of insert.sources) {
      sourceSetups.set(source.path.join("."), await sourceSetup(source, parallelism, insertEnv));
    }
    const sink = await sinkSetup(
      { insert, parallelism, checkpointIntervalMs: intervalMs },
      this.env,
    );

    const sinkName = `INSERT INTO ${insert.sink.path[insert.sink.path.length - 1]}`;
    const choice = pipelineChoice(insert);
    // Started first, all at once: the threads load while the sinks fence and the sources find
    // their offsets.
    const threads = new Map<number, CpuThread>();
    for (const instance of ctx.instances) {
      if (!choice.pipelined || !sink.cpuThread) break;
      if (runningCpuThreads().length >= cpuThreadBudget()) break;
      threads.set(instance, this.startThread(insertIndex, instance, sink.cpuThread, sinkName));
    }
    for (const instance of ctx.instances) {
      const state = this.instances.get(instance)!;
      const leaves = compileChain(
        insert.query,
        (kind, values, coords) => instanceSink.write(kind, values, coords),
        evalContext,
      );
      const thread = threads.get(instance);
      const sources: Array<{ source: SourceInstance; push: (typeof leaves)[number]["push"] }> = [];
      const lock = new CheckpointLock();
      const instanceSink: SinkInstance = await startInstance(
        instance,
        sink,
        leaves,
        (chainLeaf, stamp) =>
          chainLeaf.leaf.kind === "Values"
            ? Promise.resolve(new ValuesSource(chainLeaf.leaf, instance, evalContext))
            : sourceSetups.get(chainLeaf.leaf.path.join("."))!(
                instance,
                stamp,
                thread?.offload(leaves.indexOf(chainLeaf), (records) =>
                  instanceSink.writeEncoded!(records),
                ),
              ),
        (source, { push }) => {
          sources.push({ source, push });
          state.sources.push(source);
        },
      );
      state.sinks.push(instanceSink);
      await thread?.ready;
      const pipeline: Pipeline = new Pipeline({
        instance,
        sources,
        sink: instanceSink,
        lock,
        checkpointIntervalMs: intervalMs,
        ...(thread ? { cpuThread: thread } : {}),
        onCheckpoint: (at) => {
          // Still under the checkpoint lock: the sources' positions are exactly the offsets this
          // checkpoint flushed and committed (at-least-once) or committed in the transaction.
          state.checkpoints.record(
            pipeline,
            mergeSourceOffsets(sources.map(({ source }) => source.resumeOffsets())),
            at,
          );
          this.reportCheckpoint(state.checkpoints, at);
        },
      });
      // Until its first checkpoint, an INSERT is owed nothing before where its sources start.
      state.checkpoints.started(
        pipeline,
        mergeSourceOffsets(sources.map(({ source }) => source.resumeOffsets())),
      );
      this.insertKeys.set(pipeline, insertKey);
      this.pipelines.push(pipeline);
    }
    this.log("INFO", pipeliningNote(sinkName, choice, ctx.instances, [...threads.keys()]));
  }

  private startThread(
    insertIndex: number,
    instance: number,
    sink: CpuThreadSink,
    sinkName: string,
  ): CpuThread {
    this.planJson ??= planToJson(this.ctx.plan);
    const thread = new CpuThread(
      {
        plan: this.planJson,
        insertIndex,
        instance,
        parallelism: this.ctx.parallelism,
        sink,
      },
      `the CPU thread of instance ${instance} of ${sinkName}`,
    );
    this.threads.push(thread);
    return thread;
  }

  /** Hands the lifecycle what the instance's checkpoints made durable, once they add up to any. */
  private reportCheckpoint(checkpoints: InstanceCheckpoints, at: Date): void {
    const offsets = checkpoints.offsets();
    if (!offsets || !this.ctx.onCheckpoint) return;
    try {
      const byInsert = offsetsByInsert(checkpoints.entries(), (p) => this.insertKeys.get(p)!);
      this.ctx.onCheckpoint({
        instance: checkpoints.instance,
        offsets,
        at: at.toISOString(),
        ...(Object.keys(byInsert).length > 0 ? { byInsert } : {}),
      });
    } catch {
      // A failing checkpoint consumer must not take the job down; the next checkpoint repeats it.
    }
  }

  start(): void {
    this.metricsTimer = setInterval(() => this.reportMetrics(), 1000);
    const runs = this.pipelines.map((p) =>
      p.run().catch((error) => {
        void this.fail(error);
      }),
    );
    void Promise.all(runs).then(() => {
      if (this.settled) return;
      void this.end({ state: "FINISHED" }, async () => {
        await Promise.all(this.pipelines.map((p) => p.close()));
      });
    });
  }

  async fail(error: unknown): Promise<void> {
    if (this.settled) return;
    const failure = toJobFailure(error, this.scrubber, this.connections.bootstrapServers);
    this.log(
      "ERROR",
      `Job failed: ${failure.message}${failure.causes.length ? ` (caused by: ${failure.causes.join("; ")})` : ""}`,
    );
    await this.end({ state: "FAILED", failure }, async () => {
      await Promise.all(this.pipelines.map((p) => p.cancel()));
    });
  }

  private end(outcome: JobOutcome, shutdown: () => Promise<void>): Promise<void> {
    if (this.ending) return this.ending;
    this.settled = true;
    this.ending = (async () => {
      try {
        await shutdown();
      } finally {
        this.reportMetrics();
        if (this.metricsTimer) clearInterval(this.metricsTimer);
        await this.endThreads();
        await this.connections.closeAll();
        this.settle(outcome);
      }
    })();
    return this.ending;
  }

  /**
   * Cancelled while prepare() still waits (for a broker that does not answer): the job ends now,
   * and whatever prepare() still creates is closed once it gives up.
   */
  async abandon(prepared: Promise<void>): Promise<void> {
    await this.cancel();
    void prepared
      .catch(() => undefined)
      .then(async () => {
        await Promise.all(this.pipelines.map((p) => p.cancel()));
        await this.endThreads();
        await this.connections.closeQuietly();
      });
  }

  /** Every CPU thread the job started, ended (those of instances that never ran included). */
  private async endThreads(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate().catch(() => undefined)));
  }

  async cancel(): Promise<void> {
    await this.end({ state: "FINISHED" }, async () => {
      await Promise.all(this.pipelines.map((p) => p.cancel()));
    });
  }

  async stopWithOffsets(): Promise<ResumePoint> {
    let stopError: unknown;
    await this.end({ state: "FINISHED" }, async () => {
      try {
        await Promise.all(this.pipelines.map((p) => p.stopWithCheckpoint()));
      } catch (e) {
        stopError = e;
        await Promise.all(this.pipelines.map((p) => p.cancel()));
      }
    });
    if (stopError) throw new Error(toJobFailure(stopError, this.scrubber).message);
    return this.positions();
  }

  /**
   * Where every instance's sources are now, merged and per INSERT (call once they are stopped, or
   * before they start).
   */
  private positions(): ResumePoint {
    const byInsert = offsetsByInsert(
      this.pipelines.map((p): [Pipeline, Offsets] => [
        p,
        mergeSourceOffsets(p.parts.sources.map(({ source }) => source.resumeOffsets())),
      ]),
      (p) => this.insertKeys.get(p)!,
    );
    return {
      offsets: mergeSourceOffsets(Object.values(byInsert)),
      byInsert,
      recordedAt: new Date().toISOString(),
    };
  }

  /** Tells the lifecycle where the instances start, before they read anything (onStartOffsets). */
  async recordStart(): Promise<void> {
    const point = this.positions();
    if (!this.ctx.onStartOffsets || Object.keys(point.offsets).length === 0) return;
    try {
      await this.ctx.onStartOffsets(point);
    } catch (e) {
      this.log(
        "WARN",
        `Could not store where the sources start (${e instanceof Error ? e.message : String(e)}); the first checkpoint stores it.`,
      );
    }
  }

  private reportMetrics(): void {
    const metrics: InstanceMetrics[] = [...this.instances].map(([instance, state]) =>
      instanceMetrics(instance, state.sources, state.sinks, state.checkpoints.lastCommitAt),
    );
    try {
      this.ctx.onMetrics(metrics);
    } catch {
      // A failing metrics consumer must not take the job down.
    }
  }
}

export const runJob: JobRuntime = async (ctx): Promise<RunningJob> => {
  const job = new JobRun(ctx);
  let startAbandoned = false;
  const prepared = job.prepare();
  try {
    if (await beforeAbort(prepared, ctx.signal)) {
      await job.recordStart();
      job.start();
    } else {
      startAbandoned = true;
      await job.abandon(prepared);
    }
  } catch (error) {
    await job.fail(error);
  }
  return {
    ...(startAbandoned ? { startAbandoned } : {}),
    outcome: job.outcome,
    cancel: () => job.cancel(),
    stopWithOffsets: () => job.stopWithOffsets(),
  };
};
