/**
 * Keeps a run's checkpoint: the newest offsets its instances committed, merged. It is where an
 * instance resumes after a restart, a takeover or a drain.
 */
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ResumePoint } from "@/lib/runtime/job-runtime";
import { asResumePoint, mergeResumePoints } from "./resume-point";

type Tx = Prisma.TransactionClient;

export async function recordCheckpoint(runId: string, point: ResumePoint): Promise<void> {
  await prisma().$transaction((tx) => mergeIntoCheckpoint(tx, runId, point));
}

export async function mergeIntoCheckpoint(
  tx: Tx,
  runId: string,
  point: ResumePoint,
): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ checkpoint: unknown }>>`
    SELECT checkpoint FROM "JobRun" WHERE id = ${runId}::uuid FOR UPDATE`;
  if (rows.length === 0) return;
  const merged = mergeResumePoints(asResumePoint(rows[0].checkpoint), point);
  await tx.jobRun.update({
    where: { id: runId },
    data: { checkpoint: merged as unknown as Prisma.InputJsonValue },
  });
}
