/**
 * The job side of a worker process: every tick it renews the leases of the instances it runs
 * (and learns what their jobs want now), claims more instances, and hands them to the JobRuntime;
 * it reports starts, ends and failures, and ships metrics (each second) and log lines (every
 * 200 ms). drain() — on SIGTERM — stops its instances with offsets and hands them back at once.
 */
import { randomUUID } from "node:crypto";
import { claimSlots, type ClaimedSlot } from "@/lib/jobs/claim-slots";
import { failureFromError } from "@/lib/jobs/job-failure";
import { LEASE_MS, WORKER_TICK_MS } from "@/lib/jobs/lease";
import { planOfDeployment } from "@/lib/jobs/plan-sql";
import { recordCheckpoint } from "@/lib/jobs/record-checkpoint";
import { recordFlinkSubmission } from "@/lib/jobs/record-flink-submission";
import { renewSlotLeases } from "@/lib/jobs/renew-slot-leases";
import { reportSlotsEnded, type SlotEnd } from "@/lib/jobs/report-slots-ended";
import { reportSlotsRunning } from "@/lib/jobs/report-slots-running";
import {
  asResumePoint,
  mergeOffsets,
  mergeResumePoints,
  restorePointKind,
} from "@/lib/jobs/resume-point";
import { sweepLostSlots } from "@/lib/jobs/sweep-lost-slots";
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
import {
  deploymentJars,
  deploymentPartitionerResolver,
} from "@/lib/resources/deployment-partitioners";
import { deploymentStoreResolver } from "@/lib/resources/attached-stores";
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
interface Group {
  key: string;
  deploymentId: string;
  runId: string;
  attemptNumber: number;
  slots: Map<number, string>;
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
  private readonly groups = new Map<string, Group>();
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

  /** Instances this worker runs now, by deployment (for tests and the console). */
  heldInstances(): Array<{ deploymentId: string; instances: number[] }> {
    return [...this.groups.values()].map((g) => ({
      deploymentId: g.deploymentId,
      instances: [...g.slots.keys()],
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
      await Promise.all([...this.groups.values()].map((g) => this.act(g, "drain")));
      const deadline = Date.now() + DRAIN_TIMEOUT_MS + CANCEL_TIMEOUT_MS;
      while ((this.groups.size > 0 || this.reporting.size > 0) && Date.now() < deadline)
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
      const held = [...this.groups.values()].reduce((n, g) => n + g.slots.size, 0);
      const claimed = await claimSlots(this.opts.workerId, this.capacity - held);
      for (const group of groupClaims(claimed)) void this.startGroup(group);
      if (now - this.lastSweep >= SWEEP_EVERY_MS) {
        this.lastSweep = now;
        await sweepLostSlots();
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
    const ids = [...this.groups.values()].flatMap((g) => [...g.slots.values()]);
    if (ids.length === 0) return;
    const renewals = new Map(
      (await renewSlotLeases(this.opts.workerId, ids)).map((r) => [r.slotId, r]),
    );
    for (const g of this.groups.values()) {
      if (g.phase !== "starting" && g.phase !== "running") continue;
      const mine = [...g.slots.values()].map((id) => renewals.get(id));
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

  private async startGroup(claims: ClaimedSlot[]): Promise<void> {
    const first = claims[0];
    const key = randomUUID();
    const group: Group = {
      key,
      deploymentId: first.deploymentId,
      runId: "",
      attemptNumber: first.attemptNumber,
      slots: new Map(claims.map((c) => [c.instance, c.slotId])),
      phase: "starting",
      previous: new Map(),
      checkpoints: new Map(),
      startAbort: new AbortController(),
    };
    this.groups.set(key, group);
    const instances = [...group.slots.keys()].sort((a, b) => a - b);
    // What the start needs from the database, read again while it does not answer (a restart):
    // a database that blinks must not fail the job. Given up, the instances go back to the pool.
    let read: Awaited<ReturnType<typeof readStart>>;
    try {
      read = await this.fromDatabase(() => readStart(first.attemptId, group.deploymentId), group);
    } catch (e) {
      logger.warn("could not read a job's start from the database; its instances go back", {
        deploymentId: group.deploymentId,
        error: describeErrorForLog(e),
      });
      await this.end(group, { state: "RELEASED" });
      return;
    }
    try {
      const { attempt, earlier } = read;
      const run = attempt.run;
      group.runId = run.id;
      const restored = mergeResumePoints(
        asResumePoint(run.resumeFrom),
        asResumePoint(run.checkpoint),
      );
      group.startPoint = restored;
      // Not the first start of these instances in the run: a later attempt, or a takeover or
      // hand-back within attempt 1 (which the runtime cannot tell from the attempt number).
      const restart = group.attemptNumber > 1 || claims.some((c) => c.claims > 1);
      // A restart with nothing checkpointed yet starts per the startup modes, as Flink restarts a
      // job without a completed checkpoint: an empty resume point says so to the runtime, which
      // would otherwise take the group's committed offsets — possibly a previous run's.
      const resumeFrom =
        restored ?? (restart ? { offsets: {}, recordedAt: new Date().toISOString() } : undefined);
      this.log(
        group.deploymentId,
        "INFO",
        `Starting instance${instances.length > 1 ? "s" : ""} ${instances.join(", ")} of attempt ${group.attemptNumber} on worker ${this.opts.workerId}` +
          (restored?.savepointPath
            ? ` from ${restorePointKind(restored.savepointPath)} ${restored.savepointPath}.`
            : restored
              ? ` from offsets ${describeOffsets(restored)}.`
              : " from the sources' startup modes."),
      );
      const flink = run.deployment.engine === "flink";
      group.engine = flink ? "flink" : "embedded";
      group.running = await this.opts.runtime({
        plan: planOfDeployment(run.deployment.plan),
        engine: flink ? "flink" : "embedded",
        sql: run.deployment.sql,
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
                      deploymentId: group.deploymentId,
                      error: describeErrorForLog(e),
                    }),
                  ),
              },
              jars: () => deploymentJars(group.deploymentId),
            }
          : {}),
        deploymentId: group.deploymentId,
        parallelism: run.parallelism,
        instances,
        attemptNumber: group.attemptNumber,
        restart,
        runId: run.id,
        ...(earlier._max.parallelism ? { earlierParallelism: earlier._max.parallelism } : {}),
        resumeFrom,
        onStartOffsets: (point) => recordCheckpoint(run.id, point),
        signal: group.startAbort.signal,
        resolveSecret: resolveSecretFor,
        resolvePartitioner: await deploymentPartitionerResolver(group.deploymentId),
        resolveStoreFile: await deploymentStoreResolver(group.deploymentId),
        onMetrics: (metrics) => {
          group.pendingMetrics = { atMs: Date.now(), metrics };
        },
        onCheckpoint: ({ instance, offsets, byInsert }) => {
          group.checkpoints.set(instance, { offsets, ...(byInsert ? { byInsert } : {}) });
        },
        onLog: (level, message, instance) => this.log(group.deploymentId, level, message, instance),
      });
    } catch (e) {
      await this.end(group, { state: "FAILED", failure: failureFromError(e) });
      return;
    }
    if (group.running.startAbandoned) {
      // Cancelled, stopped or lost before anything ran: nothing was read since where it started.
      const wanted = group.wanted;
      this.log(
        group.deploymentId,
        "INFO",
        `Instance${instances.length > 1 ? "s" : ""} ${instances.join(", ")} ${wanted === "stop" ? "stopped" : wanted === "cancel" ? "cancelled" : "handed back"} while starting; nothing was read.`,
      );
      await this.end(
        group,
        wanted === "stop"
          ? {
              state: "STOPPED",
              resumePoint: group.startPoint ?? {
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
    group.phase = "running";
    await this.report(() =>
      reportSlotsRunning(this.opts.workerId, group.deploymentId, [...group.slots.values()]),
    );
    if (group.wanted) {
      const wanted = group.wanted;
      group.wanted = undefined;
      void this.act(group, wanted);
    }
    void group.running.outcome.then(async (outcome) => {
      if (group.phase !== "running") return; // we stopped it: that path reports
      await this.flushGroupMetrics(group);
      await this.end(
        group,
        outcome.state === "FINISHED"
          ? { state: "FINISHED" }
          : { state: "FAILED", failure: outcome.failure },
      );
    });
  }

  private async act(group: Group, what: "cancel" | "stop" | "drain" | "lost"): Promise<void> {
    if (group.phase === "starting") {
      // A start may wait for a client's request timeout (30 s): whatever is asked ends it now.
      // Nothing was read yet, so a cancel, a stop or a hand-back (drain) loses nothing.
      group.wanted = what;
      group.startAbort.abort();
      return;
    }
    if (group.phase !== "running") return;
    const running = group.running!;
    if (what === "cancel" || what === "lost") {
      group.phase = "cancelling";
      const letGo = what === "lost" && running.detach ? running.detach() : running.cancel();
      await withTimeout(letGo, CANCEL_TIMEOUT_MS).catch((e: unknown) =>
        logger.warn("cancel failed", {
          deploymentId: group.deploymentId,
          error: describeErrorForLog(e),
        }),
      );
      // What was committed before the cancel stays the run's checkpoint (a restart resumes there).
      await this.flushGroupMetrics(group);
      // A lost instance is another worker's now; the rest of the group goes back to the pool.
      await this.end(group, what === "lost" ? { state: "RELEASED" } : { state: "CANCELLED" });
      return;
    }
    group.phase = what === "stop" ? "stopping" : "draining";
    let resumePoint: ResumePoint | undefined;
    try {
      resumePoint = await withTimeout(
        running.stopWithOffsets(),
        what === "stop" ? STOP_TIMEOUT_MS : DRAIN_TIMEOUT_MS,
      );
    } catch (e) {
      this.log(group.deploymentId, "WARN", stopFailedMessage(what, e, group.lastCheckpoint));
      await withTimeout(running.cancel(), CANCEL_TIMEOUT_MS).catch(() => undefined);
    }
    await this.flushGroupMetrics(group);
    if (what === "stop") {
      await this.end(
        group,
        resumePoint ? { state: "STOPPED", resumePoint } : { state: "CANCELLED" },
      );
    } else {
      await this.end(group, { state: "RELEASED", resumePoint });
    }
  }

  private async end(group: Group, end: SlotEnd): Promise<void> {
    group.phase = "ended";
    this.groups.delete(group.key);
    if (![...this.groups.values()].some((g) => g.deploymentId === group.deploymentId)) {
      // The job's last instance here ends: its repeats are summed up now, not a window later.
      const repeats = this.repeats.get(group.deploymentId);
      for (const summary of repeats?.due(Infinity) ?? []) this.buffer(group.deploymentId, summary);
      this.repeats.delete(group.deploymentId);
    }
    const reported = (async () => {
      await this.flushLogs();
      await this.report(() =>
        reportSlotsEnded(this.opts.workerId, group.deploymentId, [...group.slots.values()], end),
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
  private async fromDatabase<T>(call: () => Promise<T>, group: Group): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        // A row that is gone (the job was deleted) is not the database being away.
        const gone = (e as { code?: unknown }).code === "P2025";
        if (gone || Date.now() >= deadline || group.startAbort.signal.aborted) throw e;
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

  private log(deploymentId: string, level: LogLevel, message: string, instance?: number): void {
    let repeats = this.repeats.get(deploymentId);
    if (!repeats) this.repeats.set(deploymentId, (repeats = new RepeatedLines()));
    const line = { level, message, instance: instance ?? null, at: new Date() };
    for (const kept of repeats.admit(line)) this.buffer(deploymentId, kept);
  }

  private buffer(deploymentId: string, line: LogLine): void {
    let buffer = this.logBuffers.get(deploymentId);
    if (!buffer) this.logBuffers.set(deploymentId, (buffer = { lines: [], dropped: 0 }));
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
    const held = new Set([...this.groups.values()].map((g) => g.deploymentId));
    for (const [deploymentId, repeats] of [...this.repeats]) {
      for (const summary of repeats.due(now)) this.buffer(deploymentId, summary);
      if (!repeats.open && !held.has(deploymentId)) this.repeats.delete(deploymentId);
    }
    for (const [deploymentId, buffer] of [...this.logBuffers]) {
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
      this.logBuffers.set(deploymentId, { lines: [], dropped: 0 });
      try {
        await appendJobLogs(deploymentId, lines);
      } catch (e) {
        // Kept for the next flush (the database may be restarting), ahead of newer lines and
        // within the same cap; a line beyond it is counted as dropped.
        const now = this.logBuffers.get(deploymentId)!;
        const kept = [...lines, ...now.lines];
        const over = Math.max(0, kept.length - MAX_BUFFERED_LINES);
        this.logBuffers.set(deploymentId, {
          lines: kept.slice(0, kept.length - over),
          dropped: now.dropped + over,
        });
        if (!buffer.retrying)
          logger.warn("could not store job log lines; keeping them for the next try", {
            deploymentId,
            error: describeErrorForLog(e),
          });
        this.logBuffers.get(deploymentId)!.retrying = true;
      }
    }
  }

  private async flushMetrics(): Promise<void> {
    await Promise.all([...this.groups.values()].map((g) => this.flushGroupMetrics(g)));
  }

  private async flushGroupMetrics(group: Group): Promise<void> {
    // One write at a time per group, and a caller returns only once what was pending is stored.
    while (group.flushing) await group.flushing;
    const pending = group.pendingMetrics;
    if (!pending) return;
    group.pendingMetrics = undefined;
    group.flushing = this.writeGroupMetrics(group, pending).finally(
      () => (group.flushing = undefined),
    );
    await group.flushing;
  }

  private async writeGroupMetrics(
    group: Group,
    pending: { atMs: number; metrics: InstanceMetrics[] },
  ): Promise<void> {
    const flink = group.engine === "flink";
    const reports: InstanceReport[] = pending.metrics.flatMap((metrics) => {
      const slotId = group.slots.get(metrics.instance);
      // A Flink job holds one slot for all its subtasks: every subtask's samples are stored.
      if (!slotId && !flink) return [];
      const reading = { metrics, atMs: pending.atMs };
      const previous = group.previous.get(metrics.instance);
      group.previous.set(metrics.instance, reading);
      return [
        {
          slotId: flink ? undefined : slotId,
          metrics,
          rates: ratesOf(reading, previous),
          samples: samplesOf(reading, previous),
        },
      ];
    });
    const flinkSlot = flink ? [...group.slots.values()][0] : undefined;
    if (flinkSlot && reports.length > 0) {
      // …and its one slot's snapshot stands for all of them.
      const combined = combineInstances(
        0,
        reports.map((r) => ({ ...r.metrics, ...r.rates })),
      );
      reports.push({ slotId: flinkSlot, metrics: combined, rates: combined, samples: [] });
    }
    // The checkpoint first: a restart or takeover resumes from it, while a lost sample only leaves a gap in a chart.
    const committed = [...group.checkpoints.values()];
    if (committed.length > 0 && group.runId) {
      const offsets = mergeOffsets(...committed.map((c) => c.offsets));
      // Each INSERT's own offsets too: a restart resumes each from where it is (ResumePoint.byInsert).
      const byInsert: NonNullable<ResumePoint["byInsert"]> = {};
      for (const c of committed)
        for (const [key, o] of Object.entries(c.byInsert ?? {}))
          byInsert[key] = mergeOffsets(byInsert[key], o);
      const text = JSON.stringify(offsets);
      const stored = JSON.stringify({ offsets, byInsert });
      if (stored !== group.lastStored) {
        try {
          await recordCheckpoint(group.runId, {
            offsets,
            ...(Object.keys(byInsert).length > 0 ? { byInsert } : {}),
            recordedAt: new Date(pending.atMs).toISOString(),
          });
          group.lastStored = stored;
          group.lastCheckpoint = text;
        } catch (e) {
          logger.warn("could not store the run's checkpoint", {
            deploymentId: group.deploymentId,
            error: describeErrorForLog(e),
          });
        }
      }
    }
    try {
      await writeInstanceMetrics(group.deploymentId, new Date(pending.atMs), reports);
    } catch (e) {
      logger.warn("could not store job metrics", {
        deploymentId: group.deploymentId,
        error: describeErrorForLog(e),
      });
    }
  }
}

/** What a start reads from the database: the attempt's run and deployment, earlier runs' parallelism. */
async function readStart(attemptId: string, deploymentId: string) {
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
          deployment: { select: { plan: true, engine: true, sql: true } },
        },
      },
    },
  });
  const earlier = await prisma().jobRun.aggregate({
    where: { deploymentId, id: { not: attempt.run.id } },
    _max: { parallelism: true },
  });
  return { attempt, earlier };
}

function groupClaims(claims: ClaimedSlot[]): ClaimedSlot[][] {
  const byAttempt = new Map<string, ClaimedSlot[]>();
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
