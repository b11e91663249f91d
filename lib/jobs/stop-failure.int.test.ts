/**
 * A stop with offsets whose final checkpoint cannot commit, end to end through the API: the user
 * asks for a stop (POST /api/jobs/:id/stop), the runtime's final commit is refused, and the job
 * says what failed and what was done instead — on its event stream as it happens, in its log
 * (GET /api/jobs/:id/logs) and in its state (CANCELLED, no stop offsets to redeploy from).
 */
import { afterEach, describe, expect, it } from "vitest";
import { GET as getJobRoute } from "@/app/api/jobs/[id]/route";
import { GET as logsRoute } from "@/app/api/jobs/[id]/logs/route";
import { POST as stopRoute } from "@/app/api/jobs/[id]/stop/route";
import { prisma } from "@/lib/db/prisma";
import { openJobStream } from "@/lib/events/open-job-stream";
import type { JobLogMessage, JobStreamMessage } from "@/lib/events/job-stream-event";
import { TestClient } from "@/lib/events/testing/sse-test-client";
import type { LogPage } from "@/lib/job-logs/query-job-logs";
import { createJob } from "@/lib/jobs/create-job";
import { callRoute } from "@/lib/api/testing/route-request";
import { simulatedRuntime } from "@/lib/workers/testing/simulated-runtime";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";
import { explained, runCheckpoint } from "@/lib/workers/testing/kafka-jobs";

const REFUSAL = "the transaction coordinator answered PRODUCER_FENCED";
let worker: TestWorker | undefined;
let client: TestClient | undefined;
const created: string[] = [];

afterEach(async () => {
  client?.close();
  await worker?.stop();
  worker = undefined;
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
  await signOffWorkersOf([process.pid]);
});

describe("stop with offsets that cannot commit", () => {
  it("ends CANCELLED and says what failed and what was done, on the stream, in the log and in the state", async () => {
    const { id } = await createJob({
      name: "stop-cannot-commit",
      parallelism: 2,
      sql: `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen');
        CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
        INSERT INTO snk SELECT id FROM src;`,
    });
    created.push(id);
    client = await new TestClient().open((r) => openJobStream(r, id));
    worker = await startTestWorker(simulatedRuntime({ stopFailure: REFUSAL }));
    await eventually(async () => (await jobStatus(id)) === "RUNNING", 15_000, "RUNNING");
    // A checkpoint first, so that the message can say where the committed output stands.
    const checkpoint = await eventually(
      async () => {
        const c = await runCheckpoint(id);
        return c && Object.keys(c.offsets.sim ?? {}).length === 2 ? c : undefined;
      },
      15_000,
      "a checkpoint of both instances",
    );

    const stop = await callRoute(stopRoute, { method: "POST", params: { id } });
    expect(stop.status).toBe(202);
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "CANCELLED", 15_000, "CANCELLED"),
    );

    // The state: cancelled instead, with no stop offsets a redeploy would take.
    const job = (await (await callRoute(getJobRoute, { params: { id } })).json()) as {
      status: string;
      desiredState: string;
      resumeFrom: unknown;
      runs: Array<{ attempts: Array<{ instances: Array<{ status: string }> }> }>;
    };
    expect(job.status).toBe("CANCELLED");
    expect(job.resumeFrom).toBeNull();
    expect(job.runs[0].attempts[0].instances.map((s) => s.status)).toEqual([
      "CANCELLED",
      "CANCELLED",
    ]);

    // The log: one WARN that names the failure, what was done and what was committed.
    const page = (await (
      await callRoute(logsRoute, {
        url: `http://localhost/api/jobs/${id}/logs?level=WARN`,
        params: { id },
      })
    ).json()) as LogPage;
    const warnings = page.lines.filter((l) => l.message.startsWith("Stopping with offsets failed"));
    expect(warnings).toHaveLength(1);
    const message = warnings[0].message;
    expect(message).toContain(`the final checkpoint could not be committed (${REFUSAL})`);
    expect(message).toContain("The job was cancelled instead and ends CANCELLED");
    expect(message).toMatch(/what it committed is the last completed checkpoint \(sim-\d+@\d+/);
    // It names offsets at least as new as the checkpoint seen before the stop.
    for (const [p, offset] of Object.entries(checkpoint.offsets.sim)) {
      const named = new RegExp(`sim-${p}@(\\d+)`).exec(message);
      expect(Number(named?.[1])).toBeGreaterThanOrEqual(Number(offset));
    }

    // The stream: the same line, live, before the status that ends the job.
    const streamed = await eventually(
      async () => {
        const messages = client!.parsed<JobStreamMessage>();
        const at = messages.findIndex(
          (m) => m.kind === "log" && (m as JobLogMessage).message === message,
        );
        const cancelled = messages.findIndex(
          (m) =>
            m.kind === "event" &&
            m.type === "status" &&
            (m.payload as { status: string }).status === "CANCELLED",
        );
        return at >= 0 && cancelled >= 0 ? { at, cancelled } : undefined;
      },
      10_000,
      "the warning and the CANCELLED status on the stream",
    );
    expect(streamed.at).toBeLessThan(streamed.cancelled);
    const status = client!.parsed<JobStreamMessage>()[streamed.cancelled];
    expect((status as { payload: { message?: string } }).payload.message).toBe(
      "Stopping with offsets failed for 2 of 2 instances (the final checkpoint could not be committed; see the log): cancelled instead, without stop offsets.",
    );
    expect((client.parsed<JobLogMessage>()[streamed.at] as JobLogMessage).level).toBe("WARN");
  }, 60_000);
});
