/**
 * Validation and explanation of a script for the API and the CLI, with the resources (custom
 * partitioner classes) the caller has attached.
 */
import { z } from "zod";
import { hasErrors, type Diagnostic } from "@/lib/sql/diagnostic";
import { validateScript } from "@/lib/sql/validate";
import { explainPlan } from "@/lib/sql/plan";
import { MAX_SQL_LENGTH } from "@/lib/drafts/draft-schemas";

export const checkScriptInput = z.object({
  sql: z.string().max(MAX_SQL_LENGTH, `must be at most ${MAX_SQL_LENGTH} characters`),
  /** Class names of custom partitioners the job will have attached. */
  partitionerClasses: z.array(z.string().min(1)).optional(),
  /** Also warn about topics missing on the console's cluster (check-topics.ts, bounded in time). */
  checkTopics: z.boolean().optional(),
});

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
}

export function checkScript(sql: string, partitionerClasses?: string[]): CheckResult {
  const { diagnostics } = validateScript(sql, { attachedPartitionerClasses: partitionerClasses });
  return { ok: !hasErrors(diagnostics), diagnostics };
}

export function explainScript(
  sql: string,
  partitionerClasses?: string[],
): CheckResult & { plan?: string } {
  const result = validateScript(sql, { attachedPartitionerClasses: partitionerClasses });
  const ok = !hasErrors(result.diagnostics);
  return {
    ok,
    diagnostics: result.diagnostics,
    ...(ok && result.plan ? { plan: explainPlan(result.plan) } : {}),
  };
}
