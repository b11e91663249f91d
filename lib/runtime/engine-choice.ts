/**
 * THE engine decision for a job: `embedded` (Tributary's workers), `flink` (a Flink
 * cluster through its SQL Gateway), or `auto` — embedded when the embedded engine runs every
 * statement of the script (the runtime's own stateful-operator check, chain.ts), else Flink.
 * Browser-safe: the editor, EXPLAIN, the deploy route and the CLI all ask this one function.
 */
import type { Plan } from "@/lib/sql/plan";
// engine-capabilities, not ./chain: chain reaches kafkajs (through ./failure), which the browser
// bundle of the deploy dialog cannot hold.
import {
  CUSTOM_PARTITIONER_ENGINES,
  capabilityOf,
  partitionerNotOnFlinkMessage,
  unsupportedOperator,
} from "@/lib/sql/engine-capabilities";
import { SINK_PARTITIONER_OPTION } from "@/lib/partitioners/registry";
import { attachedFileName } from "@/lib/resources/resource-kind";

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
        return `the INSERT INTO ${insert.sink.path.at(-1)} needs a ${capabilityOf(stateful)} (${stateful}), which only Flink runs`;
    }
  }
  return undefined;
}

/** The kind of each attached custom partitioner, by the name sink.partitioner gives it. */
export type PartitionerKinds = ReadonlyMap<string, keyof typeof CUSTOM_PARTITIONER_ENGINES>;

/**
 * What keeps Flink from running the plan, if anything: a sink's partitioner only the embedded
 * engine runs, or a table naming an attached key or trust store (`/flink/usrlib/<file>`), which
 * only the embedded engine's workers copy out today — the Flink engine's cluster has no such file.
 */
export function flinkRefusal(plan: Plan, partitioners: PartitionerKinds): string | undefined {
  for (const job of plan.jobs) {
    for (const insert of job.inserts) {
      for (const table of [insert.sink, ...insert.sources]) {
        const option = table.definition.options.find(
          (o) =>
            /^properties\.ssl\.(trust|key)store\.location$/.test(o.key) &&
            attachedFileName(o.value) !== undefined,
        );
        if (option)
          return `the table ${table.path.at(-1)}'s '${option.key}' names an attached store ('${option.value}'), which only the embedded engine reads (the Flink engine does not copy stores to its cluster yet)`;
      }
      const className = insert.sink.definition.options.find(
        (o) => o.key === SINK_PARTITIONER_OPTION,
      )?.value;
      const kind = className === undefined ? undefined : partitioners.get(className);
      if (kind && !CUSTOM_PARTITIONER_ENGINES[kind].flink)
        return partitionerNotOnFlinkMessage(insert.sink.path.at(-1)!, className!, kind);
    }
  }
  return undefined;
}

export function chooseEngine(
  plan: Plan,
  requested: EngineChoice = "auto",
  partitioners: PartitionerKinds = new Map(),
): EngineDecision {
  const refusal = embeddedRefusal(plan);
  const flinkCannot = flinkRefusal(plan, partitioners);
  if (refusal && flinkCannot)
    return {
      ok: false,
      reason: `No engine runs this script: ${refusal}, and ${flinkCannot}${flinkCannot.includes("partitioner") ? "; attach a JAR partitioner instead" : ""}.`,
    };
  if (requested === "flink")
    return flinkCannot
      ? {
          ok: false,
          reason: `The Flink engine cannot run this script (${flinkCannot}); deploy it with engine 'embedded' or 'auto'${flinkCannot.includes("partitioner") ? ", or attach a JAR partitioner" : ""}.`,
        }
      : { ok: true, engine: "flink", reason: "engine 'flink' was asked for." };
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
        reason: flinkCannot
          ? `auto: the embedded engine runs every statement, and ${flinkCannot}.`
          : "auto: the embedded engine runs every statement (projections, filters and UNION ALL only).",
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
  partitioners: PartitionerKinds = new Map(),
): Array<{ choice: EngineChoice; decision: EngineDecision }> {
  return (["auto", "embedded", "flink"] as const).map((choice) => ({
    choice,
    decision: chooseEngine(plan, choice, partitioners),
  }));
}
