/**
 * A worker process: registers, heartbeats, runs jobs (job-worker.ts) with the given JobRuntime,
 * and on SIGTERM/SIGINT drains — its instances stop with offsets and go back to the pool at once,
 * so another worker takes them over without waiting for a lease to expire — then signs off.
 */
import { disconnectPrisma } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import { describeErrorForLog } from "@/lib/logging/describe-error";
import type { JobRuntime } from "@/lib/runtime/job-runtime";
import { JobWorker } from "./job-worker";
import { HEARTBEAT_INTERVAL_MS, heartbeat, registerWorker, signOff } from "./worker-registry";

export interface RunWorkerOptions {
  /** The data plane; defaults to job-runtime-binding.ts. */
  runtime?: JobRuntime;
  /** Most parallel instances this worker runs at once. */
  capacity?: number;
}

export async function runWorker(opts: RunWorkerOptions = {}): Promise<void> {
  // Listening before anything else: a SIGTERM that comes while the worker registers (its row is
  // visible before this process hears back) is drained like any other, never Node's instant exit.
  const stopSignal = new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  const runtime = opts.runtime ?? (await import("./job-runtime-binding")).jobRuntime;
  const workerId = await registerWorker();
  logger.info("worker started", { workerId, pid: process.pid });
  const timer = setInterval(() => {
    heartbeat(workerId).catch((e: unknown) =>
      logger.warn("worker heartbeat failed", { workerId, error: describeErrorForLog(e) }),
    );
  }, HEARTBEAT_INTERVAL_MS);
  const jobs = new JobWorker({ workerId, runtime, capacity: opts.capacity });
  jobs.start();

  const signal = await stopSignal;
  logger.info("worker draining", { workerId, signal });
  await jobs
    .drain()
    .catch((e: unknown) =>
      logger.error("worker drain failed", { workerId, error: describeErrorForLog(e) }),
    );
  clearInterval(timer);
  // After the drain (Flink jobs stopped with savepoints): the local Flink cluster, if this worker started it.
  await (await import("@/lib/flink/endpoints")).stopLocalFlink();
  await signOff(workerId).catch(() => undefined);
  await disconnectPrisma();
  logger.info("worker stopped", { workerId });
}
