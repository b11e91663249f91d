/** Rows of the job tables turned into stream messages (job-stream-event.ts). */
import { prisma } from "@/lib/db/prisma";
import type { InstanceMetrics, LogLevel } from "@/lib/runtime/job-runtime";
import type {
  InstanceRates,
  JobEventMessage,
  JobLogMessage,
  JobMetricsMessage,
} from "./job-stream-event";

export function eventMessage(row: {
  id: bigint;
  jobId: string;
  type: string;
  payload: unknown;
  createdAt: Date;
}): JobEventMessage {
  return {
    kind: "event",
    id: row.id.toString(),
    jobId: row.jobId,
    at: row.createdAt.toISOString(),
    type: row.type,
    payload: row.payload,
  } as JobEventMessage;
}

export function logMessage(row: {
  id: bigint;
  jobId: string;
  level: string;
  instance: number | null;
  message: string;
  createdAt: Date;
}): JobLogMessage {
  return {
    kind: "log",
    id: row.id.toString(),
    jobId: row.jobId,
    at: row.createdAt.toISOString(),
    level: row.level as LogLevel,
    instance: row.instance,
    message: row.message,
  };
}

/**
 * The latest metrics of the instances of the job's newest attempt: live while it runs, and the
 * final counts once it has ended (a finished job still shows what it read and wrote).
 */
export async function metricsMessage(jobId: string): Promise<JobMetricsMessage | undefined> {
  const attempt = await prisma().jobAttempt.findFirst({
    where: { run: { jobId } },
    orderBy: [{ run: { startedAt: "desc" } }, { attemptNumber: "desc" }],
    select: { id: true },
  });
  if (!attempt) return undefined;
  const rows = await prisma().jobInstance.findMany({
    where: { attemptId: attempt.id },
    select: { lastMetrics: true },
    orderBy: { instance: "asc" },
  });
  const instances = rows
    .map((s) => s.lastMetrics as (InstanceMetrics & InstanceRates & { at: string }) | null)
    .filter((m): m is InstanceMetrics & InstanceRates & { at: string } => m !== null);
  if (instances.length === 0) return undefined;
  const at = instances
    .map((m) => m.at)
    .sort()
    .at(-1)!;
  return { kind: "metrics", jobId, at, instances };
}
