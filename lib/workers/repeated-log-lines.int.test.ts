/**
 * A job whose client logs the same ERROR ten times a second (as kafkajs does while a broker is
 * down): the worker stores it once, then one summary per 10 s window, and sums up the open window
 * when the job ends — nothing counted is lost, nothing floods the log.
 */
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { simulatedRuntime } from "./testing/simulated-runtime";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "./testing/test-workers";

const ERROR =
  "[Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9 (broker-outage test)";
let worker: TestWorker | undefined;
const created: string[] = [];

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
  await signOffWorkersOf([process.pid]);
});

describe("repeated error lines in a job's log", () => {
  it("are stored once, then summed up per 10 s window and at the end", async () => {
    const { id } = await createJob({
      name: "repeated-errors",
      sql: `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen');
        CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
        INSERT INTO snk SELECT id FROM src;`,
    });
    created.push(id);
    worker = await startTestWorker(
      simulatedRuntime({ repeatedError: { message: ERROR, everyMs: 100 } }),
    );
    await eventually(async () => (await jobStatus(id)) === "RUNNING", 15_000, "RUNNING");
    const errorLines = () =>
      prisma().jobLog.findMany({
        where: { jobId: id, level: "ERROR" },
        orderBy: { id: "asc" },
      });
    const summary = /^(.*) \(repeated (\d+) times? in (\d+) s\)$/;
    await eventually(
      async () => (await errorLines()).some((l) => summary.test(l.message)),
      20_000,
      "a summary line",
    );
    const startedAt = Date.now();
    await cancelJob(id);
    await eventually(async () => (await jobStatus(id)) === "CANCELLED", 10_000, "CANCELLED");
    const lines = (await errorLines()).map((l) => l.message);
    // The first as it was; the rest are summaries of that line, the first of them over 10 s.
    expect(lines[0]).toBe(ERROR);
    const summaries = lines.slice(1).map((m) => summary.exec(m));
    expect(summaries.every((m) => m !== null && m[1] === ERROR)).toBe(true);
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    expect(summaries[0]![3]).toBe("10");
    // About 10 a second for 10 s: well over half of them counted in the first window.
    expect(Number(summaries[0]![2])).toBeGreaterThan(50);
    expect(Number(summaries[0]![2])).toBeLessThan(100);
    // The window open when the job ended was summed up before it was reported ended.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    const cancelled = await prisma().jobEvent.findFirstOrThrow({
      where: {
        jobId: id,
        type: "status",
        payload: { path: ["status"], equals: "CANCELLED" },
      },
    });
    const last = await prisma().jobLog.findFirstOrThrow({
      where: { jobId: id, level: "ERROR" },
      orderBy: { id: "desc" },
    });
    expect(last.id < cancelled.id).toBe(true);
  }, 60_000);
});
