/**
 * What the embedded engine (lib/runtime) runs, as data — the one check that both the validator
 * and the runtime read, so that what validation passes, an engine runs: a plan with an operator
 * the engine does not run is a validation error naming the capability, and the same text is the
 * runtime's refusal if such a plan reaches a worker anyway. When the engine learns an operator,
 * flip `runs` here and nothing else. Browser-safe.
 */
import type { RelNode } from "@/lib/sql/rel";

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
};

/** Query features that the validator refuses before any plan exists (see the parser). */
export const UNPLANNED_FEATURES = {
  JOIN: "JOIN",
  OVER: "OVER windows",
  ORDER_BY: "ORDER BY / LIMIT",
  SUBQUERY: "subqueries in expressions",
} as const;

/** "X is not supported by the embedded engine yet" — the validator's error and the runtime's refusal. */
export function notSupportedMessage(capability: string): string {
  return `${capability} is not supported by the embedded engine yet; only projections, filters, VALUES and UNION ALL between sources and sinks run today.`;
}

/** The first operator of the plan that the embedded engine does not run, if any. */
export function unsupportedOperator(rel: RelNode): Operator | undefined {
  if (!EMBEDDED_ENGINE[rel.kind].runs) return rel.kind;
  if (rel.kind === "TableSourceScan" || rel.kind === "Values") return undefined;
  if (rel.kind === "Union") {
    for (const input of rel.inputs) {
      const found = unsupportedOperator(input);
      if (found) return found;
    }
    return undefined;
  }
  return unsupportedOperator(rel.input);
}
