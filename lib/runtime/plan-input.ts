/**
 * The one adapter between lib/sql/plan.ts and the runtime: lists a plan's INSERTs to run with the
 * job settings that apply to them, and refuses a plan that is not runnable.
 */
import type { InsertPlan, Plan } from "@/lib/sql/plan";
import type { JobSettings } from "@/lib/sql/settings";
import { JobConfigurationError } from "./failure";

export interface RuntimeInsert {
  insert: InsertPlan;
  settings: JobSettings;
  jobName: string;
}

export function readPlan(plan: Plan): RuntimeInsert[] {
  const inserts = plan.jobs.flatMap((job) =>
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
