/**
 * The job vocabulary migration (20261204230000_job_vocabulary) renames tables and columns that
 * hold users' jobs: a database migrated before it, holding a deployed job with its resource, run,
 * attempt, instances, events, logs and metrics, still holds all of them afterwards, read through
 * Prisma under the new names (Job, JobResource, JobInstance, jobId).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { migrate, readMigrations } from "./migrate";

const RENAME = "20261204230000_job_vocabulary";

function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Integration tests need DATABASE_URL; run them with `npm test`.");
  return url;
}

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The checked-in migrations before the rename, as a directory migrate() reads. */
async function migrationsBefore(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-before-"));
  for (const m of await readMigrations()) {
    if (m.name >= name) continue;
    await fs.mkdir(path.join(dir, m.name));
    await fs.writeFile(path.join(dir, m.name, "migration.sql"), m.sql);
  }
  return dir;
}

const ids = {
  job: "0b7f4a52-1d1e-4c1a-9a55-1f0c4f3f0a01",
  resource: "0b7f4a52-1d1e-4c1a-9a55-1f0c4f3f0a02",
  worker: "0b7f4a52-1d1e-4c1a-9a55-1f0c4f3f0a03",
  run: "0b7f4a52-1d1e-4c1a-9a55-1f0c4f3f0a04",
  attempt: "0b7f4a52-1d1e-4c1a-9a55-1f0c4f3f0a05",
  instance0: "0b7f4a52-1d1e-4c1a-9a55-1f0c4f3f0a06",
  instance1: "0b7f4a52-1d1e-4c1a-9a55-1f0c4f3f0a07",
};

describe("the job vocabulary migration", () => {
  let url: string;
  let db: PrismaClient;

  beforeAll(async () => {
    url = await freshDatabase("job_vocabulary_migration_test");
    const before = await migrationsBefore(RENAME);
    const applied = await migrate(url, { dir: before });
    expect(applied).not.toContain(RENAME);
    expect(applied.length).toBeGreaterThan(0);

    // A job as the schema before the rename stored it.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `INSERT INTO "Resource" (id, name, version, kind, "sizeBytes", sha256, "classNames")
       VALUES ($1, 'my-partitioner', 1, 'JS', 10, 'abc', ARRAY['byKey'])`,
      [ids.resource],
    );
    await client.query(
      `INSERT INTO "Deployment" (id, name, sql, plan, parallelism, status, "updatedAt")
       VALUES ($1, 'orders-enriched', 'INSERT INTO b SELECT * FROM a', '{"jobs":[]}', 2, 'RUNNING', now())`,
      [ids.job],
    );
    await client.query(
      `INSERT INTO "DeploymentResource" ("deploymentId", "resourceId") VALUES ($1, $2)`,
      [ids.job, ids.resource],
    );
    await client.query(`INSERT INTO "Worker" (id, hostname, pid) VALUES ($1, 'host-a', 4242)`, [
      ids.worker,
    ]);
    await client.query(
      `INSERT INTO "JobRun" (id, "deploymentId", status, parallelism, checkpoint)
       VALUES ($1, $2, 'RUNNING', 2, '{"offsets":{"a":{"0":"7"}}}')`,
      [ids.run, ids.job],
    );
    await client.query(
      `INSERT INTO "JobAttempt" (id, "runId", "attemptNumber", status, "startedAt")
       VALUES ($1, $2, 1, 'RUNNING', now())`,
      [ids.attempt, ids.run],
    );
    for (const [id, instance] of [
      [ids.instance0, 0],
      [ids.instance1, 1],
    ] as const) {
      await client.query(
        `INSERT INTO "JobSlot" (id, "attemptId", instance, status, "workerId", "leaseExpiresAt", claims)
         VALUES ($1, $2, $3, 'RUNNING', $4, now() + interval '8 seconds', 1)`,
        [id, ids.attempt, instance, ids.worker],
      );
    }
    await client.query(
      `INSERT INTO "JobEvent" ("deploymentId", type, payload) VALUES
         ($1, 'status', '{"status":"RUNNING","previous":"STARTING"}'),
         ($1, 'slot', '{"attemptNumber":1,"instance":1,"workerId":"${ids.worker}","change":"running"}')`,
      [ids.job],
    );
    await client.query(
      `INSERT INTO "JobLog" ("deploymentId", level, instance, message)
       VALUES ($1, 'INFO', 1, 'Instance 1 running')`,
      [ids.job],
    );
    await client.query(
      `INSERT INTO "MetricSample" ("deploymentId", instance, name, value, at)
       VALUES ($1, 0, 'numRecordsIn', 200, now())`,
      [ids.job],
    );
    await client.end();

    // The rename first; migrations added after it (if any) follow.
    expect((await migrate(url))[0]).toBe(RENAME);
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  });

  afterAll(async () => {
    await db?.$disconnect();
  });

  it("keeps the job, its resource, run, attempt, instances, events, logs and metrics under the new names", async () => {
    const job = await db.job.findUniqueOrThrow({
      where: { id: ids.job },
      include: {
        resources: true,
        runs: {
          include: { attempts: { include: { instances: { orderBy: { instance: "asc" } } } } },
        },
        events: { orderBy: { id: "asc" } },
        logs: true,
        metrics: true,
      },
    });
    expect(job).toMatchObject({ name: "orders-enriched", parallelism: 2, status: "RUNNING" });
    expect(job.resources).toEqual([{ jobId: ids.job, resourceId: ids.resource }]);
    expect(job.runs).toHaveLength(1);
    expect(job.runs[0]).toMatchObject({
      id: ids.run,
      jobId: ids.job,
      checkpoint: { offsets: { a: { 0: "7" } } },
    });
    const instances = job.runs[0].attempts[0].instances;
    expect(instances.map((i) => [i.id, i.instance, i.status, i.workerId, i.claims])).toEqual([
      [ids.instance0, 0, "RUNNING", ids.worker, 1],
      [ids.instance1, 1, "RUNNING", ids.worker, 1],
    ]);
    // The instance events are of type "instance" now, as the code records them.
    expect(job.events.map((e) => e.type)).toEqual(["status", "instance"]);
    expect(job.events[1].payload).toMatchObject({ instance: 1, change: "running" });
    expect(job.logs.map((l) => [l.jobId, l.instance, l.message])).toEqual([
      [ids.job, 1, "Instance 1 running"],
    ]);
    expect(job.metrics.map((m) => [m.jobId, m.name, m.value])).toEqual([
      [ids.job, "numRecordsIn", 200],
    ]);
    const worker = await db.worker.findUniqueOrThrow({
      where: { id: ids.worker },
      include: { instances: true },
    });
    expect(worker.instances.map((i) => i.id).sort()).toEqual([ids.instance0, ids.instance1].sort());
  });

  it("leaves no old name behind and keeps the keys working", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: old } = await client.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND (relname ILIKE '%deployment%' OR relname ILIKE '%slot%')
         UNION ALL
         SELECT conname FROM pg_constraint
          WHERE connamespace = 'public'::regnamespace AND (conname ILIKE '%deployment%' OR conname ILIKE '%slot%')
         UNION ALL
         SELECT table_name || '.' || column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name ILIKE '%deployment%'`,
      );
      expect(old).toEqual([]);
    } finally {
      await client.end();
    }

    // Logs and events still share one id sequence; the unique (attempt, instance) key holds.
    const event = await db.jobEvent.create({
      data: { jobId: ids.job, type: "status", payload: { status: "CANCELLING" } },
    });
    const log = await db.jobLog.create({
      data: { jobId: ids.job, level: "INFO", message: "after" },
    });
    expect(log.id).toBeGreaterThan(event.id);
    await expect(
      db.jobInstance.create({ data: { attemptId: ids.attempt, instance: 1 } }),
    ).rejects.toThrow();

    // Deleting the job still cascades to everything that hangs off it.
    await db.job.delete({ where: { id: ids.job } });
    expect(await db.jobRun.count()).toBe(0);
    expect(await db.jobInstance.count()).toBe(0);
    expect(await db.jobResource.count()).toBe(0);
    expect(await db.jobEvent.count()).toBe(0);
    expect(await db.resource.count()).toBe(1);
  });
});
