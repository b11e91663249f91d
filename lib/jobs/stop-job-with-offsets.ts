/**
 * Stop with offsets (Flink's stop-with-savepoint): each worker flushes its sinks, commits its
 * sources' offsets and reports where they stand; when the last instance has reported, the merged
 * resume point is recorded on the deployment (resumeFrom) and the job is STOPPED.
 */
import { Conflict } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { isTerminal, transitionDesired } from "./job-status";
import { lockJob } from "./lock-job";
import { recordLifecycleLog } from "./record-job-event";
import { settleJob } from "./settle-job";

export async function stopJobWithOffsets(deploymentId: string): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const job = await lockJob(tx, deploymentId);
    if (isTerminal(job.deployment.status)) {
      throw new Conflict(
        `Job ${deploymentId} is already ${job.deployment.status}; there is nothing to stop.`,
      );
    }
    if (job.deployment.desiredState === "STOPPED") return;
    if (job.deployment.desiredState === "CANCELLED") {
      throw new Conflict(
        `Job ${deploymentId} is being cancelled; it can no longer stop with offsets.`,
      );
    }
    const desiredState = transitionDesired(job.deployment.desiredState, "STOPPED");
    await tx.deployment.update({ where: { id: deploymentId }, data: { desiredState } });
    job.deployment.desiredState = desiredState;
    await recordLifecycleLog(tx, deploymentId, "INFO", "Stop with offsets requested.");
    await settleJob(tx, job);
  });
}
