/**
 * Instances whose worker died while nobody will take them over — the attempt was superseded by a
 * restart, or the user cancelled or stopped the job — would stay "held" forever: mark them LOST
 * once their lease expires, and let their jobs settle (e.g. CANCELLING → CANCELLED).
 */
import { prisma } from "@/lib/db/prisma";
import { lockJob } from "./lock-job";
import { settleJob } from "./settle-job";

export async function sweepLostInstances(): Promise<number> {
  const rows = await prisma().$queryRaw<Array<{ jobId: string }>>`
    UPDATE "JobInstance" s
       SET status = 'LOST', "endedAt" = now(), "leaseExpiresAt" = NULL
      FROM "JobAttempt" a, "JobRun" r, "Job" d
     WHERE a.id = s."attemptId" AND r.id = a."runId" AND d.id = r."jobId"
       AND s.status IN ('CLAIMED', 'RUNNING') AND s."leaseExpiresAt" < now()
       AND (a.status <> 'RUNNING' OR d."desiredState" <> 'RUNNING')
 RETURNING r."jobId"`;
  const jobs = [...new Set(rows.map((r) => r.jobId))];
  for (const id of jobs) {
    await prisma().$transaction(async (tx) => settleJob(tx, await lockJob(tx, id)));
  }
  return rows.length;
}
