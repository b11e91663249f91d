/**
 * The promise of issue 5 on real Kafka with the real runtime: a worker is SIGKILLed mid-job,
 * another worker takes its instances over within 15 s from the last committed offsets, and
 * every source record reaches the sink (at-least-once: duplicates allowed, nothing lost).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createDeployment } from "@/lib/jobs/create-deployment";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { acquireTestBroker } from "@/lib/kafka/local-broker";
import { createTopic, produce, readAll, testKafka, uniqueName, type Kafka } from "@/lib/kafka/testing";
import { runJob } from "@/lib/runtime";
import { eventually, jobStatus, signOffWorkersOf, startTestWorker, type TestWorker } from "@/lib/workers/testing/test-workers";

const root = path.resolve(import.meta.dirname, "../..");
let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;
let child: ChildProcess | undefined;
let survivor: TestWorker | undefined;
let deploymentId: string | undefined;

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
});

afterAll(async () => {
  child?.kill("SIGKILL");
  if (deploymentId) await cancelJob(deploymentId).catch(() => undefined);
  await survivor?.stop();
  if (deploymentId) await prisma().deployment.delete({ where: { id: deploymentId } }).catch(() => undefined);
  await signOffWorkersOf([process.pid, ...(child?.pid ? [child.pid] : [])]);
  await broker.release();
});

/** On a timeout, the job's status, instances and log: what a failure here needs to be understood. */
async function explained<T>(id: string, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (e) {
    const logs = await prisma().jobLog.findMany({ where: { deploymentId: id }, orderBy: { id: "asc" } });
    const slots = await prisma().jobSlot.findMany({ where: { attempt: { run: { deploymentId: id } } }, include: { attempt: true } });
    throw new Error(
      `${String(e)}\nstatus ${await jobStatus(id)}\ninstances (attempt, instance, status, worker, claims): ` +
        `${JSON.stringify(slots.map((s) => [s.attempt.attemptNumber, s.instance, s.status, s.workerId, s.claims]))}\n` +
        logs.map((l) => `${l.level} ${l.instance ?? "job"} ${l.message}`).join("\n"),
    );
  }
}

describe("a worker killed mid-job on real Kafka", () => {
  it("loses nothing: another worker resumes from the committed offsets within 15 s and every record reaches the sink", async () => {
    const input = uniqueName("kill-in");
    const output = uniqueName("kill-out");
    await createTopic(kafka, input, 3);
    await createTopic(kafka, output, 3);
    const row = (i: number) => ({ value: `${i},item-${i}`, partition: i % 3 });
    await produce(kafka, input, Array.from({ length: 3000 }, (_, i) => row(i)));

    const { id } = await createDeployment({
      name: "killed-on-kafka",
      parallelism: 3,
      sql: `SET 'execution.checkpointing.interval' = '500 ms';
        CREATE TABLE src (id BIGINT, name STRING) WITH (
          'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
          'properties.group.id' = '${uniqueName("g")}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'csv');
        CREATE TABLE snk (id BIGINT, name STRING) WITH (
          'connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
          'format' = 'csv', 'sink.delivery-guarantee' = 'at-least-once');
        INSERT INTO snk SELECT id, name FROM src;`,
    });
    deploymentId = id;

    child = spawn(process.execPath, ["--import", "tsx", path.join(root, "workers/worker.ts")], {
      cwd: root,
      env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers, TRIBUTARY_LOG_LEVEL: "warn" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await explained(id, eventually(async () => (await jobStatus(id)) === "RUNNING", 60_000, "RUNNING on the spawned worker"));
    await explained(id, eventually(async () => (await readAll(kafka, output)).length > 0, 60_000, "first records in the sink"));

    child.kill("SIGKILL");
    await new Promise((r) => (child!.exitCode !== null || child!.signalCode !== null ? r(undefined) : child!.once("exit", r)));
    const killedAt = Date.now();
    // More input while no worker runs the job.
    await produce(kafka, input, Array.from({ length: 3000 }, (_, i) => row(3000 + i)));

    survivor = await startTestWorker(runJob);
    await explained(id, eventually(async () => {
      const slots = await prisma().jobSlot.findMany({ where: { attempt: { run: { deploymentId: id }, status: "RUNNING" } } });
      return slots.length === 3 && slots.every((s) => s.workerId === survivor!.workerId && s.status === "RUNNING");
    }, 15_000, "the survivor to run every instance"));
    expect(Date.now() - killedAt).toBeLessThan(15_000);

    const values = await explained(id, eventually(async () => {
      const seen = new Set((await readAll(kafka, output)).map((r) => r.value!.toString()));
      return seen.size === 6000 && seen;
    }, 60_000, "all 6000 records in the sink"));
    for (let i = 0; i < 6000; i++) expect(values.has(`${i},item-${i}`)).toBe(true);
  });
});
