/**
 * A worker process: registers, heartbeats, and on SIGTERM/SIGINT drains and signs off.
 * Jobs are claimed here once the job runtime arrives (lib/jobs).
 */
import { disconnectPrisma } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import { HEARTBEAT_INTERVAL_MS, heartbeat, registerWorker, signOff } from "./worker-registry";

export async function runWorker(): Promise<void> {
  const workerId = await registerWorker();
  logger.info("worker started", { workerId, pid: process.pid });
  let stopping = false;
  const timer = setInterval(() => {
    heartbeat(workerId).catch((e: unknown) =>
      logger.warn("worker heartbeat failed", { workerId, error: String(e) }),
    );
  }, HEARTBEAT_INTERVAL_MS);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info("worker draining", { workerId, signal });
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  clearInterval(timer);
  await signOff(workerId).catch(() => undefined);
  await disconnectPrisma();
  logger.info("worker stopped", { workerId });
}
