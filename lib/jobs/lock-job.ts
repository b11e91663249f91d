/**
 * Every change of a job's state happens in a transaction that first locks its Job row, so
 * that workers reporting at the same time and a user pressing "cancel" are applied one after the
 * other against the state the previous one left.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFound } from "@/lib/domain-errors";
import type { DesiredState, JobStatus } from "./job-status";

type Tx = Prisma.TransactionClient;

export interface LockedJob {
  job: {
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

export async function lockJob(tx: Tx, jobId: string): Promise<LockedJob> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Job" WHERE id = ${jobId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new NotFound(`Job ${jobId} was not found.`);
  const job = await tx.job.findUniqueOrThrow({
    where: { id: jobId },
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
    where: { jobId },
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
    job: {
      ...job,
      status: job.status as JobStatus,
      desiredState: job.desiredState as DesiredState,
    },
    run,
    attempt,
  };
}

/** The job an instance belongs to, for reports that arrive by instance id. */
export async function jobOfInstance(tx: Tx, instanceId: string): Promise<string | undefined> {
  const rows = await tx.$queryRaw<Array<{ jobId: string }>>`
    SELECT r."jobId" FROM "JobInstance" s
      JOIN "JobAttempt" a ON a.id = s."attemptId"
      JOIN "JobRun" r ON r.id = a."runId"
     WHERE s.id = ${instanceId}::uuid`;
  return rows[0]?.jobId;
}
