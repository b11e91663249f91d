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

export async function cancelJob(deploymentId: string): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const job = await lockJob(tx, deploymentId);
    if (isTerminal(job.deployment.status)) {
      throw new Conflict(
        `Job ${deploymentId} is already ${job.deployment.status}; there is nothing to cancel.`,
      );
    }
    if (job.deployment.desiredState === "CANCELLED") return;
    const desiredState = transitionDesired(job.deployment.desiredState, "CANCELLED");
    await tx.deployment.update({ where: { id: deploymentId }, data: { desiredState } });
    job.deployment.desiredState = desiredState;
    if (job.attempt) {
      await tx.jobAttempt.updateMany({
        where: { id: job.attempt.id, status: "RUNNING" },
        data: { status: "CANCELLED", endedAt: new Date() },
      });
      job.attempt.status = "CANCELLED";
    }
    await recordLifecycleLog(tx, deploymentId, "INFO", "Cancel requested.");
    await settleJob(tx, job);
  });
}
