/**
 * Workers claim parallel instances (JobInstances) with `FOR UPDATE SKIP LOCKED`: two workers asking
 * at once never get the same instance and never wait for each other. A job's instances spread
 * over the alive workers — each takes its fair share (parallelism / alive workers, rounded up)
 * first — and an instance left over for STALE_PENDING_MS, or whose lease expired, goes to
 * whoever asks. A new attempt's instances wait until the previous attempt's are released (as
 * Flink cancels all tasks before restarting).
 */
import { prisma } from "@/lib/db/prisma";
import { aliveWorkers } from "@/lib/workers/worker-registry";
import { LEASE_MS, STALE_PENDING_MS } from "./lease";
import { lockJob } from "./lock-job";
import { recordJobEvent, recordLifecycleLog } from "./record-job-event";
import { settleJob } from "./settle-job";

export interface ClaimedInstance {
  instanceId: string;
  attemptId: string;
  attemptNumber: number;
  jobId: string;
  instance: number;
  /** The worker that held it before (a takeover), if any. */
  previousWorkerId: string | null;
  /** Times the instance was claimed in this attempt, this claim included: above 1 it ran before. */
  claims: number;
}

interface CandidateAttempt {
  attemptId: string;
  parallelism: number;
  mine: number;
}

export async function claimInstances(
  workerId: string,
  capacity: number,
): Promise<ClaimedInstance[]> {
  if (capacity <= 0) return [];
  const db = prisma();
  const candidates = await db.$queryRaw<CandidateAttempt[]>`
    SELECT a.id AS "attemptId", r.parallelism,
           (count(*) FILTER (WHERE s."workerId" = ${workerId}::uuid AND s.status IN ('CLAIMED', 'RUNNING')))::int AS mine
      FROM "JobAttempt" a
      JOIN "JobRun" r ON r.id = a."runId"
      JOIN "Job" d ON d.id = r."jobId"
      JOIN "JobInstance" s ON s."attemptId" = a.id
     WHERE a.status = 'RUNNING' AND d."desiredState" = 'RUNNING'
       AND d.status IN ('CREATED', 'STARTING', 'RUNNING', 'RESTARTING')
     GROUP BY a.id, r.parallelism
    HAVING count(*) FILTER (WHERE (s.status = 'PENDING' AND s."notBefore" <= now())
                               OR (s.status IN ('CLAIMED', 'RUNNING') AND s."leaseExpiresAt" < now())) > 0
     ORDER BY min(s."notBefore")`;
  if (candidates.length === 0) return [];
  const alive = Math.max(1, (await aliveWorkers()).length);
  const claimed: ClaimedInstance[] = [];
  for (const c of candidates) {
    const room = capacity - claimed.length;
    if (room <= 0) break;
    const quota = Math.max(0, Math.ceil(c.parallelism / alive) - c.mine);
    const limit = Math.min(room, quota > 0 ? quota : room);
    const rows = await db.$queryRaw<ClaimedInstance[]>`
      WITH c AS (
        SELECT s.id, s."workerId" AS prev
          FROM "JobInstance" s
          JOIN "JobAttempt" a ON a.id = s."attemptId"
         WHERE s."attemptId" = ${c.attemptId}::uuid AND a.status = 'RUNNING'
           AND ((s.status = 'PENDING' AND s."notBefore" <= now()
                 AND (${quota}::int > 0 OR s."notBefore" < now() - ${STALE_PENDING_MS}::int * interval '1 millisecond'))
                OR (s.status IN ('CLAIMED', 'RUNNING') AND s."leaseExpiresAt" < now()))
           AND NOT EXISTS (
             SELECT 1 FROM "JobInstance" o JOIN "JobAttempt" oa ON oa.id = o."attemptId"
              WHERE oa."runId" = a."runId" AND oa."attemptNumber" < a."attemptNumber"
                AND o.status IN ('CLAIMED', 'RUNNING') AND o."leaseExpiresAt" > now())
         ORDER BY s.instance
         LIMIT ${limit}::int
           FOR UPDATE OF s SKIP LOCKED)
      UPDATE "JobInstance" s
         SET "workerId" = ${workerId}::uuid, status = 'CLAIMED', claims = s.claims + 1,
             "leaseExpiresAt" = now() + ${LEASE_MS}::int * interval '1 millisecond',
             "startedAt" = COALESCE(s."startedAt", now())
        FROM c, "JobAttempt" a, "JobRun" r
       WHERE s.id = c.id AND a.id = s."attemptId" AND r.id = a."runId"
   RETURNING s.id AS "instanceId", s."attemptId", a."attemptNumber", r."jobId", s.instance,
             c.prev AS "previousWorkerId", s.claims`;
    claimed.push(...rows);
  }
  for (const jobId of new Set(claimed.map((c) => c.jobId))) {
    await announceClaims(
      workerId,
      jobId,
      claimed.filter((c) => c.jobId === jobId),
    );
  }
  return claimed;
}

async function announceClaims(
  workerId: string,
  jobId: string,
  instances: ClaimedInstance[],
): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const locked = await lockJob(tx, jobId);
    for (const s of instances) {
      const takeover = s.previousWorkerId !== null && s.previousWorkerId !== workerId;
      await recordJobEvent(tx, jobId, "instance", {
        attemptNumber: s.attemptNumber,
        instance: s.instance,
        workerId,
        change: takeover ? "taken-over" : "claimed",
      });
      if (takeover) {
        await recordLifecycleLog(
          tx,
          jobId,
          "WARN",
          `Instance ${s.instance} taken over by worker ${workerId}: the lease of worker ${s.previousWorkerId} expired.`,
          s.instance,
        );
      }
    }
    await settleJob(tx, locked);
  });
}
