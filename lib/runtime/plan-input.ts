/**
 * The one adapter between lib/sql/plan.ts and the runtime: accepts the plan as the lifecycle
 * stores it (a Plan object, or its JSON from planToJson) and lists the INSERTs to run with the
 * job settings that apply to them.
 */
import { planFromJson, type InsertPlan, type JobPlan, type Plan } from "@/lib/sql/plan";
import type { JobSettings } from "@/lib/sql/settings";
import { JobConfigurationError } from "./failure";

export interface RuntimeInsert {
  insert: InsertPlan;
  settings: JobSettings;
  jobName: string;
}

export function readPlan(plan: unknown): RuntimeInsert[] {
  const value = typeof plan === "string" ? planFromJson(plan) : plan;
  const jobs: JobPlan[] =
    value && typeof value === "object" && Array.isArray((value as Plan).jobs)
      ? (value as Plan).jobs
      : value && typeof value === "object" && Array.isArray((value as JobPlan).inserts)
        ? [value as JobPlan]
        : [];
  const inserts = jobs.flatMap((job) =>
    job.inserts.map((insert) => ({ insert, settings: job.settings, jobName: job.name })),
  );
  if (inserts.length === 0) {
    throw new JobConfigurationError(
      "The script has no INSERT INTO statement, so there is no job to run.",
    );
  }
  for (const { insert } of inserts) {
    for (const table of [insert.sink, ...insert.sources]) {
      if (!table.resolved) {
        throw new JobConfigurationError(
          `Table '${table.path.join(".")}' has no validated connector settings; validate the script before running it.`,
        );
      }
    }
  }
  return inserts;
}
