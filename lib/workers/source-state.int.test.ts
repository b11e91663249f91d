/**
 * Where sources resume after a takeover is their own state, as Flink keeps it, never what the
 * consumer group or the startup mode says at the moment of the takeover:
 * - a 'latest-offset' source taken over before its first checkpoint resumes where the first start
 *   resolved "latest" (stored as the run's first checkpoint), so records that arrived after the
 *   start are not skipped;
 * - two exactly-once INSERTs reading one source with one group.id keep their offsets apart (each
 *   transaction commits to a group of its INSERT's own; the shared group gets them for
 *   monitoring), so a worker SIGKILLed mid-run writes nothing twice in either sink.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
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
import { transactionStamp } from "@/lib/runtime/kafka-setup";
import {
  duplicates,
  explained,
  kafkaJobSql,
  keepProducing,
  runCheckpoint,
  sinkRows,
  sourceRow,
} from "./testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "./testing/test-workers";

const root = path.resolve(import.meta.dirname, "../..");
let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;
let child: ChildProcess | undefined;
const pids: number[] = [];
let survivor: TestWorker | undefined;
const created: string[] = [];

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
});

afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  for (const id of created) await cancelJob(id).catch(() => undefined);
  await survivor?.stop();
  survivor = undefined;
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
  await signOffWorkersOf([process.pid, ...pids]);
});

afterAll(async () => {
  await broker.release();
});

function spawnWorker(): ChildProcess {
  const c = spawn(process.execPath, ["--import", "tsx", path.join(root, "workers/worker.ts")], {
    cwd: root,
    env: {
      ...process.env,
      KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers,
      TRIBUTARY_LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (c.pid) pids.push(c.pid);
  return c;
}

async function kill(c: ChildProcess): Promise<void> {
  c.kill("SIGKILL");
  if (c.exitCode === null && c.signalCode === null)
    await new Promise((resolve) => c.once("exit", resolve));
}

const heldBy = async (id: string, workerId: string) => {
  const instances = await prisma().jobInstance.findMany({
    where: { attempt: { status: "RUNNING", run: { jobId: id } } },
  });
  return (
    instances.length > 0 &&
    instances.every((s) => s.status === "RUNNING" && s.workerId === workerId)
  );
};

describe("sources resume from their own state after a takeover", () => {
  it("'latest-offset' taken over before the first checkpoint resumes where the start resolved it", async () => {
    const input = await createTopic(kafka, uniqueName("latest-in"), 2);
    const output = await createTopic(kafka, uniqueName("latest-out"), 2);
    // Before the start: 'latest-offset' skips these.
    await produce(
      kafka,
      input,
      Array.from({ length: 500 }, (_, i) => sourceRow(i, 2)),
    );
    const { id } = await createJob({
      name: "latest-offset-takeover",
      parallelism: 2,
      sql: kafkaJobSql({
        bootstrapServers: broker.bootstrapServers,
        input,
        output,
        groupId: uniqueName("g"),
        startupMode: "latest-offset",
        guarantee: "exactly-once",
        // No checkpoint before the takeover: what the killed worker wrote stays uncommitted.
        checkpointInterval: "5 min",
      }),
    });
    created.push(id);
    child = spawnWorker();
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "RUNNING", 60_000, "RUNNING"),
    );
    // The run's first checkpoint is where the start resolved "latest", before any commit.
    expect((await runCheckpoint(id))?.offsets[input]).toEqual({ 0: "250", 1: "250" });
    // After the start, before any checkpoint: these must reach the sink.
    await produce(
      kafka,
      input,
      Array.from({ length: 500 }, (_, i) => sourceRow(500 + i, 2)),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    await kill(child);
    child = undefined;
    await produce(
      kafka,
      input,
      Array.from({ length: 500 }, (_, i) => sourceRow(1000 + i, 2)),
    );

    survivor = await startTestWorker(runJob);
    await explained(
      id,
      eventually(() => heldBy(id, survivor!.workerId), 60_000, "taken over by the survivor"),
    );
    const logs = await prisma().jobLog.findMany({
      where: { jobId: id, message: { startsWith: "Starting instance" } },
      orderBy: { id: "asc" },
    });
    expect(logs.at(-1)?.message).toContain(`from offsets ${input}-`);
    // The survivor read the 1000 records after the start (lag 0), then a stop's final checkpoint
    // commits them.
    await explained(
      id,
      eventually(
        async () => {
          const instances = await prisma().jobInstance.findMany({
            where: { attempt: { status: "RUNNING", run: { jobId: id } } },
          });
          const read = instances.reduce(
            (n, s) => n + ((s.lastMetrics as { numRecordsIn?: number } | null)?.numRecordsIn ?? 0),
            0,
          );
          return read >= 1000;
        },
        60_000,
        "the survivor read the records after the start",
      ),
    );
    await stopJobWithOffsets(id);
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "STOPPED", 60_000, "STOPPED"),
    );
    const rows = await sinkRows(kafka, output, { readCommitted: true });
    const ids = new Set(rows.map((r) => r.id));
    expect(duplicates(rows)).toEqual([]);
    expect(rows.filter((r) => r.id < 500)).toEqual([]);
    const missing = Array.from({ length: 1000 }, (_, i) => 500 + i).filter((i) => !ids.has(i));
    expect(missing).toEqual([]);
  }, 240_000);

  it("two exactly-once INSERTs reading one group keep their own offsets; a SIGKILL duplicates nothing", async () => {
    const input = await createTopic(kafka, uniqueName("two-in"), 2);
    const outA = await createTopic(kafka, uniqueName("two-a"), 2);
    const outB = await createTopic(kafka, uniqueName("two-b"), 2);
    const groupId = uniqueName("shared");
    const prefixA = uniqueName("tx-a");
    const prefixB = uniqueName("tx-b");
    await produce(
      kafka,
      input,
      Array.from({ length: 2000 }, (_, i) => sourceRow(i, 2)),
    );
    const sinkSql = (name: string, topic: string, prefix: string) =>
      `CREATE TABLE ${name} (id BIGINT, part INT, off BIGINT) WITH ('connector' = 'kafka', 'topic' = '${topic}',
        'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'format' = 'csv',
        'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '${prefix}');`;
    const { id } = await createJob({
      name: "two-inserts-one-group",
      parallelism: 2,
      sql: `SET 'execution.checkpointing.interval' = '500 ms';
CREATE TABLE src (id BIGINT, label STRING,
  part INT METADATA FROM 'partition' VIRTUAL, off BIGINT METADATA FROM 'offset' VIRTUAL) WITH (
  'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
  'properties.group.id' = '${groupId}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'csv');
${sinkSql("snk_a", outA, prefixA)}
${sinkSql("snk_b", outB, prefixB)}
BEGIN STATEMENT SET;
INSERT INTO snk_a SELECT id, part, off FROM src;
INSERT INTO snk_b SELECT id, part, off FROM src WHERE id % 3 <> 0;
END;`,
    });
    created.push(id);
    child = spawnWorker();
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "RUNNING", 60_000, "RUNNING"),
    );
    const feed = keepProducing(kafka, input, 2, 2000);
    await eventually(
      async () => (await sinkRows(kafka, outA, { readCommitted: true })).length >= 2000,
      60_000,
      "the backlog in sink A",
    );
    // Mid-run, records coming: both INSERTs commit about every 500 ms.
    await kill(child);
    child = spawnWorker();
    await explained(
      id,
      eventually(
        async () => {
          const w = await prisma().worker.findFirst({ where: { pid: child!.pid } });
          return w ? heldBy(id, w.id) : false;
        },
        60_000,
        "taken over by the new worker",
      ),
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const end = await feed.stop();
    const expectedB = Array.from({ length: end }, (_, i) => i).filter((i) => i % 3 !== 0);
    const [rowsA, rowsB] = await explained(
      id,
      eventually(
        async () => {
          const a = await sinkRows(kafka, outA, { readCommitted: true });
          const b = await sinkRows(kafka, outB, { readCommitted: true });
          return new Set(a.map((r) => r.id)).size >= end &&
            new Set(b.map((r) => r.id)).size >= expectedB.length
            ? [a, b]
            : undefined;
        },
        60_000,
        "every source record in both sinks",
      ),
    );
    expect(duplicates(rowsA)).toEqual([]);
    expect(duplicates(rowsB)).toEqual([]);
    expect(rowsB.filter((r) => r.id % 3 === 0)).toEqual([]);

    // Each INSERT's transactions committed to a group of its own, stamped with its run and
    // prefix; the shared group got offsets too, for monitoring.
    const run = await prisma().jobRun.findFirstOrThrow({ where: { jobId: id } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const [prefix, group] of [
        [prefixA, `${groupId}-${prefixA}`],
        [prefixB, `${groupId}-${prefixB}`],
      ]) {
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [input] });
        expect(committed.partitions.map((p) => [p.partition, p.metadata])).toEqual(
          expect.arrayContaining([
            [0, transactionStamp(id, run.id, prefix)],
            [1, transactionStamp(id, run.id, prefix)],
          ]),
        );
      }
      const [shared] = await admin.fetchOffsets({ groupId, topics: [input] });
      expect(shared.partitions.every((p) => Number(p.offset) > 0)).toBe(true);
    } finally {
      await admin.disconnect();
    }
    // The run's checkpoint keeps each INSERT's offsets apart.
    const checkpoint = await runCheckpoint(id);
    expect(Object.keys(checkpoint?.byInsert ?? {}).sort()).toEqual([
      "0:default_catalog.default_database.snk_a",
      "1:default_catalog.default_database.snk_b",
    ]);
  }, 240_000);
});
