/**
 * Moves a locked job to a new status — only along the state machine's edges — on both the
 * deployment and its current run, and records the change as an event.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { isTerminal, transition, type JobStatus } from "./job-status";
import type { LockedJob } from "./lock-job";
import { recordJobEvent } from "./record-job-event";

type Tx = Prisma.TransactionClient;

export async function setJobStatus(
  tx: Tx,
  job: LockedJob,
  to: JobStatus,
  message?: string,
): Promise<void> {
  const from = job.deployment.status;
  transition(from, to);
  const now = new Date();
  await tx.deployment.update({ where: { id: job.deployment.id }, data: { status: to } });
  if (job.run) {
    await tx.jobRun.update({
      where: { id: job.run.id },
      data: { status: to, ...(isTerminal(to) ? { endedAt: now } : {}) },
    });
    job.run.status = to;
  }
  job.deployment.status = to;
  await recordJobEvent(tx, job.deployment.id, "status", {
    status: to,
    previous: from,
    desiredState: job.deployment.desiredState,
    attemptNumber: job.attempt?.attemptNumber ?? null,
    ...(message ? { message } : {}),
  });
}
