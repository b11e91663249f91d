/**
 * Every change of a job's state happens in a transaction that first locks its Deployment row, so
 * that workers reporting at the same time and a user pressing "cancel" are applied one after the
 * other against the state the previous one left.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFound } from "@/lib/domain-errors";
import type { DesiredState, JobStatus } from "./job-status";

type Tx = Prisma.TransactionClient;

export interface LockedJob {
  deployment: {
    id: string;
    name: string;
    sql: string;
    status: JobStatus;
    desiredState: DesiredState;
    parallelism: number;
    resumeFrom: unknown;
    engine: string;
  };
  run: {
    id: string;
    status: string;
    parallelism: number;
    resumeFrom: unknown;
    checkpoint: unknown;
    restartState: unknown;
  } | null;
  attempt: { id: string; attemptNumber: number; status: string } | null;
}

export async function lockJob(tx: Tx, deploymentId: string): Promise<LockedJob> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Deployment" WHERE id = ${deploymentId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new NotFound(`Job ${deploymentId} was not found.`);
  const deployment = await tx.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: {
      id: true,
      name: true,
      sql: true,
      status: true,
      desiredState: true,
      parallelism: true,
      resumeFrom: true,
      engine: true,
    },
  });
  const run = await tx.jobRun.findFirst({
    where: { deploymentId },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      status: true,
      parallelism: true,
      resumeFrom: true,
      checkpoint: true,
      restartState: true,
    },
  });
  const attempt = run
    ? await tx.jobAttempt.findFirst({
        where: { runId: run.id },
        orderBy: { attemptNumber: "desc" },
        select: { id: true, attemptNumber: true, status: true },
      })
    : null;
  return {
    deployment: {
      ...deployment,
      status: deployment.status as JobStatus,
      desiredState: deployment.desiredState as DesiredState,
    },
    run,
    attempt,
  };
}

/** The deployment a slot belongs to, for reports that arrive by slot id. */
export async function deploymentOfSlot(tx: Tx, slotId: string): Promise<string | undefined> {
  const rows = await tx.$queryRaw<Array<{ deploymentId: string }>>`
    SELECT r."deploymentId" FROM "JobSlot" s
      JOIN "JobAttempt" a ON a.id = s."attemptId"
      JOIN "JobRun" r ON r.id = a."runId"
     WHERE s.id = ${slotId}::uuid`;
  return rows[0]?.deploymentId;
}
