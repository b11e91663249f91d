/**
 * Derives a locked job's status from its instances and what the user wants, after anything
 * changed: the first claim makes it STARTING, all instances running make it RUNNING, all finished
 * FINISHED; a cancel ends in CANCELLED once no worker holds an instance any more, a stop with
 * offsets in STOPPED with the merged resume point recorded on the job (or CANCELLED when an
 * instance's final commit failed and its worker cancelled it instead).
 * Failures are decided where they are reported (report-instances-ended.ts), not here.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { isTerminal } from "./job-status";
import type { LockedJob } from "./lock-job";
import { asResumePoint, mergeResumePoints } from "./resume-point";
import { setJobStatus } from "./set-job-status";
import { isHeld } from "./instance-status";

type Tx = Prisma.TransactionClient;

export async function settleJob(tx: Tx, locked: LockedJob): Promise<void> {
  const { job, run, attempt } = locked;
  if (isTerminal(job.status) || !run || !attempt) return;
  const now = new Date();
  const instances = await tx.jobInstance.findMany({
    where: { attempt: { runId: run.id } },
    select: { id: true, attemptId: true, status: true, leaseExpiresAt: true, resumePoint: true },
  });
  const current = instances.filter((s) => s.attemptId === attempt.id);
  const held = instances.filter((s) => isHeld(s, now));

  if (job.desiredState === "CANCELLED") {
    await tx.jobInstance.updateMany({
      where: { attempt: { runId: run.id }, status: "PENDING" },
      data: { status: "CANCELLED", endedAt: now },
    });
    if (held.length > 0) {
      if (job.status !== "CANCELLING") await setJobStatus(tx, locked, "CANCELLING");
      return;
    }
    await markLost(tx, run.id, now);
    await endAttempt(tx, attempt.id, "CANCELLED", now);
    if (job.status !== "CANCELLING" && job.status !== "RESTARTING" && job.status !== "CREATED") {
      await setJobStatus(tx, locked, "CANCELLING");
    }
    await setJobStatus(tx, locked, "CANCELLED");
    return;
  }

  if (job.desiredState === "STOPPED") {
    await tx.jobInstance.updateMany({
      where: { attempt: { runId: run.id }, status: "PENDING" },
      data: { status: "STOPPED", endedAt: now },
    });
    if (held.length > 0) return;
    await markLost(tx, run.id, now);
    const cancelled = current.filter((s) => s.status === "CANCELLED").length;
    if (cancelled > 0) {
      // A worker could not commit an instance's final checkpoint and cancelled it instead (its
      // log says why): the job has no stop offsets, so it ends CANCELLED, as the log line says —
      // never STOPPED with a resume point that the failed commit did not make true.
      await endAttempt(tx, attempt.id, "CANCELLED", now);
      if (job.status !== "CANCELLING") await setJobStatus(tx, locked, "CANCELLING");
      await setJobStatus(
        tx,
        locked,
        "CANCELLED",
        `Stopping with offsets failed for ${cancelled} of ${current.length} instance${current.length === 1 ? "" : "s"} (the final checkpoint could not be committed; see the log): cancelled instead, without stop offsets.`,
      );
      return;
    }
    const resumeFrom = mergeResumePoints(
      asResumePoint(run.resumeFrom),
      asResumePoint(run.checkpoint),
      ...current.map((s) => asResumePoint(s.resumePoint)),
    );
    await tx.job.update({
      where: { id: job.id },
      data: { resumeFrom: (resumeFrom ?? undefined) as Prisma.InputJsonValue | undefined },
    });
    await endAttempt(tx, attempt.id, "STOPPED", now);
    await setJobStatus(
      tx,
      locked,
      "STOPPED",
      resumeFrom
        ? "Stopped with offsets; a redeploy can resume from them."
        : "Stopped; no offsets were committed yet.",
    );
    return;
  }

  if (attempt.status !== "RUNNING") return;
  if (current.length > 0 && current.every((s) => s.status === "FINISHED")) {
    await endAttempt(tx, attempt.id, "FINISHED", now);
    if (job.status === "CREATED" || job.status === "RESTARTING")
      await setJobStatus(tx, locked, "STARTING");
    await setJobStatus(tx, locked, "FINISHED");
    return;
  }
  const started = current.filter(
    (s) => s.status === "CLAIMED" || s.status === "RUNNING" || s.status === "FINISHED",
  );
  if ((job.status === "CREATED" || job.status === "RESTARTING") && started.length > 0) {
    await setJobStatus(tx, locked, "STARTING");
  }
  if (
    job.status === "STARTING" &&
    current.every((s) => s.status === "RUNNING" || s.status === "FINISHED")
  ) {
    await setJobStatus(tx, locked, "RUNNING");
  }
}

/** Instances whose worker vanished while the job was being stopped: nobody will report them. */
async function markLost(tx: Tx, runId: string, now: Date): Promise<void> {
  await tx.jobInstance.updateMany({
    where: { attempt: { runId }, status: { in: ["CLAIMED", "RUNNING"] } },
    data: { status: "LOST", endedAt: now, workerId: null, leaseExpiresAt: null },
  });
}

async function endAttempt(tx: Tx, attemptId: string, status: string, now: Date): Promise<void> {
  await tx.jobAttempt.updateMany({
    where: { id: attemptId, status: "RUNNING" },
    data: { status, endedAt: now },
  });
}
