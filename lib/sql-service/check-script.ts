/**
 * Validation and explanation of a script for the API and the CLI, with the resources (custom
 * partitioner classes) the caller has attached.
 */
import { hasErrors, type Diagnostic } from "@/lib/sql/diagnostic";
import { validateScript } from "@/lib/sql/validate";
import { secretScopeDiagnostics } from "@/lib/secrets/check-secret-scopes";
import { explainPlan } from "@/lib/sql/plan";
import { missingTopicWarnings } from "./check-topics";
import type { AttachedStoreFile } from "@/lib/connectors/factory";
import { chooseEngine, explainEngine, type EngineChoice } from "@/lib/runtime/engine-choice";

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
}

export function checkScript(
  sql: string,
  partitionerClasses?: string[],
  otherClasses?: string[],
): CheckResult {
  const { diagnostics } = validateScript(sql, {
    attachedPartitionerClasses: partitionerClasses,
    attachedOtherClasses: otherClasses,
  });
  return { ok: !hasErrors(diagnostics), diagnostics };
}

/**
 * checkScript plus what only the server knows: the stored secrets' scopes and, when asked, the
 * topics missing on the console's cluster (check-topics.ts, bounded in time).
 */
export async function checkScriptOnServer(
  sql: string,
  opts: {
    partitionerClasses?: string[];
    otherClasses?: string[];
    storeFiles?: AttachedStoreFile[];
    checkTopics?: boolean;
  } = {},
): Promise<CheckResult> {
  const { diagnostics, script, plan } = validateScript(sql, {
    attachedPartitionerClasses: opts.partitionerClasses,
    attachedOtherClasses: opts.otherClasses,
    attachedStoreFiles: opts.storeFiles,
  });
  const all = [
    ...diagnostics,
    ...(script ? await secretScopeDiagnostics(script) : []),
    ...(opts.checkTopics && plan ? await missingTopicWarnings(plan) : []),
  ];
  all.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: !hasErrors(all), diagnostics: all };
}

export function explainScript(
  sql: string,
  opts: {
    partitionerClasses?: string[];
    jsPartitionerClasses?: string[];
    otherClasses?: string[];
    storeFiles?: AttachedStoreFile[];
    engine?: EngineChoice;
  } = {},
): CheckResult & { plan?: string; engine?: string; engineReason?: string } {
  const result = validateScript(sql, {
    attachedPartitionerClasses: opts.partitionerClasses,
    attachedOtherClasses: opts.otherClasses,
    attachedStoreFiles: opts.storeFiles,
  });
  const ok = !hasErrors(result.diagnostics);
  if (!ok || !result.plan) {
    // A plan no engine is asked to run (an error elsewhere) is still explained.
    const plan = result.plan ?? result.explainable;
    return { ok, diagnostics: result.diagnostics, ...(plan ? { plan: explainPlan(plan) } : {}) };
  }
  const js = new Set(opts.jsPartitionerClasses);
  const decision = chooseEngine(
    result.plan,
    opts.engine ?? "auto",
    new Map((opts.partitionerClasses ?? []).map((c) => [c, js.has(c) ? "JS" : "JAR"])),
  );
  return {
    ok,
    diagnostics: result.diagnostics,
    plan: `${explainPlan(result.plan)}\n${explainEngine(decision)}`,
    ...(decision.ok ? { engine: decision.engine } : {}),
    engineReason: decision.reason,
  };
}
