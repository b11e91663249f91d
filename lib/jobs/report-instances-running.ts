/** A worker's runtime started the instances it claimed: they are RUNNING. */
import { prisma } from "@/lib/db/prisma";
import { lockJob } from "./lock-job";
import { recordJobEvent } from "./record-job-event";
import { settleJob } from "./settle-job";

export async function reportInstancesRunning(
  workerId: string,
  jobId: string,
  instanceIds: string[],
): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const locked = await lockJob(tx, jobId);
    const instances = await tx.jobInstance.findMany({
      where: { id: { in: instanceIds }, workerId, status: "CLAIMED" },
      select: { id: true, instance: true, attempt: { select: { attemptNumber: true } } },
    });
    await tx.jobInstance.updateMany({
      where: { id: { in: instances.map((s) => s.id) } },
      data: { status: "RUNNING" },
    });
    for (const s of instances) {
      await recordJobEvent(tx, jobId, "instance", {
        attemptNumber: s.attempt.attemptNumber,
        instance: s.instance,
        workerId,
        change: "running",
      });
    }
    await settleJob(tx, locked);
  });
}
