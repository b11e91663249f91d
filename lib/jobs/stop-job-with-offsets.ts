/**
 * Stop with offsets (Flink's stop-with-savepoint): each worker flushes its sinks, commits its
 * sources' offsets and reports where they stand; when the last instance has reported, the merged
 * resume point is recorded on the job (resumeFrom) and the job is STOPPED.
 */
import { Conflict } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { isTerminal, transitionDesired } from "./job-status";
import { lockJob } from "./lock-job";
import { recordLifecycleLog } from "./record-job-event";
import { settleJob } from "./settle-job";

export async function stopJobWithOffsets(jobId: string): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const locked = await lockJob(tx, jobId);
    if (isTerminal(locked.job.status)) {
      throw new Conflict(`Job ${jobId} is already ${locked.job.status}; there is nothing to stop.`);
    }
    if (locked.job.desiredState === "STOPPED") return;
    if (locked.job.desiredState === "CANCELLED") {
      throw new Conflict(`Job ${jobId} is being cancelled; it can no longer stop with offsets.`);
    }
    const desiredState = transitionDesired(locked.job.desiredState, "STOPPED");
    await tx.job.update({ where: { id: jobId }, data: { desiredState } });
    locked.job.desiredState = desiredState;
    await recordLifecycleLog(tx, jobId, "INFO", "Stop with offsets requested.");
    await settleJob(tx, locked);
  });
}
