/**
 * Moves a locked job to a new status — only along the state machine's edges — on both the
 * job and its current run, and records the change as an event.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { isTerminal, transition, type JobStatus } from "./job-status";
import type { LockedJob } from "./lock-job";
import { recordJobEvent } from "./record-job-event";

type Tx = Prisma.TransactionClient;

export async function setJobStatus(
  tx: Tx,
  locked: LockedJob,
  to: JobStatus,
  message?: string,
): Promise<void> {
  const from = locked.job.status;
  transition(from, to);
  const now = new Date();
  await tx.job.update({ where: { id: locked.job.id }, data: { status: to } });
  if (locked.run) {
    await tx.jobRun.update({
      where: { id: locked.run.id },
      data: { status: to, ...(isTerminal(to) ? { endedAt: now } : {}) },
    });
    locked.run.status = to;
  }
  locked.job.status = to;
  await recordJobEvent(tx, locked.job.id, "status", {
    status: to,
    previous: from,
    desiredState: locked.job.desiredState,
    attemptNumber: locked.attempt?.attemptNumber ?? null,
    ...(message ? { message } : {}),
  });
}
