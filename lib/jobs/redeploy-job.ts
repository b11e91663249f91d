/**
 * Redeploy (or restart) a job that has ended: a new run from the last stop's offsets, from the
 * sources' startup modes, or from given offsets — optionally with new SQL or parallelism.
 */
import { Conflict } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ResumePoint } from "@/lib/runtime/job-runtime";
import { checkedRestartStrategy } from "./create-job";
import type { RedeployInput } from "./schemas";
import { isTerminal, transitionDesired } from "./job-status";
import { committedOffsetsOfJob, groupOffsetsResumePoint } from "./group-offsets-resume-point";
import { lockJob } from "./lock-job";
import { assertSecretScopes } from "@/lib/secrets/check-secret-scopes";
import { planForJob } from "./plan-sql";
import { recordLifecycleLog } from "./record-job-event";
import { asResumePoint } from "./resume-point";
import { setJobStatus } from "./set-job-status";
import { startRun } from "./start-run";
import { attachedClasses, jobResources } from "@/lib/resources/draft-resources";

export async function redeployJob(jobId: string, input: RedeployInput): Promise<void> {
  const plan =
    input.sql !== undefined
      ? planForJob(input.sql, {
          attached: attachedClasses(await jobResources(jobId)),
          engine: input.engine ?? "auto",
        })
      : undefined;
  if (input.sql !== undefined) checkedRestartStrategy(input.sql);
  await assertSecretScopes(plan?.script);
  // Read from Kafka before the transaction (which holds the job's lock).
  let fromGroups: ResumePoint | undefined;
  if (input.startFrom === "group-offsets") {
    fromGroups = plan
      ? await groupOffsetsResumePoint(jobId, plan.json)
      : await committedOffsetsOfJob(jobId);
  }
  await prisma().$transaction(async (tx) => {
    const locked = await lockJob(tx, jobId);
    if (!isTerminal(locked.job.status)) {
      throw new Conflict(
        `Job ${jobId} is ${locked.job.status}; cancel it or stop it with offsets before redeploying.`,
      );
    }
    let resumeFrom: ResumePoint | undefined;
    if (input.startFrom === "last-stop") {
      resumeFrom = asResumePoint(locked.job.resumeFrom);
      if (!resumeFrom) {
        throw new Conflict(
          `Job ${jobId} has no offsets from a stop to resume from; redeploy with startFrom "startup-mode" or with explicit offsets.`,
        );
      }
    } else if (input.startFrom === "group-offsets") {
      resumeFrom = fromGroups;
    } else if (input.startFrom !== "startup-mode") {
      resumeFrom = input.startFrom as ResumePoint;
    }
    const parallelism = input.parallelism ?? plan?.parallelism ?? locked.job.parallelism;
    const desiredState =
      locked.job.desiredState === "RUNNING"
        ? "RUNNING"
        : transitionDesired(locked.job.desiredState, "RUNNING");
    await tx.job.update({
      where: { id: jobId },
      data: {
        desiredState,
        parallelism,
        ...(plan
          ? {
              sql: input.sql,
              plan: plan.json as Prisma.InputJsonValue,
              engine: plan.engine,
              engineReason: plan.engineReason,
            }
          : {}),
      },
    });
    locked.job.desiredState = desiredState;
    const { runId, attemptId } = await startRun(tx, jobId, {
      parallelism,
      resumeFrom,
      engine: plan?.engine ?? locked.job.engine,
    });
    locked.run = {
      id: runId,
      status: "CREATED",
      parallelism,
      resumeFrom: resumeFrom ?? null,
      checkpoint: null,
      restartState: null,
    };
    locked.attempt = { id: attemptId, attemptNumber: 1, status: "RUNNING" };
    await setJobStatus(tx, locked, "CREATED", "Redeployed.");
    await recordLifecycleLog(
      tx,
      jobId,
      "INFO",
      `Redeployed with parallelism ${parallelism}, ` +
        (resumeFrom?.savepointPath
          ? `restoring Flink savepoint ${resumeFrom.savepointPath}.`
          : resumeFrom
            ? `resuming from offsets recorded at ${resumeFrom.recordedAt}.`
            : "sources from their startup modes."),
    );
  });
}
