/**
 * A worker's heartbeat for the instances it runs: extends their leases and tells it, for each,
 * what the job wants now. An instance missing from the answer is no longer this worker's (its
 * lease expired and another worker took it over): the worker must stop running it.
 */
import { prisma } from "@/lib/db/prisma";
import type { DesiredState } from "./job-status";
import { LEASE_MS } from "./lease";

export interface LeaseRenewal {
  instanceId: string;
  /** RUNNING while the attempt is current; anything else means: stop running it. */
  attemptStatus: string;
  desiredState: DesiredState;
}

export async function renewInstanceLeases(
  workerId: string,
  instanceIds: string[],
): Promise<LeaseRenewal[]> {
  if (instanceIds.length === 0) return [];
  return prisma().$queryRaw<LeaseRenewal[]>`
    UPDATE "JobInstance" s
       SET "leaseExpiresAt" = now() + ${LEASE_MS}::int * interval '1 millisecond'
      FROM "JobAttempt" a, "JobRun" r, "Job" d
     WHERE s.id = ANY(${instanceIds}::uuid[]) AND s."workerId" = ${workerId}::uuid
       AND s.status IN ('CLAIMED', 'RUNNING')
       AND a.id = s."attemptId" AND r.id = a."runId" AND d.id = r."jobId"
 RETURNING s.id AS "instanceId", a.status AS "attemptStatus", d."desiredState"`;
}
