/** A worker's runtime started the instances it claimed: they are RUNNING. */
import { prisma } from "@/lib/db/prisma";
import { lockJob } from "./lock-job";
import { recordJobEvent } from "./record-job-event";
import { settleJob } from "./settle-job";

export async function reportSlotsRunning(
  workerId: string,
  deploymentId: string,
  slotIds: string[],
): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const job = await lockJob(tx, deploymentId);
    const slots = await tx.jobSlot.findMany({
      where: { id: { in: slotIds }, workerId, status: "CLAIMED" },
      select: { id: true, instance: true, attempt: { select: { attemptNumber: true } } },
    });
    await tx.jobSlot.updateMany({
      where: { id: { in: slots.map((s) => s.id) } },
      data: { status: "RUNNING" },
    });
    for (const s of slots) {
      await recordJobEvent(tx, deploymentId, "slot", {
        attemptNumber: s.attempt.attemptNumber,
        instance: s.instance,
        workerId,
        change: "running",
      });
    }
    await settleJob(tx, job);
  });
}
