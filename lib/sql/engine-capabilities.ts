/**
 * What the embedded engine (lib/runtime) runs, as data — the one check that the validator, the
 * engine choice (lib/runtime/engine-choice.ts) and the runtime read, so that what validation
 * passes, an engine runs: a plan with an operator the embedded engine does not run goes to the
 * Flink engine (a validation warning says so, naming the capability), and the embedded runtime
 * refuses it with notSupportedMessage if such a plan reaches it anyway. When the engine learns an
 * operator, flip `runs` here and nothing else. Browser-safe.
 */
import { relInputs, type RelNode } from "@/lib/sql/rel";

type Operator = RelNode["kind"];

export interface OperatorCapability {
  /** The capability in a user's words ("GROUP BY aggregation"). */
  capability: string;
  /** Whether lib/runtime executes the operator today. */
  runs: boolean;
}

export const EMBEDDED_ENGINE: Readonly<Record<Operator, OperatorCapability>> = {
  TableSourceScan: { capability: "table scan", runs: true },
  Values: { capability: "VALUES", runs: true },
  Calc: { capability: "projection and filter", runs: true },
  WatermarkAssigner: { capability: "watermark assignment", runs: true },
  Union: { capability: "UNION ALL", runs: true },
  GroupAggregate: { capability: "GROUP BY aggregation", runs: false },
  WindowAggregate: { capability: "window aggregation", runs: false },
  WindowTableFunction: { capability: "window table function (TUMBLE/HOP/CUMULATE)", runs: false },
  Join: { capability: "JOIN", runs: false },
  Rank: { capability: "OVER window (Top-N / deduplication)", runs: false },
  Correlate: { capability: "CROSS JOIN UNNEST", runs: true },
};

/**
 * Which engine runs a custom partitioner of each resource kind (lib/resources): the embedded engine
 * runs both; Flink loads partitioner classes from JARs only (the Flink engine ADDs JAR the job's
 * attached JARs), so a JavaScript partitioner keeps its job on the embedded engine.
 */
export const CUSTOM_PARTITIONER_ENGINES: Readonly<
  Record<"JAR" | "JS", { embedded: boolean; flink: boolean; what: string }>
> = {
  JAR: { embedded: true, flink: true, what: "a JAR partitioner" },
  JS: { embedded: true, flink: false, what: "a JavaScript partitioner" },
};

/** Why Flink cannot run a sink's custom partitioner of this kind. */
export function partitionerNotOnFlinkMessage(
  sink: string,
  className: string,
  kind: keyof typeof CUSTOM_PARTITIONER_ENGINES,
): string {
  return `the sink ${sink}'s sink.partitioner '${className}' is ${CUSTOM_PARTITIONER_ENGINES[kind].what}, which only the embedded engine runs (Flink loads partitioner classes from JARs)`;
}

/** "X is not supported by the embedded engine yet" — the validator's error and the runtime's refusal. */
export function notSupportedMessage(capability: string): string {
  return `${capability} is not supported by the embedded engine yet; only projections, filters, VALUES, UNION ALL and CROSS JOIN UNNEST between sources and sinks run today.`;
}

/** The validator's note on a plan only Flink runs (deployed with engine 'auto' or 'flink'). */
export function runsOnFlinkMessage(capability: string): string {
  return `${capability} is not run by the embedded engine: this job runs on the Flink engine (engine 'auto' or 'flink'), which Tributary starts on first need.`;
}

/** The first operator of the plan that the embedded engine does not run, if any. */
export function unsupportedOperator(rel: RelNode): Operator | undefined {
  if (!EMBEDDED_ENGINE[rel.kind].runs) return rel.kind;
  for (const input of relInputs(rel)) {
    const found = unsupportedOperator(input);
    if (found) return found;
  }
  return undefined;
}
