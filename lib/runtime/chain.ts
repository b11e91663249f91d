/**
 * Turns the relational tree between sources and sink into push functions: Calc evaluates its
 * condition and projections per row with lib/sql/evaluate (Flink chains these into one task),
 * Union merges inputs, a WatermarkAssigner passes rows through (no event-time operator
 * downstream needs it yet). Plans with stateful operators are refused until the runtime has state.
 */
import {
  capabilityOf,
  notSupportedMessage,
  unsupportedOperator,
} from "@/lib/sql/engine-capabilities";
import { evaluate, type EvalContext } from "@/lib/sql/evaluate";
import type { Calc, RelNode, Rex, TableSourceScan, ValuesRel } from "@/lib/sql/rel";
import { MapValue, type LogicalType, type Value } from "@/lib/types/logical-type";
import { JobConfigurationError, RecordError } from "./failure";
import type { Downstream } from "./operators";

export interface ChainLeaf {
  leaf: TableSourceScan | ValuesRel;
  push: Downstream;
}

/** Names the first operator in the plan that the embedded engine does not run, if any. */
export function findStatefulOperator(rel: RelNode): string | undefined {
  return unsupportedOperator(rel);
}

/** The kind of operator the embedded engine does not run, in words, e.g. "GROUP BY aggregation". */
export function describeStatefulOperator(operator: string): string {
  return capabilityOf(operator);
}

/** The runtime's refusal, in the validator's words (lib/sql/engine-capabilities). */
export function statefulRefusal(operator: string): JobConfigurationError {
  return new JobConfigurationError(notSupportedMessage(capabilityOf(operator)));
}

/** The leaves compileChain gives push functions to, in the same order. */
export function chainLeaves(rel: RelNode): Array<TableSourceScan | ValuesRel> {
  switch (rel.kind) {
    case "TableSourceScan":
    case "Values":
      return [rel];
    case "WatermarkAssigner":
    case "Correlate":
    case "Calc":
      return chainLeaves(rel.input);
    case "Union":
      return rel.inputs.flatMap(chainLeaves);
    default:
      throw statefulRefusal(rel.kind);
  }
}

export function compileChain(rel: RelNode, downstream: Downstream, ctx: EvalContext): ChainLeaf[] {
  switch (rel.kind) {
    case "TableSourceScan":
    case "Values":
      return [{ leaf: rel, push: downstream }];
    case "WatermarkAssigner":
      return compileChain(rel.input, downstream, ctx);
    case "Union":
      return rel.inputs.flatMap((input) => compileChain(input, downstream, ctx));
    case "Correlate":
      return compileChain(rel.input, unnestPush(rel.unnest, downstream, ctx), ctx);
    case "Calc": {
      const calc = mergeProjection(rel);
      return compileChain(
        calc.input,
        calcPush(calc.projects, calc.condition, downstream, ctx),
        ctx,
      );
    }
    default:
      throw statefulRefusal(rel.kind);
  }
}

/** A row-level evaluation failure (bad CAST, division by zero), reported with the record's coordinates. */
export function evaluationFailure(
  error: unknown,
  coords: ConstructorParameters<typeof RecordError>[1],
): RecordError {
  return new RecordError(
    `Could not evaluate the query for a record: ${error instanceof Error ? error.message : String(error)}`,
    coords,
    error,
  );
}

/**
 * CROSS JOIN UNNEST: each row is followed by one row per element of its collection (a ROW
 * element spreads into its fields, a MAP entry into key and value); an empty or NULL collection
 * yields no row, as Flink's inner correlate.
 */
function unnestPush(collection: Rex, downstream: Downstream, ctx: EvalContext): Downstream {
  const rowElements =
    collection.type.kind !== "MAP" &&
    (collection.type as { element?: LogicalType }).element?.kind === "ROW";
  return (kind, row, coords) => {
    let value: Value;
    try {
      value = evaluate(collection, row, ctx);
    } catch (error) {
      throw evaluationFailure(error, coords);
    }
    if (value === null) return undefined;
    const elements: Value[][] =
      value instanceof MapValue
        ? value.entries.map(([k, v]) => [k, v])
        : (value as Value[]).map((e) => (rowElements ? ((e as Value[] | null) ?? []) : [e]));
    let pending: Promise<void>[] | undefined;
    for (const element of elements) {
      const bp = downstream(kind, [...row, ...element], coords);
      if (bp) (pending ??= []).push(bp);
    }
    return pending && Promise.all(pending).then(() => undefined);
  };
}

function calcPush(
  projects: readonly Rex[],
  condition: Rex | undefined,
  downstream: Downstream,
  ctx: EvalContext,
): Downstream {
  const project = projection(projects, ctx);
  if (!condition) {
    return (kind, row, coords) => {
      let out: Value[];
      try {
        out = project(row);
      } catch (error) {
        throw evaluationFailure(error, coords);
      }
      return downstream(kind, out, coords);
    };
  }
  return (kind, row, coords) => {
    let out: Value[];
    try {
      if (evaluate(condition, row, ctx) !== true) return undefined;
      out = project(row);
    } catch (error) {
      throw evaluationFailure(error, coords);
    }
    return downstream(kind, out, coords);
  };
}

/**
 * The projection as cheap as its expressions allow: column references and literals are copied
 * without going through evaluate, which only sees real computations.
 */
function projection(projects: readonly Rex[], ctx: EvalContext): (row: Value[]) => Value[] {
  const n = projects.length;
  const columns = projects.map(columnReference);
  if (columns.every((c) => c !== undefined)) {
    const indexes = columns as number[];
    if (indexes.every((index, i) => index === i))
      return (row) => (row.length === n ? row : row.slice(0, n));
    return (row) => {
      const out = new Array<Value>(n);
      for (let i = 0; i < n; i++) out[i] = row[indexes[i]] ?? null;
      return out;
    };
  }
  const steps = projects.map((p): ((row: Value[]) => Value) => {
    const column = columnReference(p);
    if (column !== undefined) return (row) => row[column] ?? null;
    const constant = constantValue(p, ctx);
    if (constant) {
      const value = constant.value;
      return () => value;
    }
    return (row) => evaluate(p, row, ctx);
  });
  return (row) => {
    const out = new Array<Value>(n);
    for (let i = 0; i < n; i++) out[i] = steps[i](row);
    return out;
  };
}

/** The input column a projection copies unchanged (directly or through an identity CAST), if it does. */
function columnReference(rex: Rex): number | undefined {
  if (rex.kind === "input") return rex.index;
  if (
    rex.kind === "cast" &&
    rex.operand.kind === "input" &&
    isIdentityCast(rex.operand.type, rex.type)
  )
    return rex.operand.index;
  return undefined;
}

/**
 * Folds a Calc that only reorders columns or adds constants (no filter) into the Calc above it,
 * as Flink's CalcMergeRule does, so a row is projected once instead of twice.
 */
function mergeProjection(calc: Calc): Calc {
  const inner = calc.input;
  if (inner.kind !== "Calc" || inner.condition) return calc;
  if (!inner.projects.every((p) => p.kind === "input" || p.kind === "literal")) return calc;
  const merged: Calc = {
    ...calc,
    input: inner.input,
    projects: calc.projects.map((p) => substituteInputs(p, inner.projects)),
  };
  if (calc.condition) merged.condition = substituteInputs(calc.condition, inner.projects);
  return mergeProjection(merged);
}

function substituteInputs(rex: Rex, inputs: readonly Rex[]): Rex {
  switch (rex.kind) {
    case "input":
      return inputs[rex.index];
    case "literal":
      return rex;
    case "cast":
      return { ...rex, operand: substituteInputs(rex.operand, inputs) };
    case "field":
      return { ...rex, operand: substituteInputs(rex.operand, inputs) };
    case "call":
      return { ...rex, operands: rex.operands.map((o) => substituteInputs(o, inputs)) };
  }
}

/** A CAST that cannot change a value: only nullability differs, or a string widens to a longer VARCHAR. */
function isIdentityCast(from: LogicalType, to: LogicalType): boolean {
  if ((from.kind === "CHAR" || from.kind === "VARCHAR") && to.kind === "VARCHAR")
    return to.length >= from.length;
  const strip = (t: LogicalType) => JSON.stringify({ ...t, nullable: true });
  return strip(from) === strip(to);
}

/**
 * A literal, or a CAST of one (the planner casts literals to the sink's column types): its value,
 * computed once. A cast that fails is left to run per record, so its error names the record.
 */
function constantValue(rex: Rex, ctx: EvalContext): { value: Value } | undefined {
  if (rex.kind === "literal") return { value: rex.value };
  if (rex.kind !== "cast" || !constantValue(rex.operand, ctx)) return undefined;
  try {
    return { value: evaluate(rex, [], ctx) };
  } catch {
    return undefined;
  }
}
