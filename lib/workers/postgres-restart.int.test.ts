/**
 * Issue 17's PostgreSQL restart: an exactly-once job runs on real Kafka on two workers while a
 * console stream (LISTEN + SSE) follows it; the job's PostgreSQL is stopped for longer than a
 * lease and started again. Nobody is told: the workers keep their instances (no takeover, no
 * restart — the DB blinking is not a dead worker), the stream reconnects and live log lines and
 * metrics resume, log lines written meanwhile are stored once the database is back, and the sink
 * read with read_committed holds every source record exactly once.
 *
 * The test runs its own embedded PostgreSQL (the suite's is shared), so it points this process's
 * Prisma client at it for its duration.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { migrate } from "@/lib/db/migrate";
import { startEmbeddedPostgres, type LocalPostgres } from "@/lib/devstack/embedded-postgres";
import { JobStreamHub } from "@/lib/events/job-stream-hub";
import { openJobStream } from "@/lib/events/open-job-stream";
import { TestClient } from "@/lib/events/testing/sse-test-client";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import {
  createTopic,
  produce,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { findFreePort } from "@/lib/net/ports";
import { runJob } from "@/lib/runtime";
import {
  duplicates,
  explained,
  kafkaJobSql,
  keepProducing,
  sinkRows,
  sourceRow,
} from "./testing/kafka-jobs";
import { eventually, jobStatus, startTestWorker, type TestWorker } from "./testing/test-workers";

let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;
let dataDir: string;
let port: number;
let postgres: LocalPostgres | undefined;
const suiteDatabaseUrl = process.env.DATABASE_URL;
const workers: TestWorker[] = [];
let hub: JobStreamHub | undefined;

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
  dataDir = await mkdtemp(path.join(tmpdir(), "tributary-pg-restart-"));
  port = await findFreePort();
  postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port });
  await migrate(postgres.databaseUrl);
  await disconnectPrisma();
  process.env.DATABASE_URL = postgres.databaseUrl;
}, 180_000);

afterAll(async () => {
  for (const w of workers) await w.stop().catch(() => undefined);
  await disconnectPrisma();
  await postgres?.stop().catch(() => undefined);
  process.env.DATABASE_URL = suiteDatabaseUrl;
  await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  await broker.release();
}, 120_000);

const instancesOf = (jobId: string) =>
  prisma().jobInstance.findMany({
    where: { attempt: { run: { jobId } } },
    select: { id: true, workerId: true, claims: true, status: true, attemptId: true },
    orderBy: { id: "asc" },
  });

describe("PostgreSQL stopped and started again mid-job", () => {
  it("the job keeps running on the same workers, the stream resumes, nothing is lost or written twice", async () => {
    const partitions = 2;
    const input = await createTopic(kafka, uniqueName("pgr-in"), partitions);
    const output = await createTopic(kafka, uniqueName("pgr-out"), partitions);
    await produce(
      kafka,
      input,
      Array.from({ length: 2_000 }, (_, i) => sourceRow(i, partitions)),
    );
    workers.push(await startTestWorker(runJob), await startTestWorker(runJob));
    const { id } = await createJob({
      name: uniqueName("pg-restart"),
      parallelism: 2,
      sql: kafkaJobSql({
        bootstrapServers: broker.bootstrapServers,
        input,
        output,
        groupId: uniqueName("pgr-g"),
        guarantee: "exactly-once",
        checkpointInterval: "1 s",
      }),
    });
    hub = new JobStreamHub();
    const client = await new TestClient().open((r) => openJobStream(r, id, hub));
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "RUNNING", 60_000, "RUNNING"),
    );
    const feed = keepProducing(kafka, input, partitions, 2_000);
    await eventually(
      async () => (await sinkRows(kafka, output, { readCommitted: true })).length >= 2_000,
      60_000,
      "the backlog in the sink",
    );
    const before = await instancesOf(id);
    const metricsBefore = client.parsed().filter((m) => m.kind === "metrics").length;

    // Longer than a lease: every lease has expired when the database comes back.
    await postgres!.stop();
    await new Promise((r) => setTimeout(r, 10_000));
    const messagesWhileDown = client.messages.length;
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port });

    // The stream is live again: new metrics and log lines arrive without a new connection.
    await eventually(
      async () => client.parsed().filter((m) => m.kind === "metrics").length > metricsBefore + 2,
      60_000,
      "metrics after the restart",
    );
    expect(client.messages.length).toBeGreaterThan(messagesWhileDown);
    const next = await feed.stop();
    await explained(
      id,
      eventually(
        async () => (await sinkRows(kafka, output, { readCommitted: true })).length >= next,
        90_000,
        "every record in the sink",
      ),
    );
    expect(await jobStatus(id)).toBe("RUNNING");
    // Same instances, same workers, no takeover and no restart.
    const after = await instancesOf(id);
    expect(after).toEqual(before);
    const attempts = await prisma().jobAttempt.count({ where: { run: { jobId: id } } });
    expect(attempts).toBe(1);

    await cancelJob(id);
    await eventually(async () => (await jobStatus(id)) === "CANCELLED", 30_000, "CANCELLED");
    const rows = await sinkRows(kafka, output, { readCommitted: true });
    expect(duplicates(rows)).toEqual([]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(next);

    // What the stream delivered is what is stored: every log id once, in order, the end included.
    const stored = await prisma().jobLog.findMany({
      where: { jobId: id },
      orderBy: { id: "asc" },
      select: { id: true, message: true },
    });
    await eventually(
      async () => client.logs().at(-1) === stored.at(-1)!.message,
      20_000,
      "the last log line on the stream",
    );
    const delivered = client.parsed().flatMap((m) => (m.kind === "log" ? [BigInt(m.id)] : []));
    expect(delivered).toEqual(stored.map((l) => l.id));
    client.close();
    await client.done;
  }, 300_000);
});
