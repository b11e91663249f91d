/**
 * The job side of a worker process: every tick it renews the leases of the instances it runs
 * (and learns what their jobs want now), claims more instances, and hands them to the JobRuntime;
 * it reports starts, ends and failures, and ships metrics (each second) and log lines (every
 * 200 ms). drain() — on SIGTERM — stops its instances with offsets and hands them back at once.
 */
import { randomUUID } from "node:crypto";
import { claimInstances, type ClaimedInstance } from "@/lib/jobs/claim-instances";
import { failureFromError } from "@/lib/jobs/job-failure";
import { LEASE_MS, WORKER_TICK_MS } from "@/lib/jobs/lease";
import { planOfJob } from "@/lib/jobs/plan-sql";
import { recordCheckpoint } from "@/lib/jobs/record-checkpoint";
import { recordFlinkSubmission } from "@/lib/jobs/record-flink-submission";
import { renewInstanceLeases } from "@/lib/jobs/renew-instance-leases";
import { reportInstancesEnded, type InstanceEnd } from "@/lib/jobs/report-instances-ended";
import { reportInstancesRunning } from "@/lib/jobs/report-instances-running";
import {
  asResumePoint,
  mergeOffsets,
  mergeResumePoints,
  restorePointKind,
} from "@/lib/jobs/resume-point";
import { sweepLostInstances } from "@/lib/jobs/sweep-lost-instances";
import { appendJobLogs, type LogLine } from "@/lib/job-logs/append-job-logs";
import { RepeatedLines } from "@/lib/job-logs/repeated-lines";
import { compactMetrics } from "@/lib/metrics/compact-metrics";
import { ratesOf, samplesOf, type Reading } from "@/lib/metrics/instance-samples";
import { combineInstances } from "@/lib/metrics/combine-instances";
import { writeInstanceMetrics, type InstanceReport } from "@/lib/metrics/write-metrics";
import { prisma } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import { describeErrorForLog } from "@/lib/logging/describe-error";
import { resolveSecretFor } from "@/lib/secrets/secret-store";
import { jobJars, jobPartitionerResolver } from "@/lib/resources/job-partitioners";
import { jobStoreResolver } from "@/lib/resources/attached-stores";
import type {
  InstanceCheckpoint,
  InstanceMetrics,
  JobRuntime,
  LogLevel,
  ResumePoint,
  RunningJob,
} from "@/lib/runtime/job-runtime";

const LOG_FLUSH_MS = 200;
const METRICS_FLUSH_MS = 1_000;
const SWEEP_EVERY_MS = 5_000;
const COMPACT_EVERY_MS = 60_000;
const CANCEL_TIMEOUT_MS = 4_000;
const STOP_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 10_000;
/** Lines a job may buffer between flushes; beyond it lines are dropped and the drop is logged. */
const MAX_BUFFERED_LINES = 10_000;

type Phase = "starting" | "running" | "cancelling" | "stopping" | "draining" | "ended";

/** Instances of one attempt claimed together, run by one RunningJob. */
interface AttemptLease {
  key: string;
  jobId: string;
  runId: string;
  attemptNumber: number;
  instances: Map<number, string>;
  phase: Phase;
  running?: RunningJob;
  /** What to do once the runtime has started, if asked while it was starting. */
  wanted?: "cancel" | "stop" | "drain" | "lost";
  /** Aborts a start that is still waiting (for a broker that does not answer) when the job is cancelled or stopped. */
  startAbort: AbortController;
  /** Where the instances were told to start (the run's resume point and checkpoint), if anywhere. */
  startPoint?: ResumePoint;
  previous: Map<number, Reading>;
  engine?: "embedded" | "flink";
  pendingMetrics?: { atMs: number; metrics: InstanceMetrics[] };
  /** The newest checkpoint each instance reported (onCheckpoint), stored with the next metrics write. */
  checkpoints: Map<number, Pick<InstanceCheckpoint, "offsets" | "byInsert">>;
  lastCheckpoint?: string;
  /** The last checkpoint stored, per INSERT included (what lastCheckpoint shows merged). */
  lastStored?: string;
  /** The metrics write in progress: an end waits for it, so the run's checkpoint is stored before the instance is reported ended. */
  flushing?: Promise<void>;
}

export interface JobWorkerOptions {
  workerId: string;
  runtime: JobRuntime;
  /** Most instances this worker runs at once. */
  capacity?: number;
}

export class JobWorker {
  private readonly leases = new Map<string, AttemptLease>();
  private readonly logBuffers = new Map<
    string,
    { lines: LogLine[]; dropped: number; retrying?: boolean }
  >();
  /** Per job, repeated WARN/ERROR lines counted instead of stored (lib/job-logs/repeated-lines.ts). */
  private readonly repeats = new Map<string, RepeatedLines>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Ends being reported (see end()). */
  private readonly reporting = new Set<Promise<void>>();
  private ticking = false;
  private logFlush: Promise<void> = Promise.resolve();
  private draining = false;
  private lastSweep = 0;
  private lastCompaction = Date.now();
  /** When ticks began to fail (the database is unreachable), until one succeeds again. */
  private databaseLostAt: number | undefined;
  /** No claims of expired leases (nor sweeps) before this time: see tick(). */
  private takeOverAfter = 0;
  private readonly capacity: number;

  constructor(private readonly opts: JobWorkerOptions) {
    this.capacity = opts.capacity ?? 64;
  }

  start(): void {
    this.timers.push(setInterval(() => void this.tick(), WORKER_TICK_MS));
    this.timers.push(setInterval(() => void this.flushLogs(), LOG_FLUSH_MS));
    this.timers.push(setInterval(() => void this.flushMetrics(), METRICS_FLUSH_MS));
    void this.tick();
  }

  /** Instances this worker runs now, by job (for tests and the console). */
  heldInstances(): Array<{ jobId: string; instances: number[] }> {
    return [...this.leases.values()].map((g) => ({
      jobId: g.jobId,
      instances: [...g.instances.keys()],
    }));
  }

  /**
   * SIGTERM: stop with offsets, hand every instance back, flush what is buffered. An instance
   * still STARTING (a broker that does not answer) has its start aborted and is handed back at
   * once: nothing was read, so the next worker starts where it was to start. Returns when every
   * instance is reported, within DRAIN_TIMEOUT_MS and a cancel's time.
   */
  async drain(): Promise<void> {
    this.draining = true;
    for (const t of this.timers) clearInterval(t);
    while (this.ticking) await sleep(20);
    // Leases stay renewed while instances stop: a slow stop must not look like a dead worker.
    const renewing = setInterval(
      () =>
        void this.renew().catch((e: unknown) =>
          logger.warn("lease renewal failed while draining", {
            workerId: this.opts.workerId,
            error: describeErrorForLog(e),
          }),
        ),
      WORKER_TICK_MS,
    );
    try {
      await Promise.all([...this.leases.values()].map((g) => this.act(g, "drain")));
      const deadline = Date.now() + DRAIN_TIMEOUT_MS + CANCEL_TIMEOUT_MS;
      while ((this.leases.size > 0 || this.reporting.size > 0) && Date.now() < deadline)
        await sleep(20);
    } finally {
      clearInterval(renewing);
    }
    await this.flushMetrics();
    await this.flushLogs(true);
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.draining) return;
    this.ticking = true;
    try {
      await this.renew();
      const now = Date.now();
      if (this.databaseLostAt !== undefined) {
        // The database was gone for every worker, so no lease could be renewed meanwhile: an
        // expired lease says nothing about its worker until each has had a lease's time to renew.
        logger.info("the database is back", {
          workerId: this.opts.workerId,
          goneMs: now - this.databaseLostAt,
        });
        this.databaseLostAt = undefined;
        this.takeOverAfter = now + LEASE_MS + WORKER_TICK_MS;
      }
      if (now < this.takeOverAfter) return;
      const held = [...this.leases.values()].reduce((n, g) => n + g.instances.size, 0);
      const claimed = await claimInstances(this.opts.workerId, this.capacity - held);
      for (const lease of claimsByAttempt(claimed)) void this.startAttempt(lease);
      if (now - this.lastSweep >= SWEEP_EVERY_MS) {
        this.lastSweep = now;
        await sweepLostInstances();
      }
      if (now - this.lastCompaction >= COMPACT_EVERY_MS) {
        this.lastCompaction = now;
        await compactMetrics(now);
      }
    } catch (e) {
      // The instances keep running: a database that blinks must not stop or double-run them.
      if (this.databaseLostAt === undefined) {
        this.databaseLostAt = Date.now();
        logger.warn("worker tick failed; instances keep running, retrying each tick", {
          workerId: this.opts.workerId,
          error: describeErrorForLog(e),
        });
      }
    } finally {
      this.ticking = false;
    }
  }

  private async renew(): Promise<void> {
    // Instances being cancelled, stopped or drained keep their leases until they are reported:
    // otherwise a slow stop would look like a dead worker.
    const ids = [...this.leases.values()].flatMap((g) => [...g.instances.values()]);
    if (ids.length === 0) return;
    const renewals = new Map(
      (await renewInstanceLeases(this.opts.workerId, ids)).map((r) => [r.instanceId, r]),
    );
    for (const g of this.leases.values()) {
      if (g.phase !== "starting" && g.phase !== "running") continue;
      const mine = [...g.instances.values()].map((id) => renewals.get(id));
      if (mine.some((r) => r === undefined)) {
        void this.act(g, "lost");
        continue;
      }
      const r = mine[0]!;
      if (r.desiredState === "CANCELLED" || r.attemptStatus !== "RUNNING")
        void this.act(g, "cancel");
      else if (r.desiredState === "STOPPED") void this.act(g, "stop");
    }
  }

  private async startAttempt(claims: ClaimedInstance[]): Promise<void> {
    const first = claims[0];
    const key = randomUUID();
    const lease: AttemptLease = {
      key,
      jobId: first.jobId,
      runId: "",
      attemptNumber: first.attemptNumber,
      instances: new Map(claims.map((c) => [c.instance, c.instanceId])),
      phase: "starting",
      previous: new Map(),
      checkpoints: new Map(),
      startAbort: new AbortController(),
    };
    this.leases.set(key, lease);
    const instances = [...lease.instances.keys()].sort((a, b) => a - b);
    // What the start needs from the database, read again while it does not answer (a restart):
    // a database that blinks must not fail the job. Given up, the instances go back to the pool.
    let read: Awaited<ReturnType<typeof readStart>>;
    try {
      read = await this.fromDatabase(() => readStart(first.attemptId, lease.jobId), lease);
    } catch (e) {
      logger.warn("could not read a job's start from the database; its instances go back", {
        jobId: lease.jobId,
        error: describeErrorForLog(e),
      });
      await this.end(lease, { state: "RELEASED" });
      return;
    }
    try {
      const { attempt, earlier } = read;
      const run = attempt.run;
      lease.runId = run.id;
      const restored = mergeResumePoints(
        asResumePoint(run.resumeFrom),
        asResumePoint(run.checkpoint),
      );
      lease.startPoint = restored;
      // Not the first start of these instances in the run: a later attempt, or a takeover or
      // hand-back within attempt 1 (which the runtime cannot tell from the attempt number).
      const restart = lease.attemptNumber > 1 || claims.some((c) => c.claims > 1);
      // A restart with nothing checkpointed yet starts per the startup modes, as Flink restarts a
      // job without a completed checkpoint: an empty resume point says so to the runtime, which
      // would otherwise take the group's committed offsets — possibly a previous run's.
      const resumeFrom =
        restored ?? (restart ? { offsets: {}, recordedAt: new Date().toISOString() } : undefined);
      this.log(
        lease.jobId,
        "INFO",
        `Starting instance${instances.length > 1 ? "s" : ""} ${instances.join(", ")} of attempt ${lease.attemptNumber} on worker ${this.opts.workerId}` +
          (restored?.savepointPath
            ? ` from ${restorePointKind(restored.savepointPath)} ${restored.savepointPath}.`
            : restored
              ? ` from offsets ${describeOffsets(restored)}.`
              : " from the sources' startup modes."),
      );
      const flink = run.job.engine === "flink";
      lease.engine = flink ? "flink" : "embedded";
      lease.running = await this.opts.runtime({
        plan: planOfJob(run.job.plan),
        engine: flink ? "flink" : "embedded",
        sql: run.job.sql,
        ...(flink
          ? {
              flink: {
                jobId: run.flinkJobId ?? undefined,
                sessionHandle: run.flinkSessionHandle ?? undefined,
                onSubmitted: (job: { jobId: string; sessionHandle: string }) =>
                  recordFlinkSubmission(run.id, job),
                onCheckpoint: (point: ResumePoint) =>
                  recordCheckpoint(run.id, point).catch((e: unknown) =>
                    logger.warn("could not store the Flink job's checkpoint", {
                      jobId: lease.jobId,
                      error: describeErrorForLog(e),
                    }),
                  ),
              },
              jars: () => jobJars(lease.jobId),
            }
          : {}),
        jobId: lease.jobId,
        parallelism: run.parallelism,
        instances,
        attemptNumber: lease.attemptNumber,
        restart,
        runId: run.id,
        ...(earlier._max.parallelism ? { earlierParallelism: earlier._max.parallelism } : {}),
        resumeFrom,
        onStartOffsets: (point) => recordCheckpoint(run.id, point),
        signal: lease.startAbort.signal,
        resolveSecret: resolveSecretFor,
        resolvePartitioner: await jobPartitionerResolver(lease.jobId),
        resolveStoreFile: await jobStoreResolver(lease.jobId),
        onMetrics: (metrics) => {
          lease.pendingMetrics = { atMs: Date.now(), metrics };
        },
        onCheckpoint: ({ instance, offsets, byInsert }) => {
          lease.checkpoints.set(instance, { offsets, ...(byInsert ? { byInsert } : {}) });
        },
        onLog: (level, message, instance) => this.log(lease.jobId, level, message, instance),
      });
    } catch (e) {
      await this.end(lease, { state: "FAILED", failure: failureFromError(e) });
      return;
    }
    if (lease.running.startAbandoned) {
      // Cancelled, stopped or lost before anything ran: nothing was read since where it started.
      const wanted = lease.wanted;
      this.log(
        lease.jobId,
        "INFO",
        `Instance${instances.length > 1 ? "s" : ""} ${instances.join(", ")} ${wanted === "stop" ? "stopped" : wanted === "cancel" ? "cancelled" : "handed back"} while starting; nothing was read.`,
      );
      await this.end(
        lease,
        wanted === "stop"
          ? {
              state: "STOPPED",
              resumePoint: lease.startPoint ?? {
                offsets: {},
                recordedAt: new Date().toISOString(),
              },
            }
          : wanted === "cancel"
            ? { state: "CANCELLED" }
            : { state: "RELEASED" },
      );
      return;
    }
    lease.phase = "running";
    await this.report(() =>
      reportInstancesRunning(this.opts.workerId, lease.jobId, [...lease.instances.values()]),
    );
    if (lease.wanted) {
      const wanted = lease.wanted;
      lease.wanted = undefined;
      void this.act(lease, wanted);
    }
    void lease.running.outcome.then(async (outcome) => {
      if (lease.phase !== "running") return; // we stopped it: that path reports
      await this.flushAttemptMetrics(lease);
      await this.end(
        lease,
        outcome.state === "FINISHED"
          ? { state: "FINISHED" }
          : { state: "FAILED", failure: outcome.failure },
      );
    });
  }

  private async act(
    lease: AttemptLease,
    what: "cancel" | "stop" | "drain" | "lost",
  ): Promise<void> {
    if (lease.phase === "starting") {
      // A start may wait for a client's request timeout (30 s): whatever is asked ends it now.
      // Nothing was read yet, so a cancel, a stop or a hand-back (drain) loses nothing.
      lease.wanted = what;
      lease.startAbort.abort();
      return;
    }
    if (lease.phase !== "running") return;
    const running = lease.running!;
    if (what === "cancel" || what === "lost") {
      lease.phase = "cancelling";
      const letGo = what === "lost" && running.detach ? running.detach() : running.cancel();
      await withTimeout(letGo, CANCEL_TIMEOUT_MS).catch((e: unknown) =>
        logger.warn("cancel failed", {
          jobId: lease.jobId,
          error: describeErrorForLog(e),
        }),
      );
      // What was committed before the cancel stays the run's checkpoint (a restart resumes there).
      await this.flushAttemptMetrics(lease);
      // A lost instance is another worker's now; the rest of the lease goes back to the pool.
      await this.end(lease, what === "lost" ? { state: "RELEASED" } : { state: "CANCELLED" });
      return;
    }
    lease.phase = what === "stop" ? "stopping" : "draining";
    let resumePoint: ResumePoint | undefined;
    try {
      resumePoint = await withTimeout(
        running.stopWithOffsets(),
        what === "stop" ? STOP_TIMEOUT_MS : DRAIN_TIMEOUT_MS,
      );
    } catch (e) {
      this.log(lease.jobId, "WARN", stopFailedMessage(what, e, lease.lastCheckpoint));
      await withTimeout(running.cancel(), CANCEL_TIMEOUT_MS).catch(() => undefined);
    }
    await this.flushAttemptMetrics(lease);
    if (what === "stop") {
      await this.end(
        lease,
        resumePoint ? { state: "STOPPED", resumePoint } : { state: "CANCELLED" },
      );
    } else {
      await this.end(lease, { state: "RELEASED", resumePoint });
    }
  }

  private async end(lease: AttemptLease, end: InstanceEnd): Promise<void> {
    lease.phase = "ended";
    this.leases.delete(lease.key);
    if (![...this.leases.values()].some((g) => g.jobId === lease.jobId)) {
      // The job's last instance here ends: its repeats are summed up now, not a window later.
      const repeats = this.repeats.get(lease.jobId);
      for (const summary of repeats?.due(Infinity) ?? []) this.buffer(lease.jobId, summary);
      this.repeats.delete(lease.jobId);
    }
    const reported = (async () => {
      await this.flushLogs();
      await this.report(() =>
        reportInstancesEnded(this.opts.workerId, lease.jobId, [...lease.instances.values()], end),
      );
    })();
    // A drain waits for the report too: a process that exits before it leaves the instances
    // claimed until their lease expires.
    this.reporting.add(reported);
    try {
      await reported;
    } finally {
      this.reporting.delete(reported);
    }
  }

  /** Retries a read while the database does not answer (up to about 30 s), unless the start is called off. */
  private async fromDatabase<T>(call: () => Promise<T>, lease: AttemptLease): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        // A row that is gone (the job was deleted) is not the database being away.
        const gone = (e as { code?: unknown }).code === "P2025";
        if (gone || Date.now() >= deadline || lease.startAbort.signal.aborted) throw e;
        await sleep(Math.min(250 * 2 ** attempt, 2_000));
      }
    }
  }

  private async report(call: () => Promise<void>): Promise<void> {
    // A report that fails (database restart) is retried: the job's state depends on it.
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        if (attempt >= 20) {
          logger.error("could not report to the database", {
            workerId: this.opts.workerId,
            error: describeErrorForLog(e),
          });
          return;
        }
        await sleep(Math.min(250 * 2 ** attempt, 2_000));
      }
    }
  }

  private log(jobId: string, level: LogLevel, message: string, instance?: number): void {
    let repeats = this.repeats.get(jobId);
    if (!repeats) this.repeats.set(jobId, (repeats = new RepeatedLines()));
    const line = { level, message, instance: instance ?? null, at: new Date() };
    for (const kept of repeats.admit(line)) this.buffer(jobId, kept);
  }

  private buffer(jobId: string, line: LogLine): void {
    let buffer = this.logBuffers.get(jobId);
    if (!buffer) this.logBuffers.set(jobId, (buffer = { lines: [], dropped: 0 }));
    if (buffer.lines.length >= MAX_BUFFERED_LINES) {
      buffer.dropped++;
      return;
    }
    buffer.lines.push(line);
  }

  /**
   * One flush at a time, so lines kept after a failed write stay ahead of newer ones. `final`
   * (a drain) also sums up repeats whose window is still open.
   */
  private flushLogs(final = false): Promise<void> {
    this.logFlush = this.logFlush.then(() => this.writeLogs(final));
    return this.logFlush;
  }

  private async writeLogs(final = false): Promise<void> {
    const now = final ? Infinity : Date.now();
    const held = new Set([...this.leases.values()].map((g) => g.jobId));
    for (const [jobId, repeats] of [...this.repeats]) {
      for (const summary of repeats.due(now)) this.buffer(jobId, summary);
      if (!repeats.open && !held.has(jobId)) this.repeats.delete(jobId);
    }
    for (const [jobId, buffer] of [...this.logBuffers]) {
      if (buffer.lines.length === 0 && buffer.dropped === 0) continue;
      const lines = buffer.lines;
      if (buffer.dropped > 0) {
        lines.push({
          level: "WARN",
          message: `${buffer.dropped} log lines were dropped: the job logged faster than they could be stored.`,
          instance: null,
          at: new Date(),
        });
      }
      this.logBuffers.set(jobId, { lines: [], dropped: 0 });
      try {
        await appendJobLogs(jobId, lines);
      } catch (e) {
        // Kept for the next flush (the database may be restarting), ahead of newer lines and
        // within the same cap; a line beyond it is counted as dropped.
        const now = this.logBuffers.get(jobId)!;
        const kept = [...lines, ...now.lines];
        const over = Math.max(0, kept.length - MAX_BUFFERED_LINES);
        this.logBuffers.set(jobId, {
          lines: kept.slice(0, kept.length - over),
          dropped: now.dropped + over,
        });
        if (!buffer.retrying)
          logger.warn("could not store job log lines; keeping them for the next try", {
            jobId,
            error: describeErrorForLog(e),
          });
        this.logBuffers.get(jobId)!.retrying = true;
      }
    }
  }

  private async flushMetrics(): Promise<void> {
    await Promise.all([...this.leases.values()].map((g) => this.flushAttemptMetrics(g)));
  }

  private async flushAttemptMetrics(lease: AttemptLease): Promise<void> {
    // One write at a time per lease, and a caller returns only once what was pending is stored.
    while (lease.flushing) await lease.flushing;
    const pending = lease.pendingMetrics;
    if (!pending) return;
    lease.pendingMetrics = undefined;
    lease.flushing = this.writeAttemptMetrics(lease, pending).finally(
      () => (lease.flushing = undefined),
    );
    await lease.flushing;
  }

  private async writeAttemptMetrics(
    lease: AttemptLease,
    pending: { atMs: number; metrics: InstanceMetrics[] },
  ): Promise<void> {
    const flink = lease.engine === "flink";
    const reports: InstanceReport[] = pending.metrics.flatMap((metrics) => {
      const instanceId = lease.instances.get(metrics.instance);
      // A Flink job holds one instance for all its subtasks: every subtask's samples are stored.
      if (!instanceId && !flink) return [];
      const reading = { metrics, atMs: pending.atMs };
      const previous = lease.previous.get(metrics.instance);
      lease.previous.set(metrics.instance, reading);
      return [
        {
          instanceId: flink ? undefined : instanceId,
          metrics,
          rates: ratesOf(reading, previous),
          samples: samplesOf(reading, previous),
        },
      ];
    });
    const flinkInstanceId = flink ? [...lease.instances.values()][0] : undefined;
    if (flinkInstanceId && reports.length > 0) {
      // …and its one instance's snapshot stands for all of them.
      const combined = combineInstances(
        0,
        reports.map((r) => ({ ...r.metrics, ...r.rates })),
      );
      reports.push({
        instanceId: flinkInstanceId,
        metrics: combined,
        rates: combined,
        samples: [],
      });
    }
    // The checkpoint first: a restart or takeover resumes from it, while a lost sample only leaves a gap in a chart.
    const committed = [...lease.checkpoints.values()];
    if (committed.length > 0 && lease.runId) {
      const offsets = mergeOffsets(...committed.map((c) => c.offsets));
      // Each INSERT's own offsets too: a restart resumes each from where it is (ResumePoint.byInsert).
      const byInsert: NonNullable<ResumePoint["byInsert"]> = {};
      for (const c of committed)
        for (const [key, o] of Object.entries(c.byInsert ?? {}))
          byInsert[key] = mergeOffsets(byInsert[key], o);
      const text = JSON.stringify(offsets);
      const stored = JSON.stringify({ offsets, byInsert });
      if (stored !== lease.lastStored) {
        try {
          await recordCheckpoint(lease.runId, {
            offsets,
            ...(Object.keys(byInsert).length > 0 ? { byInsert } : {}),
            recordedAt: new Date(pending.atMs).toISOString(),
          });
          lease.lastStored = stored;
          lease.lastCheckpoint = text;
        } catch (e) {
          logger.warn("could not store the run's checkpoint", {
            jobId: lease.jobId,
            error: describeErrorForLog(e),
          });
        }
      }
    }
    try {
      await writeInstanceMetrics(lease.jobId, new Date(pending.atMs), reports);
    } catch (e) {
      logger.warn("could not store job metrics", {
        jobId: lease.jobId,
        error: describeErrorForLog(e),
      });
    }
  }
}

/** What a start reads from the database: the attempt's run and job, earlier runs' parallelism. */
async function readStart(attemptId: string, jobId: string) {
  const attempt = await prisma().jobAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      run: {
        select: {
          id: true,
          parallelism: true,
          resumeFrom: true,
          checkpoint: true,
          flinkJobId: true,
          flinkSessionHandle: true,
          job: { select: { plan: true, engine: true, sql: true } },
        },
      },
    },
  });
  const earlier = await prisma().jobRun.aggregate({
    where: { jobId, id: { not: attempt.run.id } },
    _max: { parallelism: true },
  });
  return { attempt, earlier };
}

function claimsByAttempt(claims: ClaimedInstance[]): ClaimedInstance[][] {
  const byAttempt = new Map<string, ClaimedInstance[]>();
  for (const c of claims) {
    const list = byAttempt.get(c.attemptId);
    if (list) list.push(c);
    else byAttempt.set(c.attemptId, [c]);
  }
  return [...byAttempt.values()];
}

/**
 * What a user reads when a stop (or a drain's hand-over) with offsets could not commit: what
 * failed, what was done instead, and where the output and a later start stand.
 */
export function stopFailedMessage(
  what: "stop" | "drain",
  error: unknown,
  lastCheckpoint: string | undefined,
): string {
  const reason = error instanceof Error ? error.message : String(error);
  const checkpoint = lastCheckpoint
    ? `the last completed checkpoint (${describeOffsets({ offsets: JSON.parse(lastCheckpoint) as ResumePoint["offsets"], recordedAt: "" })})`
    : "the last completed checkpoint (none was completed yet: the sources' startup modes)";
  return what === "stop"
    ? `Stopping with offsets failed: the final checkpoint could not be committed (${reason}). ` +
        `The job was cancelled instead and ends CANCELLED, without stop offsets; what it committed ` +
        `is ${checkpoint}, and records after it were not committed by this stop.`
    : `Handing over with offsets failed: the final checkpoint could not be committed (${reason}). ` +
        `The instances were cancelled and handed back; the next worker resumes from ${checkpoint}.`;
}

function describeOffsets(point: ResumePoint): string {
  return Object.entries(point.offsets)
    .map(([topic, partitions]) =>
      Object.entries(partitions)
        .map(([p, o]) => `${topic}-${p}@${o}`)
        .join(", "),
    )
    .join(", ");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
