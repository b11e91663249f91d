/**
 * Validation and explanation of a script for the API and the CLI, with the resources (custom
 * partitioner classes) the caller has attached.
 */
import { z } from "zod";
import { hasErrors, type Diagnostic } from "@/lib/sql/diagnostic";
import { validateScript } from "@/lib/sql/validate";
import { explainPlan } from "@/lib/sql/plan";
import { MAX_SQL_LENGTH } from "@/lib/drafts/draft-schemas";
import {
  chooseEngine,
  ENGINE_CHOICES,
  explainEngine,
  type EngineChoice,
} from "@/lib/runtime/engine-choice";

export const checkScriptInput = z.object({
  sql: z.string().max(MAX_SQL_LENGTH, `must be at most ${MAX_SQL_LENGTH} characters`),
  /** Class names of custom partitioners the job will have attached. */
  partitionerClasses: z.array(z.string().min(1)).optional(),
  /** The engine the plan is explained for (default auto: the plan says which and why). */
  engine: z.enum(ENGINE_CHOICES).optional(),
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
  engine: EngineChoice = "auto",
): CheckResult & { plan?: string; engine?: string; engineReason?: string } {
  const result = validateScript(sql, { attachedPartitionerClasses: partitionerClasses });
  const ok = !hasErrors(result.diagnostics);
  if (!ok || !result.plan) return { ok, diagnostics: result.diagnostics };
  const decision = chooseEngine(result.plan, engine);
  return {
    ok,
    diagnostics: result.diagnostics,
    plan: `${explainPlan(result.plan)}\n${explainEngine(decision)}`,
    ...(decision.ok ? { engine: decision.engine } : {}),
    engineReason: decision.reason,
  };
}
