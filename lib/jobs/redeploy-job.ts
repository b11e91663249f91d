/**
 * Redeploy (or restart) a job that has ended: a new run from the last stop's offsets, from the
 * sources' startup modes, or from given offsets — optionally with new SQL or parallelism.
 */
import { Conflict } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ResumePoint } from "@/lib/runtime/job-runtime";
import { checkedRestartStrategy } from "./create-deployment";
import type { RedeployInput } from "./schemas";
import { isTerminal, transitionDesired } from "./job-status";
import { committedOffsetsOfJob, groupOffsetsResumePoint } from "./group-offsets-resume-point";
import { lockJob } from "./lock-job";
import { assertSecretScopes } from "@/lib/secrets/check-secret-scopes";
import { planForDeployment } from "./plan-sql";
import { recordLifecycleLog } from "./record-job-event";
import { asResumePoint } from "./resume-point";
import { setJobStatus } from "./set-job-status";
import { startRun } from "./start-run";
import { attachedClasses, deploymentResources } from "@/lib/resources/draft-resources";

export async function redeployJob(deploymentId: string, input: RedeployInput): Promise<void> {
  const plan =
    input.sql !== undefined
      ? planForDeployment(input.sql, {
          attached: attachedClasses(await deploymentResources(deploymentId)),
          engine: input.engine ?? "auto",
        })
      : undefined;
  if (input.sql !== undefined) checkedRestartStrategy(input.sql);
  await assertSecretScopes(plan?.script);
  // Read from Kafka before the transaction (which holds the job's lock).
  let fromGroups: ResumePoint | undefined;
  if (input.startFrom === "group-offsets") {
    fromGroups = plan
      ? await groupOffsetsResumePoint(deploymentId, plan.json)
      : await committedOffsetsOfJob(deploymentId);
  }
  await prisma().$transaction(async (tx) => {
    const job = await lockJob(tx, deploymentId);
    if (!isTerminal(job.deployment.status)) {
      throw new Conflict(
        `Job ${deploymentId} is ${job.deployment.status}; cancel it or stop it with offsets before redeploying.`,
      );
    }
    let resumeFrom: ResumePoint | undefined;
    if (input.startFrom === "last-stop") {
      resumeFrom = asResumePoint(job.deployment.resumeFrom);
      if (!resumeFrom) {
        throw new Conflict(
          `Job ${deploymentId} has no offsets from a stop to resume from; redeploy with startFrom "startup-mode" or with explicit offsets.`,
        );
      }
    } else if (input.startFrom === "group-offsets") {
      resumeFrom = fromGroups;
    } else if (input.startFrom !== "startup-mode") {
      resumeFrom = input.startFrom as ResumePoint;
    }
    const parallelism = input.parallelism ?? plan?.parallelism ?? job.deployment.parallelism;
    const desiredState =
      job.deployment.desiredState === "RUNNING"
        ? "RUNNING"
        : transitionDesired(job.deployment.desiredState, "RUNNING");
    await tx.deployment.update({
      where: { id: deploymentId },
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
    job.deployment.desiredState = desiredState;
    const { runId, attemptId } = await startRun(tx, deploymentId, {
      parallelism,
      resumeFrom,
      engine: plan?.engine ?? job.deployment.engine,
    });
    job.run = {
      id: runId,
      status: "CREATED",
      parallelism,
      resumeFrom: resumeFrom ?? null,
      checkpoint: null,
      restartState: null,
    };
    job.attempt = { id: attemptId, attemptNumber: 1, status: "RUNNING" };
    await setJobStatus(tx, job, "CREATED", "Redeployed.");
    await recordLifecycleLog(
      tx,
      deploymentId,
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
