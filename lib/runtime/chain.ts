/**
 * Turns the relational tree between sources and sink into push functions: Calc evaluates its
 * condition and projections per row (Flink chains these into one task), Union merges inputs, a
 * WatermarkAssigner passes rows through (no event-time operator downstream needs it yet). Plans
 * with stateful operators are refused until the runtime has state.
 */
import type { RelNode, TableSourceScan, ValuesRel } from "@/lib/sql/rel";
import type { Value } from "@/lib/types/logical-type";
import { JobConfigurationError, RecordError } from "./failure";
import type { Downstream } from "./operators";
import { compileRex } from "./rex-eval";

export interface ChainLeaf {
  leaf: TableSourceScan | ValuesRel;
  push: Downstream;
}

const STATEFUL: Record<string, string> = {
  GroupAggregate: "GROUP BY aggregation",
  WindowAggregate: "window aggregation",
  WindowTableFunction: "window table function (TUMBLE/HOP/CUMULATE)",
};

/** Names the first stateful operator in the plan, if any. */
export function findStatefulOperator(rel: RelNode): string | undefined {
  if (rel.kind in STATEFUL) return rel.kind;
  if (rel.kind === "TableSourceScan" || rel.kind === "Values") return undefined;
  if (rel.kind === "Union") {
    for (const input of rel.inputs) {
      const found = findStatefulOperator(input);
      if (found) return found;
    }
    return undefined;
  }
  return findStatefulOperator(rel.input);
}

export function statefulRefusal(operator: string): JobConfigurationError {
  return new JobConfigurationError(
    `This job needs a stateful operator (${operator}: ${STATEFUL[operator]}), which Tributary's runtime does not run yet; only projections, filters and UNION ALL between sources and sinks run today.`,
  );
}

export function compileChain(rel: RelNode, downstream: Downstream): ChainLeaf[] {
  switch (rel.kind) {
    case "TableSourceScan":
    case "Values":
      return [{ leaf: rel, push: downstream }];
    case "WatermarkAssigner":
      return compileChain(rel.input, downstream);
    case "Union":
      return rel.inputs.flatMap((input) => compileChain(input, downstream));
    case "Calc": {
      const projects = rel.projects.map(compileRex);
      const condition = rel.condition ? compileRex(rel.condition) : undefined;
      const push: Downstream = (kind, row, coords) => {
        let out: Value[];
        try {
          if (condition && condition(row) !== true) return undefined;
          out = projects.map((f) => f(row));
        } catch (error) {
          throw new RecordError(`Could not evaluate the query for a row: ${error instanceof Error ? error.message : String(error)}`, coords, error);
        }
        return downstream(kind, out, coords);
      };
      return compileChain(rel.input, push);
    }
    default:
      throw statefulRefusal(rel.kind);
  }
}
