/**
 * Cancel within 5 s while STARTING: the job's bootstrap server is a listener that accepts TCP
 * connections and never answers, so the Kafka client's first request would wait for its 30 s
 * request timeout. The worker aborts the start instead of waiting for it.
 */
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { stopJobWithOffsets } from "@/lib/jobs/stop-job-with-offsets";
import { runJob } from "@/lib/runtime";
import { explained } from "./testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "./testing/test-workers";

let silent: net.Server;
let port: number;
const sockets = new Set<net.Socket>();
let worker: TestWorker | undefined;
const created: string[] = [];

beforeAll(async () => {
  // Accepts, reads, never writes a byte back.
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("data", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  port = (silent.address() as net.AddressInfo).port;
});

afterEach(async () => {
  for (const s of sockets) s.destroy();
  for (const id of created) await cancelJob(id).catch(() => undefined);
  await worker?.stop();
  worker = undefined;
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
  await signOffWorkersOf([process.pid]);
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function deployStarting(name: string): Promise<string> {
  const { id } = await createJob({
    name,
    sql: `CREATE TABLE src (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 't',
      'properties.bootstrap.servers' = '127.0.0.1:${port}', 'scan.startup.mode' = 'earliest-offset',
      'format' = 'csv');
    CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
    INSERT INTO snk SELECT id FROM src;`,
  });
  created.push(id);
  worker = await startTestWorker(runJob);
  await explained(
    id,
    eventually(
      async () => {
        const instances = await prisma().jobInstance.findMany({
          where: { attempt: { run: { jobId: id } } },
        });
        return (
          instances.length > 0 &&
          instances.every((s) => s.status === "CLAIMED") &&
          sockets.size > 0 &&
          (await jobStatus(id)) === "STARTING"
        );
      },
      30_000,
      "the instance claimed and connecting to the silent listener",
    ),
  );
  return id;
}

describe("a job STARTING against a broker that never answers", () => {
  it("is cancelled within 5 s", async () => {
    const id = await deployStarting("cancel-starting");
    const started = Date.now();
    await cancelJob(id);
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "CANCELLED", 5_000, "CANCELLED"),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(worker!.worker.heldInstances()).toEqual([]);
  });

  it("is stopped with offsets within 5 s, keeping where it was to start", async () => {
    const id = await deployStarting("stop-starting");
    const started = Date.now();
    await stopJobWithOffsets(id);
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "STOPPED", 5_000, "STOPPED"),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const job = await prisma().job.findUniqueOrThrow({ where: { id } });
    // Nothing was read: a redeploy from the last stop starts where this run was to start.
    expect(job.resumeFrom).toMatchObject({ offsets: {} });
  });
});
