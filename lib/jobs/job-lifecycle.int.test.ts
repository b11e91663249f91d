import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { domainStatus } from "@/lib/api/domain-status";
import { BadInput, Invalid } from "@/lib/domain-errors";
import { createJob } from "@/lib/jobs/create-job";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { stopJobWithOffsets } from "@/lib/jobs/stop-job-with-offsets";
import { redeployJob } from "@/lib/jobs/redeploy-job";
import { getJob } from "@/lib/jobs/get-job";
import { simulatedRuntime, SIM_TOPIC } from "@/lib/workers/testing/simulated-runtime";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";

const script = (settings = "", rows = "") => `${settings}
CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen'${rows});
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

const created: string[] = [];
const workers: TestWorker[] = [];

async function deploy(name: string, sql = script(), parallelism?: number) {
  const { id } = await createJob({ name, sql, parallelism });
  created.push(id);
  return id;
}

async function statusHistory(id: string): Promise<string[]> {
  const events = await prisma().jobEvent.findMany({
    where: { jobId: id, type: "status" },
    orderBy: { id: "asc" },
  });
  return events.map((e) => (e.payload as { status: string }).status);
}

beforeAll(() => {
  testInfrastructure();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
  await signOffWorkersOf([process.pid]);
});

describe("job lifecycle", () => {
  it("runs a bounded job through CREATED → STARTING → RUNNING → FINISHED", async () => {
    const id = await deploy("bounded", script(), 2);
    expect(await jobStatus(id)).toBe("CREATED");
    workers.push(await startTestWorker(simulatedRuntime({ endOffset: 200 })));
    await eventually(async () => (await jobStatus(id)) === "FINISHED", 15_000, "FINISHED");
    expect(await statusHistory(id)).toEqual(["CREATED", "STARTING", "RUNNING", "FINISHED"]);
    const job = await getJob(id);
    expect(job.runs[0].attempts).toHaveLength(1);
    expect(job.runs[0].attempts[0].instances.map((s) => [s.instance, s.status])).toEqual([
      [0, "FINISHED"],
      [1, "FINISHED"],
    ]);
    expect(job.runs[0].attempts[0].instances.every((s) => s.workerId === workers[0].workerId)).toBe(
      true,
    );
  });

  it("restarts with fixed-delay, then fails when the attempts are used up, keeping every attempt's error and record", async () => {
    const id = await deploy(
      "failing",
      script(`SET 'restart-strategy.type' = 'fixed-delay';
        SET 'restart-strategy.fixed-delay.attempts' = '2';
        SET 'restart-strategy.fixed-delay.delay' = '200 ms';`),
    );
    workers.push(
      await startTestWorker(
        simulatedRuntime({
          failure: (_ctx, _i, offset) =>
            offset >= 50
              ? {
                  message: "Failed to deserialize CSV row",
                  causes: ["Unexpected character 'x'"],
                  retriable: true,
                  record: { topic: "orders", partition: 0, offset: String(offset) },
                }
              : undefined,
        }),
      ),
    );
    await eventually(async () => (await jobStatus(id)) === "FAILED", 15_000, "FAILED");
    expect(await statusHistory(id)).toEqual([
      "CREATED",
      "STARTING",
      "RUNNING",
      "RESTARTING",
      "STARTING",
      "RUNNING",
      "RESTARTING",
      "STARTING",
      "RUNNING",
      "FAILED",
    ]);
    const job = await getJob(id);
    const attempts = job.runs[0].attempts;
    expect(attempts.map((a) => [a.attemptNumber, a.status])).toEqual([
      [3, "FAILED"],
      [2, "FAILED"],
      [1, "FAILED"],
    ]);
    expect(attempts[0].error).toMatchObject({
      message: "Failed to deserialize CSV row",
      causes: ["Unexpected character 'x'"],
      record: { topic: "orders", partition: 0 },
    });
    expect(attempts[0].workerId).toBe(workers[0].workerId);
    expect(job.runs[0].error).toMatchObject({
      causes: [
        "Unexpected character 'x'",
        "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=2, backoffTimeMS=200)",
      ],
    });
  });

  it("fails at once on a non-retriable failure, whatever the restart strategy", async () => {
    const id = await deploy(
      "fatal",
      script(
        `SET 'restart-strategy.type' = 'fixed-delay'; SET 'restart-strategy.fixed-delay.attempts' = '5';`,
      ),
    );
    workers.push(
      await startTestWorker(
        simulatedRuntime({
          failure: () => ({ message: "Topic orders does not exist", causes: [], retriable: false }),
        }),
      ),
    );
    await eventually(async () => (await jobStatus(id)) === "FAILED", 10_000, "FAILED");
    const job = await getJob(id);
    expect(job.runs[0].attempts).toHaveLength(1);
  });

  it("cancels a running job within 5 s", async () => {
    const id = await deploy("cancel-me", script(), 3);
    workers.push(await startTestWorker(simulatedRuntime()));
    await eventually(async () => (await jobStatus(id)) === "RUNNING", 10_000, "RUNNING");
    const started = Date.now();
    await cancelJob(id);
    await eventually(async () => (await jobStatus(id)) === "CANCELLED", 5_000, "CANCELLED");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await statusHistory(id)).slice(-2)).toEqual(["CANCELLING", "CANCELLED"]);
    expect(workers[0].worker.heldInstances()).toEqual([]);
  });

  it("cancels a job no worker has claimed straight to CANCELLED", async () => {
    const id = await deploy("never-ran");
    await cancelJob(id);
    expect(await jobStatus(id)).toBe("CANCELLED");
    await expect(cancelJob(id)).rejects.toThrow(
      `Job ${id} is already CANCELLED; there is nothing to cancel.`,
    );
  });

  it("stops with offsets, records the resume point, and a redeploy resumes from it", async () => {
    const id = await deploy("stop-me", script(), 2);
    workers.push(await startTestWorker(simulatedRuntime()));
    await eventually(async () => (await jobStatus(id)) === "RUNNING", 10_000, "RUNNING");
    await new Promise((r) => setTimeout(r, 600));
    await stopJobWithOffsets(id);
    await eventually(async () => (await jobStatus(id)) === "STOPPED", 10_000, "STOPPED");
    const stopped = await prisma().job.findUniqueOrThrow({ where: { id } });
    const resumeFrom = stopped.resumeFrom as { offsets: Record<string, Record<string, string>> };
    expect(Object.keys(resumeFrom.offsets[SIM_TOPIC]).sort()).toEqual(["0", "1"]);
    expect(Number(resumeFrom.offsets[SIM_TOPIC]["0"])).toBeGreaterThan(0);

    const before = (await prisma().jobLog.aggregate({ where: { jobId: id }, _max: { id: true } }))
      ._max.id!;
    await redeployJob(id, { startFrom: "last-stop" });
    await eventually(async () => (await jobStatus(id)) === "RUNNING", 10_000, "RUNNING again");
    const resumed = await eventually(
      async () => {
        const lines = await prisma().jobLog.findMany({
          where: {
            jobId: id,
            id: { gt: before },
            message: { contains: "starts at offset" },
          },
        });
        return lines.length === 2 && lines;
      },
      5_000,
      "both instances to start",
    );
    for (const line of resumed) {
      const instance = line.instance!;
      expect(line.message).toContain(
        `starts at offset ${resumeFrom.offsets[SIM_TOPIC][String(instance)]} `,
      );
    }
    const job = await getJob(id);
    expect(job.runs).toHaveLength(2);
  });

  it("refuses illegal requests with the state that forbids them", async () => {
    const id = await deploy("refusals");
    await expect(redeployJob(id, { startFrom: "startup-mode" })).rejects.toThrow(
      `Job ${id} is CREATED; cancel it or stop it with offsets before redeploying.`,
    );
    await cancelJob(id);
    await expect(redeployJob(id, { startFrom: "last-stop" })).rejects.toThrow(
      /has no offsets from a stop to resume from/,
    );
    await expect(stopJobWithOffsets(id)).rejects.toThrow(
      `Job ${id} is already CANCELLED; there is nothing to stop.`,
    );
  });

  it("holds parallelism to one limit wherever it is set, refusing before anything is allocated", async () => {
    const before = await prisma().jobInstance.count();
    for (const value of ["300", "99999999999999999999", "2147483647"]) {
      const refused = await createJob({
        name: `too-wide-${value}`,
        sql: script(`SET 'parallelism.default' = '${value}';`),
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      // The domain's refusal; the route wrapper answers it with 422 (lib/api/route.test.ts).
      expect(refused).toBeInstanceOf(Invalid);
      // Beyond Java's int, Flink's own configuration parser refuses the value first.
      expect(refused?.message).toContain(
        value.length > 10
          ? `Could not parse value '${value}' for key 'parallelism.default'`
          : "a job has at most 256 parallel instances",
      );
    }
    const id = await deploy("narrow", script(), 1);
    await cancelJob(id);
    await eventually(async () => (await jobStatus(id)) === "CANCELLED", 5_000, "CANCELLED");
    // A redeploy past the limit (the API's schema refuses it too) is a 400 naming the field.
    const redeployed = await redeployJob(id, { startFrom: "startup-mode", parallelism: 300 }).then(
      () => undefined,
      (e: unknown) => e as BadInput,
    );
    expect(redeployed).toBeInstanceOf(BadInput);
    expect(domainStatus(redeployed!)).toBe(400);
    expect(redeployed?.details?.[0]?.path).toBe("parallelism");
    expect(await prisma().jobInstance.count()).toBe(before + 1);
  });
});
