/**
 * THE engine decision for a deployment: `embedded` (Tributary's workers), `flink` (a Flink
 * cluster through its SQL Gateway), or `auto` — embedded when the embedded engine runs every
 * statement of the script (the runtime's own stateful-operator check, chain.ts), else Flink.
 * Browser-safe: the editor, EXPLAIN, the deploy route and the CLI all ask this one function.
 */
import type { Plan } from "@/lib/sql/plan";
// engine-capabilities, not ./chain: chain reaches kafkajs (through ./failure), which the browser
// bundle of the deploy dialog cannot hold.
import { EMBEDDED_ENGINE, unsupportedOperator } from "@/lib/sql/engine-capabilities";

export const ENGINE_CHOICES = ["embedded", "flink", "auto"] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];
export type Engine = Exclude<EngineChoice, "auto">;

export type EngineDecision =
  { ok: true; engine: Engine; reason: string } | { ok: false; reason: string };

/** What keeps the embedded engine from running the plan (the first stateful operator), if anything. */
export function embeddedRefusal(plan: Plan): string | undefined {
  for (const job of plan.jobs) {
    for (const insert of job.inserts) {
      const stateful = unsupportedOperator(insert.query);
      if (stateful)
        return `the INSERT INTO ${insert.sink.path.at(-1)} needs a ${EMBEDDED_ENGINE[stateful].capability} (${stateful}), which only Flink runs`;
    }
  }
  return undefined;
}

export function chooseEngine(plan: Plan, requested: EngineChoice = "auto"): EngineDecision {
  const refusal = embeddedRefusal(plan);
  if (requested === "flink")
    return { ok: true, engine: "flink", reason: "engine 'flink' was asked for." };
  if (requested === "embedded") {
    return refusal
      ? {
          ok: false,
          reason: `The embedded engine cannot run this script (${refusal}); deploy it with engine 'flink' or 'auto'.`,
        }
      : { ok: true, engine: "embedded", reason: "engine 'embedded' was asked for." };
  }
  return refusal
    ? {
        ok: true,
        engine: "flink",
        reason: `auto: the embedded engine cannot run every statement (${refusal}).`,
      }
    : {
        ok: true,
        engine: "embedded",
        reason:
          "auto: the embedded engine runs every statement (projections, filters and UNION ALL only).",
      };
}

/** The plan text's engine section (EXPLAIN, `tributary explain`). */
export function explainEngine(decision: EngineDecision): string {
  return decision.ok
    ? `== Engine ==\n${decision.engine}: ${decision.reason}\n`
    : `== Engine ==\nnone: ${decision.reason}\n`;
}

/** Each choice the deploy dialog offers, with what it decides for this plan (and why, or why not). */
export function engineOptions(
  plan: Plan,
): Array<{ choice: EngineChoice; decision: EngineDecision }> {
  return (["auto", "embedded", "flink"] as const).map((choice) => ({
    choice,
    decision: chooseEngine(plan, choice),
  }));
}
