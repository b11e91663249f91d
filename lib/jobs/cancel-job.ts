/**
 * Cancel: the user wants the job gone without committing further. Workers see the desired state
 * on their next tick (within a second), cancel their runtime and release the instances; the job
 * is CANCELLED when the last one is released.
 */
import { Conflict } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { isTerminal, transitionDesired } from "./job-status";
import { lockJob } from "./lock-job";
import { recordLifecycleLog } from "./record-job-event";
import { settleJob } from "./settle-job";

export async function cancelJob(jobId: string): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const locked = await lockJob(tx, jobId);
    if (isTerminal(locked.job.status)) {
      throw new Conflict(
        `Job ${jobId} is already ${locked.job.status}; there is nothing to cancel.`,
      );
    }
    if (locked.job.desiredState === "CANCELLED") return;
    const desiredState = transitionDesired(locked.job.desiredState, "CANCELLED");
    await tx.job.update({ where: { id: jobId }, data: { desiredState } });
    locked.job.desiredState = desiredState;
    if (locked.attempt) {
      await tx.jobAttempt.updateMany({
        where: { id: locked.attempt.id, status: "RUNNING" },
        data: { status: "CANCELLED", endedAt: new Date() },
      });
      locked.attempt.status = "CANCELLED";
    }
    await recordLifecycleLog(tx, jobId, "INFO", "Cancel requested.");
    await settleJob(tx, locked);
  });
}
