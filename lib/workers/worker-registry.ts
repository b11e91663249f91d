/**
 * Workers announce themselves in PostgreSQL and heartbeat; a worker is alive while its last
 * heartbeat is recent and it has not signed off.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/prisma";

export const HEARTBEAT_INTERVAL_MS = 3_000;
export const WORKER_ALIVE_WITHIN_MS = 15_000;

export async function registerWorker(): Promise<string> {
  const id = randomUUID();
  await prisma().worker.create({ data: { id, hostname: hostname(), pid: process.pid } });
  return id;
}

export async function heartbeat(workerId: string): Promise<void> {
  await prisma().worker.update({ where: { id: workerId }, data: { lastHeartbeatAt: new Date() } });
}

export async function signOff(workerId: string): Promise<void> {
  await prisma().worker.update({ where: { id: workerId }, data: { stoppedAt: new Date() } });
}

export async function aliveWorkers() {
  return prisma().worker.findMany({
    where: {
      stoppedAt: null,
      lastHeartbeatAt: { gte: new Date(Date.now() - WORKER_ALIVE_WITHIN_MS) },
    },
    orderBy: { startedAt: "asc" },
  });
}
