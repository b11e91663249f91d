import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { claimInstances } from "@/lib/jobs/claim-instances";
import { createJob } from "@/lib/jobs/create-job";
import { aliveWorkers, registerWorker } from "@/lib/workers/worker-registry";
import { simulatedRuntime, SIM_TOPIC } from "@/lib/workers/testing/simulated-runtime";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

const root = path.resolve(import.meta.dirname, "../..");
const created: string[] = [];
const workers: TestWorker[] = [];
const children: ChildProcess[] = [];

async function deploy(name: string, parallelism: number) {
  const { id } = await createJob({ name, sql: SQL, parallelism });
  created.push(id);
  return id;
}

function spawnWorker(): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "lib/workers/testing/simulated-worker.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        TRIBUTARY_SIMULATION: JSON.stringify({ commitEveryMs: 200 }),
        TRIBUTARY_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  children.push(child);
  return child;
}

async function instancesOf(id: string) {
  return prisma().jobInstance.findMany({
    where: { attempt: { run: { jobId: id } } },
    orderBy: { instance: "asc" },
    include: { worker: { select: { pid: true } } },
  });
}

async function runCheckpoint(id: string): Promise<Record<string, string>> {
  const run = await prisma().jobRun.findFirstOrThrow({ where: { jobId: id } });
  return (
    (run.checkpoint as { offsets?: Record<string, Record<string, string>> } | null)?.offsets?.[
      SIM_TOPIC
    ] ?? {}
  );
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

beforeAll(() => {
  testInfrastructure();
});

afterEach(async () => {
  const pids = [process.pid, ...children.map((c) => c.pid!)];
  for (const c of children.splice(0)) {
    c.kill("SIGKILL");
    await exited(c);
  }
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
  await signOffWorkersOf(pids);
});

describe("worker leases", () => {
  it("never hands one instance to two workers claiming at the same moment (SKIP LOCKED)", async () => {
    const id = await deploy("contended", 20);
    const [a, b] = await Promise.all([registerWorker(), registerWorker()]);
    const [claimedByA, claimedByB] = await Promise.all([
      claimInstances(a, 20),
      claimInstances(b, 20),
    ]);
    const all = [...claimedByA, ...claimedByB].map((c) => c.instanceId);
    expect(new Set(all).size).toBe(all.length);
    expect([...claimedByA, ...claimedByB].filter((c) => c.jobId === id)).toHaveLength(20);
    // Each took its fair share of the 20 instances (10 with no other worker alive).
    const share = Math.ceil(20 / (await aliveWorkers()).length);
    expect(claimedByA.filter((c) => c.jobId === id)).toHaveLength(share);
    expect(claimedByB.filter((c) => c.jobId === id)).toHaveLength(share);
    const instances = await instancesOf(id);
    expect(new Set(instances.map((s) => s.workerId))).toEqual(new Set([a, b]));
  });

  it("spreads a job of parallelism 4 over two workers", async () => {
    workers.push(
      await startTestWorker(simulatedRuntime()),
      await startTestWorker(simulatedRuntime()),
    );
    const id = await deploy("spread", 4);
    await eventually(async () => (await jobStatus(id)) === "RUNNING", 10_000, "RUNNING");
    const byWorker = new Map<string, number[]>();
    for (const s of await instancesOf(id))
      byWorker.set(s.workerId!, [...(byWorker.get(s.workerId!) ?? []), s.instance]);
    expect(byWorker.size).toBe(2);
    expect([...byWorker.values()].map((i) => i.length)).toEqual([2, 2]);
  });

  it("resumes a SIGKILLed worker's instances on another worker from the last committed offsets within 15 s", async () => {
    const id = await deploy("killed", 2);
    const child = spawnWorker();
    await eventually(
      async () => (await jobStatus(id)) === "RUNNING",
      20_000,
      "RUNNING on the spawned worker",
    );
    expect((await instancesOf(id)).every((s) => s.worker?.pid === child.pid)).toBe(true);
    await eventually(
      async () => {
        const offsets = await runCheckpoint(id);
        return Number(offsets["0"] ?? 0) > 0 && Number(offsets["1"] ?? 0) > 0;
      },
      10_000,
      "committed offsets of both instances",
    );
    const survivor = await startTestWorker(simulatedRuntime());
    workers.push(survivor);

    child.kill("SIGKILL");
    await exited(child);
    const killedAt = Date.now();
    const committed = await runCheckpoint(id);

    await eventually(
      async () => {
        const instances = await instancesOf(id);
        return instances.every((s) => s.workerId === survivor.workerId && s.status === "RUNNING");
      },
      15_000,
      "the survivor to run both instances",
    );
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect((await instancesOf(id)).map((s) => s.claims)).toEqual([2, 2]);

    const starts = await eventually(
      async () => {
        const lines = await prisma().jobLog.findMany({
          where: { jobId: id, message: { contains: `(pid ${process.pid})` } },
        });
        return lines.length === 2 && lines;
      },
      5_000,
      "the survivor's start lines",
    );
    for (const line of starts) {
      expect(line.message).toContain(`starts at offset ${committed[String(line.instance)]} `);
    }
    const takeovers = await prisma().jobLog.count({
      where: { jobId: id, level: "WARN", message: { contains: "taken over" } },
    });
    expect(takeovers).toBe(2);
  });

  it("drains on SIGTERM: the instances go to another worker at once, from where they stopped", async () => {
    const id = await deploy("drained", 2);
    const child = spawnWorker();
    await eventually(
      async () => (await jobStatus(id)) === "RUNNING",
      20_000,
      "RUNNING on the spawned worker",
    );
    const survivor = await startTestWorker(simulatedRuntime());
    workers.push(survivor);

    const signalledAt = Date.now();
    child.kill("SIGTERM");
    await exited(child);
    expect(child.exitCode).toBe(0);
    const stoppedAt = await runCheckpoint(id);

    await eventually(
      async () => {
        const instances = await instancesOf(id);
        return instances.every((s) => s.workerId === survivor.workerId && s.status === "RUNNING");
      },
      15_000,
      "the survivor to run both instances",
    );
    // Well before the 8-s lease could have expired: the instances were handed back.
    expect(Date.now() - signalledAt).toBeLessThan(6_000);
    const starts = await eventually(
      async () => {
        const lines = await prisma().jobLog.findMany({
          where: { jobId: id, message: { contains: `(pid ${process.pid})` } },
        });
        return lines.length === 2 && lines;
      },
      5_000,
      "the survivor's start lines",
    );
    for (const line of starts) {
      expect(line.message).toContain(`starts at offset ${stoppedAt[String(line.instance)]} `);
    }
    const worker = await prisma().worker.findFirstOrThrow({
      where: { pid: child.pid! },
      orderBy: { startedAt: "desc" },
    });
    expect(worker.stoppedAt).not.toBeNull();
  });
});
