/**
 * A worker reports how the instances it ran ended. Reports are fenced by the worker id: a worker
 * whose lease was taken over cannot change the instance any more.
 *
 * A failure of the current attempt ends the attempt and asks the run's restart strategy: a
 * restart opens the next attempt (its instances claimable after the strategy's delay) and the job
 * goes RESTARTING; otherwise — or for a failure marked not retriable — the job is FAILED at once.
 */
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobFailure, ResumePoint } from "@/lib/runtime/job-runtime";
import { describeFailure, redactFailure } from "./job-failure";
import { jobConfiguration } from "./job-configuration";
import { isTerminal } from "./job-status";
import { lockJob, type LockedJob } from "./lock-job";
import { recordJobEvent, recordLifecycleLog } from "./record-job-event";
import { mergeIntoCheckpoint } from "./record-checkpoint";
import { decideRestart, restartStrategyOf, type RestartState } from "./restart-strategy";
import { setJobStatus } from "./set-job-status";
import { settleJob } from "./settle-job";
import { createAttempt, instanceCountOf } from "./start-run";

type Tx = Prisma.TransactionClient;

export type InstanceEnd =
  | { state: "FINISHED" }
  | { state: "FAILED"; failure: JobFailure }
  | { state: "CANCELLED" }
  | { state: "STOPPED"; resumePoint: ResumePoint }
  /** Drained (SIGTERM): handed back for another worker, with where it stopped. */
  | { state: "RELEASED"; resumePoint?: ResumePoint };

const CHANGE = {
  FINISHED: "finished",
  FAILED: "failed",
  CANCELLED: "cancelled",
  STOPPED: "stopped",
  RELEASED: "released",
} as const;

export async function reportInstancesEnded(
  workerId: string,
  jobId: string,
  instanceIds: string[],
  end: InstanceEnd,
): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const locked = await lockJob(tx, jobId);
    const instances = await tx.jobInstance.findMany({
      where: { id: { in: instanceIds }, workerId, status: { in: ["CLAIMED", "RUNNING"] } },
      select: {
        id: true,
        instance: true,
        attemptId: true,
        attempt: { select: { attemptNumber: true, runId: true } },
      },
    });
    if (instances.length === 0) return; // taken over or already ended: not ours to report
    const now = new Date();
    const ids = instances.map((s) => s.id);
    if (end.state === "RELEASED") {
      await tx.jobInstance.updateMany({
        where: { id: { in: ids } },
        data: { status: "PENDING", workerId: null, leaseExpiresAt: null, notBefore: now },
      });
      if (end.resumePoint)
        await mergeIntoCheckpoint(tx, instances[0].attempt.runId, end.resumePoint);
    } else {
      await tx.jobInstance.updateMany({
        where: { id: { in: ids } },
        data: {
          status: end.state,
          leaseExpiresAt: null,
          endedAt: now,
          ...(end.state === "FAILED"
            ? { error: redactFailure(end.failure) as unknown as Prisma.InputJsonValue }
            : {}),
          ...(end.state === "STOPPED"
            ? { resumePoint: end.resumePoint as unknown as Prisma.InputJsonValue }
            : {}),
        },
      });
    }
    for (const s of instances) {
      await recordJobEvent(tx, jobId, "instance", {
        attemptNumber: s.attempt.attemptNumber,
        instance: s.instance,
        workerId: end.state === "RELEASED" ? null : workerId,
        change: CHANGE[end.state],
      });
    }
    if (
      end.state === "FAILED" &&
      locked.attempt &&
      instances.some((s) => s.attemptId === locked.attempt!.id)
    ) {
      await failAttempt(tx, locked, workerId, redactFailure(end.failure), now);
    }
    await settleJob(tx, locked);
  });
}

async function failAttempt(
  tx: Tx,
  locked: LockedJob,
  workerId: string,
  failure: JobFailure,
  now: Date,
): Promise<void> {
  const { job, run, attempt } = locked;
  if (!run || !attempt || attempt.status !== "RUNNING") return;
  if (isTerminal(job.status) || job.desiredState !== "RUNNING") return;
  await tx.jobAttempt.update({
    where: { id: attempt.id },
    data: {
      status: "FAILED",
      endedAt: now,
      workerId,
      error: failure as unknown as Prisma.InputJsonValue,
    },
  });
  attempt.status = "FAILED";
  await recordJobEvent(tx, job.id, "attempt", {
    attemptNumber: attempt.attemptNumber,
    state: "FAILED",
    error: failure,
  });
  await recordLifecycleLog(
    tx,
    job.id,
    "ERROR",
    `Attempt ${attempt.attemptNumber} failed: ${describeFailure(failure)}`,
  );

  let reason: string;
  if (!failure.retriable) {
    reason = "The failure is not retriable; restarting would fail the same way.";
  } else {
    const decision = decideRestart(
      restartStrategyOf(jobConfiguration(job.sql)),
      (run.restartState ?? {}) as RestartState,
      now.getTime(),
    );
    await tx.jobRun.update({
      where: { id: run.id },
      data: { restartState: decision.state as unknown as Prisma.InputJsonValue },
    });
    if (decision.restart) {
      const notBefore = new Date(now.getTime() + decision.delayMs);
      const attemptNumber = attempt.attemptNumber + 1;
      const attemptId = await createAttempt(
        tx,
        run.id,
        attemptNumber,
        instanceCountOf(job.engine, run.parallelism),
        notBefore,
      );
      await setJobStatus(
        tx,
        locked,
        "RESTARTING",
        `Restarting in ${decision.delayMs} ms as attempt ${attemptNumber}.`,
      );
      locked.attempt = { id: attemptId, attemptNumber, status: "RUNNING" };
      await recordJobEvent(tx, job.id, "attempt", {
        attemptNumber,
        state: "SCHEDULED",
        notBefore: notBefore.toISOString(),
      });
      await recordLifecycleLog(
        tx,
        job.id,
        "INFO",
        `Attempt ${attemptNumber} starts in ${decision.delayMs} ms.`,
      );
      return;
    }
    reason = decision.reason;
  }
  await tx.jobRun.update({
    where: { id: run.id },
    data: {
      error: {
        ...failure,
        causes: [...failure.causes, reason],
      } as unknown as Prisma.InputJsonValue,
    },
  });
  await setJobStatus(tx, locked, "FAILED", reason);
}
