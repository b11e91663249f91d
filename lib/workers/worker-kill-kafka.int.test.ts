/**
 * The promise of issue 5 on real Kafka with the real runtime: a worker is SIGKILLed mid-job,
 * another worker takes its instances over within 15 s, resumes them from the run's checkpoint (the
 * offsets they last committed) and reads again within seconds; every source record reaches the
 * sink, and only records after that checkpoint are written twice (at-least-once).
 *
 * The survivor reading again soon is the point of the second time bound. (When sources still
 * joined the consumer group, the killed worker's members held the group until their session
 * expired and the takeover read nothing meanwhile; sources now read without joining, as Flink's.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createJob } from "@/lib/jobs/create-job";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import {
  createTopic,
  produce,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { runJob } from "@/lib/runtime";
import {
  duplicates,
  explained,
  kafkaJobSql,
  runCheckpoint,
  sinkRows,
  sourceRow,
  startedFrom,
} from "@/lib/workers/testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";

const root = path.resolve(import.meta.dirname, "../..");
let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;
let child: ChildProcess | undefined;
let survivor: TestWorker | undefined;
let jobId: string | undefined;

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
});

afterAll(async () => {
  child?.kill("SIGKILL");
  if (jobId) await cancelJob(jobId).catch(() => undefined);
  await survivor?.stop();
  if (jobId)
    await prisma()
      .job.delete({ where: { id: jobId } })
      .catch(() => undefined);
  await signOffWorkersOf([process.pid, ...(child?.pid ? [child.pid] : [])]);
  await broker.release();
});

describe("a worker killed mid-job on real Kafka", () => {
  it("loses nothing: another worker resumes from the run's checkpoint within 15 s and every record reaches the sink", async () => {
    const input = uniqueName("kill-in");
    const output = uniqueName("kill-out");
    await createTopic(kafka, input, 3);
    await createTopic(kafka, output, 3);
    await produce(
      kafka,
      input,
      Array.from({ length: 3000 }, (_, i) => sourceRow(i, 3)),
    );

    const { id } = await createJob({
      name: "killed-on-kafka",
      parallelism: 3,
      sql: kafkaJobSql({
        bootstrapServers: broker.bootstrapServers,
        input,
        output,
        groupId: uniqueName("g"),
      }),
    });
    jobId = id;

    child = spawn(process.execPath, ["--import", "tsx", path.join(root, "workers/worker.ts")], {
      cwd: root,
      env: {
        ...process.env,
        KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers,
        TRIBUTARY_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await explained(
      id,
      eventually(
        async () => (await jobStatus(id)) === "RUNNING",
        60_000,
        "RUNNING on the spawned worker",
      ),
    );
    // Killed once every instance has checkpointed: the survivor must resume there, not from the beginning.
    await explained(
      id,
      eventually(
        async () => {
          const offsets = (await runCheckpoint(id))?.offsets[input] ?? {};
          return [0, 1, 2].every((p) => Number(offsets[p] ?? 0) > 0);
        },
        60_000,
        "a checkpoint of every partition",
      ),
    );

    child.kill("SIGKILL");
    await new Promise((r) =>
      child!.exitCode !== null || child!.signalCode !== null
        ? r(undefined)
        : child!.once("exit", r),
    );
    const killedAt = Date.now();
    const checkpoint = (await runCheckpoint(id))!.offsets[input];
    // More input while no worker runs the job.
    await produce(
      kafka,
      input,
      Array.from({ length: 3000 }, (_, i) => sourceRow(3000 + i, 3)),
    );

    survivor = await startTestWorker(runJob);
    await explained(
      id,
      eventually(
        async () => {
          const instances = await prisma().jobInstance.findMany({
            where: { attempt: { run: { jobId: id }, status: "RUNNING" } },
          });
          return (
            instances.length === 3 &&
            instances.every((s) => s.workerId === survivor!.workerId && s.status === "RUNNING")
          );
        },
        15_000,
        "the survivor to run every instance",
      ),
    );
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(Object.fromEntries(await startedFrom(id, input))).toEqual(
      Object.fromEntries(Object.entries(checkpoint).map(([p, o]) => [Number(p), Number(o)])),
    );

    // Reading again within seconds of the takeover, not once the dead members' sessions expire.
    await explained(
      id,
      eventually(
        async () => (await sinkRows(kafka, output)).some((r) => r.id >= 3000),
        25_000,
        "records produced after the kill in the sink",
      ),
    );
    expect(Date.now() - killedAt).toBeLessThan(25_000);

    const rows = await explained(
      id,
      eventually(
        async () => {
          const rows = await sinkRows(kafka, output);
          return new Set(rows.map((r) => r.id)).size === 6000 && rows;
        },
        60_000,
        "all 6000 records in the sink",
      ),
    );
    const ids = new Set(rows.map((r) => r.id));
    for (let i = 0; i < 6000; i++) expect(ids.has(i)).toBe(true);
    for (const twice of duplicates(rows))
      expect(twice.off).toBeGreaterThanOrEqual(Number(checkpoint[twice.part]));
  });
});
