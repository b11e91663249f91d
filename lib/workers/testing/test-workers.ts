/** In-process workers for integration tests: registered like real ones, stopped by draining. */
import { prisma } from "@/lib/db/prisma";
import type { JobRuntime } from "@/lib/runtime/job-runtime";
import { JobWorker } from "../job-worker";
import { registerWorker, signOff } from "../worker-registry";

export interface TestWorker {
  workerId: string;
  worker: JobWorker;
  /** Drains (stop with offsets, hand back) and signs off, as SIGTERM does. */
  stop(): Promise<void>;
}

export async function startTestWorker(runtime: JobRuntime, capacity?: number): Promise<TestWorker> {
  const workerId = await registerWorker();
  const worker = new JobWorker({ workerId, runtime, capacity });
  worker.start();
  return {
    workerId,
    worker,
    async stop() {
      await worker.drain();
      await signOff(workerId);
    },
  };
}

/** Waits until `check` returns a value (not undefined/false), polling the database. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`,
  );
}

export async function jobStatus(jobId: string): Promise<string> {
  const d = await prisma().job.findUniqueOrThrow({
    where: { id: jobId },
    select: { status: true },
  });
  return d.status;
}

/**
 * Signs off the workers of these processes (this test process and the workers it spawned) that
 * are still registered, so that fair shares in the next test count only its own workers.
 */
export async function signOffWorkersOf(pids: number[]): Promise<void> {
  await prisma().worker.updateMany({
    where: { stoppedAt: null, pid: { in: pids } },
    data: { stoppedAt: new Date() },
  });
}
