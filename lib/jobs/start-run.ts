/**
 * A new run of a job: the run, its first attempt and one PENDING JobInstance row per parallel
 * instance, which workers then claim.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { BadInput } from "@/lib/domain-errors";
import type { ResumePoint } from "@/lib/runtime/job-runtime";
import { MAX_PARALLELISM } from "@/lib/sql/settings";

type Tx = Prisma.TransactionClient;

export async function startRun(
  tx: Tx,
  jobId: string,
  opts: { parallelism: number; engine: string; resumeFrom?: ResumePoint },
): Promise<{ runId: string; attemptId: string }> {
  // Before anything is allocated: a run makes one row per instance.
  if (
    !Number.isInteger(opts.parallelism) ||
    opts.parallelism < 1 ||
    opts.parallelism > MAX_PARALLELISM
  )
    throw new BadInput(
      `A job runs with 1 to ${MAX_PARALLELISM} parallel instances, not ${opts.parallelism}.`,
      [{ path: "parallelism", message: `must be between 1 and ${MAX_PARALLELISM}` }],
    );
  const run = await tx.jobRun.create({
    data: {
      jobId,
      parallelism: opts.parallelism,
      resumeFrom: (opts.resumeFrom ?? undefined) as Prisma.InputJsonValue | undefined,
    },
    select: { id: true },
  });
  const attemptId = await createAttempt(
    tx,
    run.id,
    1,
    instanceCountOf(opts.engine, opts.parallelism),
    new Date(),
  );
  return { runId: run.id, attemptId };
}

/**
 * Instances per attempt: one per parallel instance on the embedded engine; one for a Flink job, whose
 * worker submits it and watches it while Flink runs its subtasks.
 */
export function instanceCountOf(engine: string, parallelism: number): number {
  return engine === "flink" ? 1 : parallelism;
}

export async function createAttempt(
  tx: Tx,
  runId: string,
  attemptNumber: number,
  instances: number,
  notBefore: Date,
): Promise<string> {
  const attempt = await tx.jobAttempt.create({
    data: { runId, attemptNumber, status: "RUNNING", startedAt: new Date() },
    select: { id: true },
  });
  await tx.jobInstance.createMany({
    data: Array.from({ length: instances }, (_, instance) => ({
      attemptId: attempt.id,
      instance,
      notBefore,
    })),
  });
  return attempt.id;
}
