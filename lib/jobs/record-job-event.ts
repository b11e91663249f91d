/**
 * Appends to a job's history (JobEvent) and to its log (JobLog) inside the caller's transaction,
 * and tells the console processes about it (NOTIFY, delivered at commit).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobEventPayloads, JobEventType } from "@/lib/events/job-stream-event";
import { notifyJobStream } from "@/lib/events/notify";
import { redactText } from "@/lib/logging/redact";
import type { LogLevel } from "@/lib/runtime/job-runtime";

type Tx = Prisma.TransactionClient;

export async function recordJobEvent<T extends JobEventType>(
  tx: Tx,
  jobId: string,
  type: T,
  payload: JobEventPayloads[T],
): Promise<bigint> {
  const row = await tx.jobEvent.create({
    data: { jobId, type, payload: payload as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  await notifyJobStream(tx, { k: "e", d: jobId, id: row.id.toString() });
  return row.id;
}

/** A line the lifecycle itself writes to the job's log (the runtime's lines go through lib/job-logs). */
export async function recordLifecycleLog(
  tx: Tx,
  jobId: string,
  level: LogLevel,
  message: string,
  instance: number | null = null,
): Promise<void> {
  const row = await tx.jobLog.create({
    data: { jobId, level, instance, message: redactText(message) },
    select: { id: true },
  });
  const id = row.id.toString();
  await notifyJobStream(tx, { k: "l", d: jobId, from: id, to: id });
}
