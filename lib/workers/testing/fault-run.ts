/**
 * A fault run on the real broker and PostgreSQL, shared by the integration fault test and
 * `npm run bench -- faults`: Kafka→Kafka jobs (one per delivery guarantee asked for) run on worker
 * *processes* (workers/worker.ts, as `tributary worker` runs), which are SIGKILLed at random
 * moments — the first soon after the start (before the first commit), the others while records
 * flow (mid-transaction) and while an earlier kill is still being taken over — and respawned; the
 * run's own broker can be restarted once in the middle. At the end every sink is counted with a
 * read_committed reader against the source: duplicates and missing records per job.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { startLocalBroker, type LocalBroker } from "@/lib/kafka/local-broker";
import {
  createTopic,
  produce,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { findFreePort } from "@/lib/net/ports";
import { kafkaJobSql, runCheckpoint, sinkRows, sourceRow } from "./kafka-jobs";
import { eventually, jobStatus } from "./test-workers";

export type Guarantee = "exactly-once" | "at-least-once";

export interface FaultRunOptions {
  guarantees: Guarantee[];
  /** SIGKILLs of worker processes. */
  kills: number;
  /** Restart the broker (stop, start again within seconds) after this many kills; none when absent. */
  brokerRestartAfterKill?: number;
  parallelism?: number;
  partitions?: number;
  /** Worker processes alive at any time (each killed one is replaced at once). */
  workers?: number;
  /** Records produced before the job starts; more follow at `recordsPerSecond` until the last kill. */
  initialRecords?: number;
  recordsPerSecond?: number;
  /** Between kills, a random pause in [min, max] ms. */
  pauseMs?: [number, number];
  log?: (line: string) => void;
}

export interface JobCount {
  guarantee: Guarantee;
  jobId: string;
  sourceRecords: number;
  /** Records a read_committed reader sees in the sink. */
  sinkRecords: number;
  duplicates: number;
  missing: number;
  /** Attempts of the run (a restart by the restart strategy adds one; a takeover does not). */
  attempts: number;
  /** Instances taken over from a worker whose lease expired. */
  takeovers: number;
}

export interface FaultRunResult {
  kills: number;
  /** Per kill: ms from the SIGKILL until every instance the killed worker held runs elsewhere. */
  takeoverMs: number[];
  brokerRestarted: boolean;
  jobs: JobCount[];
}

interface SpawnedWorker {
  child: ChildProcess;
  exited: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);
const root = path.resolve(import.meta.dirname, "../../..");

function spawnWorker(bootstrapServers: string): SpawnedWorker {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "workers/worker.ts")], {
    cwd: root,
    env: {
      ...process.env,
      KAFKA_BOOTSTRAP_SERVERS: bootstrapServers,
      TRIBUTARY_LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited };
}

async function workerIdOf(pid: number | undefined): Promise<string | undefined> {
  if (pid === undefined) return undefined;
  const w = await prisma().worker.findFirst({ where: { pid }, orderBy: { startedAt: "desc" } });
  return w?.id;
}

/** A random worker among those that hold instances of the jobs (any, when none does yet). */
async function pickVictim(workers: SpawnedWorker[], jobIds: string[]): Promise<SpawnedWorker> {
  const holders = new Set(
    (await currentInstances(jobIds).catch(() => []))
      .filter((s) => s.status === "CLAIMED" || s.status === "RUNNING")
      .map((s) => s.workerId),
  );
  const candidates: SpawnedWorker[] = [];
  for (const w of workers)
    if (holders.has((await workerIdOf(w.child.pid)) ?? "")) candidates.push(w);
  const pool = candidates.length > 0 ? candidates : workers;
  return pool[Math.floor(Math.random() * pool.length)];
}

/** Each job's run checkpoint now (as JSON), to tell when the jobs committed again. */
async function checkpointMarks(jobIds: string[]): Promise<Map<string, string>> {
  const marks = new Map<string, string>();
  for (const id of jobIds)
    marks.set(id, JSON.stringify((await runCheckpoint(id))?.offsets ?? null));
  return marks;
}

async function committedSince(jobIds: string[], marks: Map<string, string>): Promise<boolean> {
  const now = await checkpointMarks(jobIds);
  return jobIds.every((id) => now.get(id) !== marks.get(id) && now.get(id) !== "null");
}

/** Every instance of the current attempts claimed by a worker other than `gone`. */
async function heldByOthers(jobIds: string[], gone: string | undefined): Promise<boolean> {
  const instances = await currentInstances(jobIds);
  return (
    instances.length > 0 &&
    instances.every(
      (s) => (s.status === "CLAIMED" || s.status === "RUNNING") && s.workerId !== gone,
    )
  );
}

/** Instances of the jobs' current attempts: held by whom, and running or not. */
async function currentInstances(jobIds: string[]) {
  return prisma().jobInstance.findMany({
    where: {
      attempt: { status: "RUNNING", run: { jobId: { in: jobIds } } },
    },
    select: { workerId: true, status: true, leaseExpiresAt: true },
  });
}

export async function faultRun(options: FaultRunOptions): Promise<FaultRunResult> {
  const log = options.log ?? (() => {});
  const parallelism = options.parallelism ?? 2;
  const partitions = options.partitions ?? 4;
  const workerCount = options.workers ?? 2;
  const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-fault-broker-"));
  const brokerOptions = {
    dataDir,
    port: await findFreePort(),
    controllerPort: await findFreePort(),
    stopGraceMs: 15_000,
  };
  let broker: LocalBroker = await startLocalBroker(brokerOptions);
  const kafka: Kafka = testKafka(broker.bootstrapServers);
  const workers: SpawnedWorker[] = [];
  const jobIds: string[] = [];
  const takeoverMs: number[] = [];
  let brokerRestarted = false;
  try {
    const jobs = [];
    for (const guarantee of options.guarantees) {
      const input = await createTopic(kafka, uniqueName(`fault-in-${guarantee}`), partitions);
      const output = await createTopic(kafka, uniqueName(`fault-out-${guarantee}`), partitions);
      const initial = options.initialRecords ?? 5_000;
      await produce(
        kafka,
        input,
        Array.from({ length: initial }, (_, i) => sourceRow(i, partitions)),
      );
      // The first records are there before the start, the rest keep coming while workers die.
      const producer = new SourceFeed(
        kafka,
        input,
        partitions,
        initial,
        options.recordsPerSecond ?? 1_000,
      );
      const sql = kafkaJobSql({
        bootstrapServers: broker.bootstrapServers,
        input,
        output,
        groupId: uniqueName("fault-g"),
        guarantee,
        checkpointInterval: "1 s",
        settings: `SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '1000';
SET 'restart-strategy.fixed-delay.delay' = '1 s';`,
      });
      const { id } = await createJob({
        name: uniqueName(`fault-${guarantee}`),
        parallelism,
        sql,
      });
      jobIds.push(id);
      jobs.push({ guarantee, id, input, output, producer });
    }

    for (let i = 0; i < workerCount; i++) workers.push(spawnWorker(broker.bootstrapServers));
    for (const job of jobs)
      await eventually(
        async () => (await jobStatus(job.id)) === "RUNNING",
        90_000,
        `the ${job.guarantee} job RUNNING`,
      );
    log(`jobs RUNNING on ${workerCount} worker processes`);

    const pending: Array<{ workerId: string; at: number }> = [];
    let marks = await checkpointMarks(jobIds);
    let lastKilled: string | undefined;
    let watching = true;
    const watcher = (async () => {
      while (watching || pending.length > 0) {
        const instances = await currentInstances(jobIds).catch(() => undefined);
        if (instances) {
          for (const kill of [...pending]) {
            const done =
              instances.length > 0 &&
              instances.every((s) => s.status === "RUNNING" && s.workerId !== kill.workerId);
            if (done) {
              takeoverMs.push(Date.now() - kill.at);
              pending.splice(pending.indexOf(kill), 1);
            }
          }
        }
        if (!watching && Date.now() - (pending[0]?.at ?? 0) > 120_000) break;
        await sleep(100);
      }
    })();

    for (let k = 0; k < options.kills; k++) {
      if (k === 0) {
        // Before the first commit: as soon as the instances read.
        await sleep(Math.random() * 800);
      } else if (k % 3 === 2) {
        // During a takeover: once the killed worker's instances start elsewhere, before they commit.
        await eventually(
          async () => (await heldByOthers(jobIds, lastKilled)) || undefined,
          90_000,
        ).catch(() => {});
        await sleep(Math.random() * 500);
      } else {
        // Mid-transaction, after the run committed again since the last fault (so Kafka's commit
        // and PostgreSQL's checkpoint can disagree): records keep flowing, a transaction is open.
        await eventually(
          async () => (await committedSince(jobIds, marks)) || undefined,
          90_000,
        ).catch(() => log("no new checkpoint within 90 s; killing anyway"));
        await sleep(between(options.pauseMs ?? [200, 2_500]));
      }
      marks = await checkpointMarks(jobIds);
      const victim = await pickVictim(workers, jobIds);
      const workerId = await workerIdOf(victim.child.pid);
      victim.child.kill("SIGKILL");
      await victim.exited;
      if (workerId) pending.push({ workerId, at: Date.now() });
      lastKilled = workerId;
      workers.splice(workers.indexOf(victim), 1, spawnWorker(broker.bootstrapServers));
      log(`kill ${k + 1}: worker ${workerId ?? `pid ${victim.child.pid}`}`);
      if (options.brokerRestartAfterKill === k + 1) {
        // The feed pauses: a produce cut off by the stop might be written or not, and the count
        // needs every source id exactly once.
        await Promise.all(jobs.map((j) => j.producer.pause()));
        await broker.stop();
        log("broker stopped");
        await sleep(between([2_000, 8_000]));
        broker = await startLocalBroker(brokerOptions);
        brokerRestarted = true;
        for (const j of jobs) j.producer.resume();
        log("broker started again");
      }
    }
    watching = false;

    const counts: JobCount[] = [];
    for (const job of jobs) {
      const sourceRecords = await job.producer.stop();
      counts.push({ guarantee: job.guarantee, jobId: job.id, sourceRecords } as JobCount);
    }
    for (const [i, job] of jobs.entries()) {
      const count = counts[i];
      // Complete when every source id is in the sink (or no more arrive for a while).
      let last = -1;
      let stillSince = Date.now();
      for (;;) {
        const rows = await sinkRows(kafka, job.output, { readCommitted: true });
        const ids = new Set(rows.map((r) => r.id));
        let missing = 0;
        for (let id = 0; id < count.sourceRecords; id++) if (!ids.has(id)) missing++;
        Object.assign(count, {
          sinkRecords: rows.length,
          duplicates: rows.length - ids.size,
          missing,
        });
        if (missing === 0) break;
        if (rows.length !== last) {
          last = rows.length;
          stillSince = Date.now();
        } else if (Date.now() - stillSince > 60_000) break;
        await sleep(2_000);
      }
      count.attempts = await prisma().jobAttempt.count({
        where: { run: { jobId: job.id } },
      });
      count.takeovers = await prisma().jobEvent.count({
        where: {
          jobId: job.id,
          type: "instance",
          payload: { path: ["change"], equals: "taken-over" },
        },
      });
      if (process.env.TRIBUTARY_FAULT_LOG) {
        const lines = await prisma().jobLog.findMany({
          where: { jobId: job.id },
          orderBy: { id: "asc" },
        });
        const { appendFile } = await import("node:fs/promises");
        await appendFile(
          process.env.TRIBUTARY_FAULT_LOG,
          lines
            .map(
              (l) =>
                `${job.guarantee} ${l.createdAt.toISOString()} ${l.level} ${l.instance ?? "-"} ${l.message}\n`,
            )
            .join(""),
        );
      }
      log(
        `${job.guarantee}: ${count.attempts} attempts, ${count.takeovers} takeovers; ${count.sourceRecords} source records, ${count.sinkRecords} in the sink, ${count.duplicates} duplicates, ${count.missing} missing`,
      );
    }
    await watcher;
    return { kills: options.kills, takeoverMs, brokerRestarted, jobs: counts };
  } finally {
    for (const id of jobIds) await cancelJob(id).catch(() => undefined);
    for (const id of jobIds)
      await eventually(async () => (await jobStatus(id)) === "CANCELLED", 20_000).catch(() => {});
    for (const w of workers) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    const pids = workers.map((w) => w.child.pid).filter((p) => p !== undefined);
    await prisma()
      .worker.updateMany({
        where: { stoppedAt: null, pid: { in: pids } },
        data: { stoppedAt: new Date() },
      })
      .catch(() => undefined);
    await broker.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Source records "<id>,row-<id>" at a steady rate, ids in order; paused around a broker restart. */
class SourceFeed {
  private next = 0;
  private stopped = false;
  private paused = false;
  private batch: Promise<void> = Promise.resolve();
  private readonly loop: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly partitions: number,
    from: number,
    recordsPerSecond: number,
  ) {
    this.next = from;
    const perTick = Math.max(1, Math.round(recordsPerSecond / 10));
    this.loop = (async () => {
      while (!this.stopped) {
        if (!this.paused) {
          const first = this.next;
          this.batch = produce(
            this.kafka,
            this.topic,
            Array.from({ length: perTick }, (_, i) => sourceRow(first + i, this.partitions)),
          );
          await this.batch;
          this.next += perTick;
        }
        await sleep(100);
      }
    })();
  }

  async pause(): Promise<void> {
    this.paused = true;
    await this.batch;
  }

  resume(): void {
    this.paused = false;
  }

  /** Stops; the number of records produced (ids 0 … n-1). */
  async stop(): Promise<number> {
    this.stopped = true;
    await this.loop;
    return this.next;
  }
}
