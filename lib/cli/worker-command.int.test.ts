/**
 * `tributary worker` run from the checkout of a running `npm start` finds that start's embedded
 * PostgreSQL and Kafka through `<data dir>/servers.json`, says what it connected to (where, never
 * a password) and runs — without DATABASE_URL or KAFKA_BOOTSTRAP_SERVERS.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { writeServersFile } from "@/lib/devstack/servers-file";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { eventually } from "@/lib/workers/testing/test-workers";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function startWorker(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRIBUTARY_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.KAFKA_BOOTSTRAP_SERVERS;
  const child = spawn(process.execPath, [path.join(root, "bin/tributary.mjs"), "worker"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => out, exited };
}

describe("tributary worker from a checkout with a running start", () => {
  it("connects to the start's embedded servers by itself and says where", async () => {
    const { databaseUrl, bootstrapServers } = testInfrastructure();
    const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-worker-data-"));
    dirs.push(dataDir);
    // This test process stands for the running `npm start`.
    await writeServersFile(dataDir, { pid: process.pid, databaseUrl, bootstrapServers });
    const worker = startWorker(dataDir);
    try {
      await eventually(
        async () =>
          (await prisma().worker.count({ where: { pid: worker.child.pid, stoppedAt: null } })) > 0,
        60_000,
        "the worker registered in the start's database",
      );
      const url = new URL(databaseUrl);
      expect(worker.output()).toContain(
        `[worker] PostgreSQL: ${url.hostname}:${url.port}${url.pathname} (the embedded servers of the Tributary start running from this checkout (pid ${process.pid}))`,
      );
      expect(worker.output()).toContain(`[worker] Kafka: ${bootstrapServers} (the embedded`);
      expect(worker.output()).not.toContain(databaseUrl);
      if (url.password) expect(worker.output()).not.toContain(`:${url.password}@`);
    } finally {
      worker.child.kill("SIGTERM");
      await worker.exited;
    }
    expect(await prisma().worker.count({ where: { pid: worker.child.pid, stoppedAt: null } })).toBe(
      0,
    );
  });

  it("says so, and what to set, when the start that wrote the file is gone", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-worker-data-"));
    dirs.push(dataDir);
    await writeServersFile(dataDir, {
      pid: 2 ** 22 + 12345,
      databaseUrl: "postgresql://u:p@127.0.0.1:1/x",
    });
    const worker = startWorker(dataDir);
    const code = await worker.exited;
    expect(code).not.toBe(0);
    expect(worker.output()).toContain("that is no longer running");
    expect(worker.output()).toContain("DATABASE_URL is not set");
    expect(worker.output()).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
  });
});
