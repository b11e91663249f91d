/**
 * What the embedded engine (lib/runtime) runs, as data — the one check that the validator, the
 * engine choice (lib/runtime/engine-choice.ts) and the runtime read, so that what validation
 * passes, an engine runs: a plan with an operator the embedded engine does not run goes to the
 * Flink engine (a validation warning says so, naming the capability), and the embedded runtime
 * refuses it with notSupportedMessage if such a plan reaches it anyway. When the engine learns an
 * operator, flip `runs` here and nothing else. Browser-safe.
 */
import { relInputs, type RelNode, type Rex } from "@/lib/sql/rel";

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
  OverAggregate: { capability: "OVER aggregation", runs: false },
  Correlate: { capability: "CROSS JOIN UNNEST", runs: true },
};

/**
 * Built-in functions the embedded engine cannot evaluate, because their value comes from state it
 * does not keep (the watermark), keyed by the function's name as a plan's Rex calls it.
 */
export const EMBEDDED_FUNCTIONS: Readonly<Record<string, OperatorCapability>> = {
  CURRENT_WATERMARK: { capability: "CURRENT_WATERMARK()", runs: false },
};

/** The capability a key of unsupportedOperator() names, in a user's words. */
export function capabilityOf(key: string): string {
  return (
    (EMBEDDED_ENGINE as Record<string, OperatorCapability>)[key]?.capability ??
    EMBEDDED_FUNCTIONS[key]?.capability ??
    key
  );
}

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
  // What runs is read from the table above, so the message never lags behind it.
  const runs = Object.values(EMBEDDED_ENGINE)
    .filter((c) => c.runs)
    .map((c) => c.capability);
  const list = `${runs.slice(0, -1).join(", ")} and ${runs.at(-1)}`;
  return `${capability} is not supported by the embedded engine yet; it runs ${list} between sources and sinks today.`;
}

/** The validator's note on a plan only Flink runs (deployed with engine 'auto' or 'flink'). */
export function runsOnFlinkMessage(capability: string): string {
  return `${capability} is not run by the embedded engine: this job runs on the Flink engine (engine 'auto' or 'flink'), which Tributary starts on first need.`;
}

/**
 * The first operator of the plan that the embedded engine does not run, or the name of a function
 * it does not evaluate (EMBEDDED_FUNCTIONS), if any; capabilityOf() says it in words.
 */
export function unsupportedOperator(rel: RelNode): string | undefined {
  if (!EMBEDDED_ENGINE[rel.kind].runs) return rel.kind;
  const fn = rexesOf(rel).map(unsupportedFunction).find(Boolean);
  if (fn) return fn;
  for (const input of relInputs(rel)) {
    const found = unsupportedOperator(input);
    if (found) return found;
  }
  return undefined;
}

/** The expressions a node evaluates itself (not its inputs'). */
function rexesOf(rel: RelNode): Rex[] {
  switch (rel.kind) {
    case "Calc":
      return rel.condition ? [...rel.projects, rel.condition] : rel.projects;
    case "Values":
      return rel.rows.flat();
    case "Join":
      return rel.condition ? [rel.condition] : [];
    case "Correlate":
      return [rel.unnest];
    default:
      return [];
  }
}

function unsupportedFunction(rex: Rex): string | undefined {
  if (rex.kind === "call") {
    if (EMBEDDED_FUNCTIONS[rex.op] && !EMBEDDED_FUNCTIONS[rex.op].runs) return rex.op;
    for (const o of rex.operands) {
      const found = unsupportedFunction(o);
      if (found) return found;
    }
  }
  if (rex.kind === "cast") return unsupportedFunction(rex.operand);
  if (rex.kind === "field") return unsupportedFunction(rex.operand);
  return undefined;
}
