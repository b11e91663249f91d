/**
 * The job lifecycle on real Kafka with the real runtime, on two workers (parallelism 2, topics of
 * three partitions): cancel within 5 s; stop with offsets and redeploy from the last stop with no
 * gap and no duplicate (at-least-once and exactly-once, read_committed); redeploy from the startup
 * mode reads again as the mode says; a restart after a failure resumes from the run's checkpoint.
 * Sink rows carry their source record's partition and offset, so every check names which records
 * were written twice and whether they lie after the last commit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { getJob } from "@/lib/jobs/get-job";
import { redeployJob } from "@/lib/jobs/redeploy-job";
import { asResumePoint } from "@/lib/jobs/resume-point";
import { stopJobWithOffsets } from "@/lib/jobs/stop-job-with-offsets";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import {
  createTopic,
  produce,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { runJob } from "@/lib/runtime";
import type {
  JobOutcome,
  JobRuntime,
  JobRuntimeContext,
  ResumePoint,
} from "@/lib/runtime/job-runtime";
import {
  duplicates,
  explained,
  kafkaJobSql,
  keepProducing,
  lastLogId,
  sinkRows,
  sourceRow,
  startedFrom,
  type KafkaJobScript,
  type SinkRow,
} from "./testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "./testing/test-workers";

let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;
const workers: TestWorker[] = [];
const created: string[] = [];
const producers: Array<{ stop(): Promise<number> }> = [];

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
});

afterEach(async () => {
  await Promise.all(producers.splice(0).map((p) => p.stop()));
  for (const id of created) await cancelJob(id).catch(() => undefined);
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
  await signOffWorkersOf([process.pid]);
});

afterAll(async () => broker.release());

async function topics(): Promise<{ input: string; output: string }> {
  const input = await createTopic(kafka, uniqueName("life-in"), 3);
  const output = await createTopic(kafka, uniqueName("life-out"), 3);
  return { input, output };
}

async function deploy(
  name: string,
  script: Omit<KafkaJobScript, "bootstrapServers">,
): Promise<string> {
  const { id } = await createJob({
    name,
    parallelism: 2,
    sql: kafkaJobSql({ ...script, bootstrapServers: broker.bootstrapServers }),
  });
  created.push(id);
  return id;
}

async function startWorkers(runtime: JobRuntime = runJob, count = 2): Promise<void> {
  for (let i = 0; i < count; i++) workers.push(await startTestWorker(runtime));
}

const waitStatus = (id: string, status: string, ms = 30_000) =>
  explained(
    id,
    eventually(async () => (await jobStatus(id)) === status, ms, status),
  );

async function statusHistory(id: string): Promise<string[]> {
  const events = await prisma().jobEvent.findMany({
    where: { jobId: id, type: "status" },
    orderBy: { id: "asc" },
  });
  return events.map((e) => (e.payload as { status: string }).status);
}

/** Waits until the sink holds every id below `count` (read_committed when asked) and returns its rows. */
function allInSink(
  id: string,
  output: string,
  count: number,
  readCommitted = false,
): Promise<SinkRow[]> {
  return explained(
    id,
    eventually(
      async () => {
        const rows = await sinkRows(kafka, output, { readCommitted });
        return new Set(rows.filter((r) => r.id < count).map((r) => r.id)).size === count && rows;
      },
      60_000,
      `all ${count} records in the sink`,
    ),
  );
}

async function stopAndResumePoint(id: string, input: string): Promise<Record<number, number>> {
  await stopJobWithOffsets(id);
  await waitStatus(id, "STOPPED");
  const point = asResumePoint((await prisma().job.findUniqueOrThrow({ where: { id } })).resumeFrom);
  expect(Object.keys(point?.offsets[input] ?? {}).sort()).toEqual(["0", "1", "2"]);
  return Object.fromEntries(
    Object.entries(point!.offsets[input]).map(([p, o]) => [Number(p), Number(o)]),
  );
}

/** Rows whose source record lies before the resume point, per source record: how often each was written. */
function writesBefore(rows: SinkRow[], point: Record<number, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows)
    if (r.off < point[r.part])
      out.set(`${r.part}@${r.off}`, (out.get(`${r.part}@${r.off}`) ?? 0) + 1);
  return out;
}

describe("jobs on real Kafka", () => {
  it("cancels a running Kafka→Kafka job within 5 s, records its status and attempt, and writes nothing more", async () => {
    const { input, output } = await topics();
    await startWorkers();
    const id = await deploy("cancel-kafka", { input, output, groupId: uniqueName("g") });
    producers.push(keepProducing(kafka, input, 3, 0));
    await waitStatus(id, "RUNNING");
    await explained(
      id,
      eventually(
        async () => (await sinkRows(kafka, output)).length > 100,
        30_000,
        "records in the sink",
      ),
    );

    const started = Date.now();
    await cancelJob(id);
    await waitStatus(id, "CANCELLED", 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await statusHistory(id)).slice(-2)).toEqual(["CANCELLING", "CANCELLED"]);
    const attempt = (await getJob(id)).runs[0].attempts[0];
    expect(attempt.status).toBe("CANCELLED");
    expect(attempt.endedAt).not.toBeNull();
    expect(attempt.instances.map((s) => s.status)).toEqual(["CANCELLED", "CANCELLED"]);
    expect(
      attempt.instances.filter((s) => !workers.some((w) => w.workerId === s.workerId)),
    ).toEqual([]);
    expect(workers.flatMap((w) => w.worker.heldInstances())).toEqual([]);

    // Records keep arriving, but the cancelled job writes none of them.
    const after = (await sinkRows(kafka, output)).length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await sinkRows(kafka, output)).length).toBe(after);
  });

  it.each(["at-least-once", "exactly-once"] as const)(
    "%s: stop with offsets midway, redeploy from the last stop: no gap and no duplicate",
    async (guarantee) => {
      const readCommitted = guarantee === "exactly-once";
      const { input, output } = await topics();
      await produce(
        kafka,
        input,
        Array.from({ length: 600 }, (_, i) => sourceRow(i, 3)),
      );
      await startWorkers();
      const id = await deploy(`stop-${guarantee}`, {
        input,
        output,
        groupId: uniqueName("g"),
        guarantee,
        transactionalIdPrefix: uniqueName("tx"),
      });
      const producer = keepProducing(kafka, input, 3, 600);
      producers.push(producer);
      await waitStatus(id, "RUNNING");
      await explained(
        id,
        eventually(
          async () => (await sinkRows(kafka, output, { readCommitted })).length >= 600,
          30_000,
          "600 records in the sink",
        ),
      );

      const point = await stopAndResumePoint(id, input);
      // At the stop the sink holds exactly the source records before the resume point, each once.
      const atStop = await sinkRows(kafka, output, { readCommitted });
      expect(atStop.every((r) => r.off < point[r.part])).toBe(true);
      const before = writesBefore(atStop, point);
      expect(before.size).toBe(point[0] + point[1] + point[2]);
      expect([...before.values()].every((n) => n === 1)).toBe(true);

      // Records kept arriving while the job was stopped; the redeploy resumes at the stop.
      const mark = await lastLogId(id);
      await redeployJob(id, { startFrom: "last-stop" });
      await waitStatus(id, "RUNNING");
      expect(
        Object.fromEntries(
          await explained(
            id,
            eventually(
              async () => {
                const from = await startedFrom(id, input, mark);
                return from.size === 3 && from;
              },
              10_000,
              "both instances to say where they start",
            ),
          ),
        ),
      ).toEqual(point);
      await new Promise((r) => setTimeout(r, 1_000));
      const total = await producer.stop();

      const rows = await allInSink(id, output, total, readCommitted);
      // Nothing before the stop was written again; with exactly-once nothing at all was.
      expect([...writesBefore(rows, point).values()].every((n) => n === 1)).toBe(true);
      if (readCommitted) expect(duplicates(rows)).toEqual([]);
      else
        for (const twice of duplicates(rows))
          expect(twice.off).toBeGreaterThanOrEqual(point[twice.part]);
    },
    120_000,
  );

  it("redeploys from the startup mode: earliest-offset reads everything again, group-offsets goes on from the commit, latest-offset skips what came before", async () => {
    const { input, output } = await topics();
    const groupId = uniqueName("g");
    const script = (startupMode: KafkaJobScript["startupMode"]) =>
      kafkaJobSql({
        bootstrapServers: broker.bootstrapServers,
        input,
        output,
        groupId,
        startupMode,
      });
    await produce(
      kafka,
      input,
      Array.from({ length: 600 }, (_, i) => sourceRow(i, 3)),
    );
    await startWorkers();
    const id = await deploy("startup-modes", { input, output, groupId });
    await allInSink(id, output, 600);
    await stopAndResumePoint(id, input);
    await produce(
      kafka,
      input,
      Array.from({ length: 300 }, (_, i) => sourceRow(600 + i, 3)),
    );

    // earliest-offset: every record again, the first 600 now twice.
    const mark = await lastLogId(id);
    await redeployJob(id, { startFrom: "startup-mode" });
    await waitStatus(id, "RUNNING");
    let rows = await explained(
      id,
      eventually(
        async () => {
          const rows = await sinkRows(kafka, output);
          return rows.length >= 1500 && rows;
        },
        60_000,
        "the first 900 records written again",
      ),
    );
    const starts = await prisma().jobLog.findMany({
      where: { jobId: id, id: { gt: mark }, message: { startsWith: "Starting instance" } },
    });
    expect(
      starts.map((l) => l.message).every((m) => m.endsWith("from the sources' startup modes.")),
    ).toBe(true);
    const writes = new Map<number, number>();
    for (const r of rows) writes.set(r.id, (writes.get(r.id) ?? 0) + 1);
    for (let i = 0; i < 600; i++) expect(writes.get(i)).toBeGreaterThanOrEqual(2);
    const point = await stopAndResumePoint(id, input);
    expect(point[0] + point[1] + point[2]).toBe(900);

    // group-offsets: from what the stop committed to the group, so nothing is read again.
    await produce(
      kafka,
      input,
      Array.from({ length: 300 }, (_, i) => sourceRow(900 + i, 3)),
    );
    const olderWrites = (rows: SinkRow[]) => rows.filter((r) => r.id < 900).length;
    const beforeGroup = olderWrites(await sinkRows(kafka, output));
    await redeployJob(id, { startFrom: "startup-mode", sql: script("group-offsets") });
    await waitStatus(id, "RUNNING");
    rows = await allInSink(id, output, 1200);
    expect(olderWrites(rows)).toBe(beforeGroup);
    await stopAndResumePoint(id, input);

    // latest-offset: records that came while stopped are skipped; those after the start are read.
    await produce(
      kafka,
      input,
      Array.from({ length: 100 }, (_, i) => sourceRow(1200 + i, 3)),
    );
    // RUNNING once every instance has started, so its latest offsets are resolved by then.
    await redeployJob(id, { startFrom: "startup-mode", sql: script("latest-offset") });
    await waitStatus(id, "RUNNING");
    await produce(
      kafka,
      input,
      Array.from({ length: 100 }, (_, i) => sourceRow(1300 + i, 3)),
    );
    rows = await explained(
      id,
      eventually(
        async () => {
          const rows = await sinkRows(kafka, output);
          return rows.filter((r) => r.id >= 1300).length === 100 && rows;
        },
        30_000,
        "the records produced after the start",
      ),
    );
    expect(rows.filter((r) => r.id >= 1200 && r.id < 1300)).toEqual([]);
  }, 180_000);

  it("restarts after a transient failure from the run's checkpoint, not from the beginning", async () => {
    const { input, output } = await topics();
    await produce(
      kafka,
      input,
      Array.from({ length: 600 }, (_, i) => sourceRow(i, 3)),
    );
    const injected = failingOnce(runJob, (committed) =>
      [0, 1, 2].every((p) => (committed[p] ?? 0) > 0),
    );
    await startWorkers(injected.runtime);
    const id = await deploy("restart-from-checkpoint", {
      input,
      output,
      groupId: uniqueName("g"),
      settings: `SET 'restart-strategy.type' = 'fixed-delay';
        SET 'restart-strategy.fixed-delay.attempts' = '2';
        SET 'restart-strategy.fixed-delay.delay' = '200 ms';`,
    });
    const producer = keepProducing(kafka, input, 3, 600);
    producers.push(producer);

    await explained(
      id,
      eventually(
        async () =>
          (await getJob(id)).runs[0].attempts.length === 2 && (await jobStatus(id)) === "RUNNING",
        60_000,
        "attempt 2 running",
      ),
    );
    const checkpoint = injected.lastCommitted();
    expect(Object.keys(checkpoint).sort()).toEqual(["0", "1", "2"]);
    expect(Object.values(checkpoint).every((o) => o > 0)).toBe(true);
    // Attempt 2 was given what attempt 1 last committed, on both workers.
    expect(injected.resumedFrom().map((r) => r?.offsets[input])).toEqual(
      injected
        .resumedFrom()
        .map(() => Object.fromEntries(Object.entries(checkpoint).map(([p, o]) => [p, String(o)]))),
    );
    expect(await statusHistory(id)).toEqual(expect.arrayContaining(["RESTARTING"]));
    const attempts = (await getJob(id)).runs[0].attempts;
    expect(attempts.map((a) => [a.attemptNumber, a.status])).toEqual([
      [2, "RUNNING"],
      [1, "FAILED"],
    ]);
    expect(attempts[1].error?.message).toBe("Injected transient failure");

    await new Promise((r) => setTimeout(r, 1_000));
    const total = await producer.stop();
    const rows = await allInSink(id, output, total);
    // Records before the checkpoint were written once: the restart did not read from the beginning.
    expect([...writesBefore(rows, checkpoint).values()].every((n) => n === 1)).toBe(true);
    for (const twice of duplicates(rows))
      expect(twice.off).toBeGreaterThanOrEqual(checkpoint[twice.part]);
  }, 120_000);
});

/**
 * A runtime whose first attempt fails (retriably) once `ready` holds for the offsets committed so
 * far; it remembers those offsets (per partition of the source topic) and what later attempts were
 * asked to resume from.
 */
function failingOnce(inner: JobRuntime, ready: (committed: Record<number, number>) => boolean) {
  const committed: Record<number, number> = {};
  const resumed: Array<ResumePoint | undefined> = [];
  let failed = false;
  const runtime: JobRuntime = async (ctx: JobRuntimeContext) => {
    if (ctx.attemptNumber > 1) resumed.push(ctx.resumeFrom);
    let settle!: (o: JobOutcome) => void;
    const outcome = new Promise<JobOutcome>((r) => (settle = r));
    let fail = () => {};
    const running = await inner({
      ...ctx,
      onCheckpoint: (checkpoint) => {
        if (ctx.attemptNumber === 1) {
          for (const partitions of Object.values(checkpoint.offsets)) {
            for (const [p, o] of Object.entries(partitions)) committed[Number(p)] = Number(o);
          }
        }
        ctx.onCheckpoint?.(checkpoint);
      },
      onMetrics: (metrics) => {
        ctx.onMetrics(metrics);
        if (ctx.attemptNumber === 1 && !failed && ready(committed)) fail();
      },
    });
    fail = () => {
      failed = true;
      void running.cancel().then(() =>
        settle({
          state: "FAILED",
          failure: { message: "Injected transient failure", causes: [], retriable: true },
        }),
      );
    };
    // Once failing, the inner job's own end (cancelled: FINISHED) is not the outcome.
    void running.outcome.then((o) => {
      if (!(ctx.attemptNumber === 1 && failed)) settle(o);
    });
    return {
      outcome,
      cancel: () => running.cancel(),
      stopWithOffsets: () => running.stopWithOffsets(),
    };
  };
  return { runtime, lastCommitted: () => ({ ...committed }), resumedFrom: () => resumed };
}
