/**
 * Deploys a script: validates it (plan-sql.ts) and its restart strategy, stores the job
 * with desired state RUNNING and status CREATED, and opens its first run for workers to claim.
 */
import { Invalid } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ResumePoint } from "@/lib/runtime/job-runtime";
import { jobConfiguration } from "./job-configuration";
import type { CreateJobInput } from "./schemas";
import { assertSecretScopes } from "@/lib/secrets/check-secret-scopes";
import { planForJob } from "./plan-sql";
import { recordJobEvent, recordLifecycleLog } from "./record-job-event";
import {
  describeStrategy,
  RestartStrategyConfigError,
  restartStrategyOf,
} from "./restart-strategy";
import { startRun } from "./start-run";
import {
  attachedClasses,
  listDraftResources,
  resourcesForDeploy,
} from "@/lib/resources/draft-resources";

/** Deploys for `ownerId`, the user who asked (recorded as the job's creator). */
export async function createJob(
  input: CreateJobInput,
  ownerId: string | null = null,
): Promise<{ id: string }> {
  const resources = await resourcesForDeploy(
    input.resourceIds ??
      (input.draftId ? (await listDraftResources(input.draftId)).map((r) => r.id) : []),
  );
  const plan = planForJob(input.sql, {
    attached: attachedClasses(resources),
    engine: input.engine ?? "auto",
  });
  const strategy = checkedRestartStrategy(input.sql);
  await assertSecretScopes(plan.script);
  const parallelism = input.parallelism ?? plan.parallelism ?? 1;
  return prisma().$transaction(async (tx) => {
    const job = await tx.job.create({
      data: {
        name: input.name,
        sql: input.sql,
        plan: plan.json as Prisma.InputJsonValue,
        parallelism,
        engine: plan.engine,
        engineReason: plan.engineReason,
        desiredState: "RUNNING",
        status: "CREATED",
        draftId: input.draftId,
        ownerId,
        draftVersion: input.draftId ? input.draftVersion : undefined,
        resources: { create: resources.map((r) => ({ resourceId: r.id })) },
      },
      select: { id: true },
    });
    await startRun(tx, job.id, {
      parallelism,
      engine: plan.engine,
      resumeFrom: input.resumeFrom as ResumePoint | undefined,
    });
    await recordJobEvent(tx, job.id, "status", {
      status: "CREATED",
      previous: null,
      desiredState: "RUNNING",
      attemptNumber: 1,
    });
    await recordLifecycleLog(
      tx,
      job.id,
      "INFO",
      `Job '${input.name}' deployed with parallelism ${parallelism} on the ${plan.engine} engine (${plan.engineReason}); restart strategy ${plan.engine === "flink" ? "applied by Flink" : describeStrategy(strategy)}` +
        (input.resumeFrom ? "; sources resume from the given offsets." : "."),
    );
    return job;
  });
}

/** The restart strategy is read again at each failure; a bad value must be refused at deploy time. */
export function checkedRestartStrategy(sql: string) {
  try {
    return restartStrategyOf(jobConfiguration(sql));
  } catch (e) {
    if (e instanceof RestartStrategyConfigError) throw new Invalid(e.message);
    throw e;
  }
}
