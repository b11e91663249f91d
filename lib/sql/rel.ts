/**
 * The relational form of a query after validation, shaped like Flink's physical plan nodes so
 * that EXPLAIN reads like Flink's and the runtime can execute it: expressions (Rex) are typed and
 * refer to input columns by index.
 */
import type { SourceSpan } from "@/lib/sql/diagnostic";
import type { LogicalType, Value } from "@/lib/types/logical-type";

export interface RelField {
  name: string;
  type: LogicalType;
  /** Time attributes print as `*ROWTIME*` / `*PROCTIME*` in schemas, as Flink's do. */
  timeAttribute?: "rowtime" | "proctime";
}

export type Rex = RexInput | RexLiteral | RexCall | RexCast | RexFieldAccess;

export interface RexInput {
  kind: "input";
  index: number;
  name: string;
  type: LogicalType;
  span?: SourceSpan;
}

export interface RexLiteral {
  kind: "literal";
  value: Value;
  type: LogicalType;
  span?: SourceSpan;
}

/**
 * An operator or function application. `op` is the function name (`UPPER`, `COALESCE`, …) or an
 * operator: + - * / % || = <> < <= > >= AND OR NOT NEG IS_NULL IS_NOT_NULL IS_TRUE IS_NOT_TRUE
 * IS_FALSE IS_NOT_FALSE BETWEEN NOT_BETWEEN IN NOT_IN LIKE NOT_LIKE CASE ROW ARRAY MAP ITEM.
 * CASE operands are [when1, then1, when2, then2, …, else].
 */
export interface RexCall {
  kind: "call";
  op: string;
  operands: Rex[];
  type: LogicalType;
  /** TRIM's mode. */
  trimMode?: "BOTH" | "LEADING" | "TRAILING";
  span?: SourceSpan;
}

export interface RexCast {
  kind: "cast";
  operand: Rex;
  type: LogicalType;
  /** TRY_CAST: a failed conversion yields NULL instead of an error. */
  safe: boolean;
  span?: SourceSpan;
}

export interface RexFieldAccess {
  kind: "field";
  operand: Rex;
  index: number;
  name: string;
  type: LogicalType;
  span?: SourceSpan;
}

export interface WindowSpec {
  fn: "TUMBLE" | "HOP" | "CUMULATE";
  /** Index of the time attribute column in the window function's input. */
  timeIndex: number;
  /** Its name, for EXPLAIN. */
  timeColumn: string;
  /** Window size in milliseconds. */
  sizeMs: number;
  /** HOP's slide or CUMULATE's step, in milliseconds. */
  slideMs?: number;
  offsetMs?: number;
}

export interface AggCall {
  /** The aggregate function's name as lib/sql/functions.ts registers it (COUNT, LISTAGG, …). */
  fn: string;
  /** Input column indexes; empty for COUNT(*). */
  args: number[];
  distinct: boolean;
  type: LogicalType;
  name: string;
}

export interface TableSourceScan {
  kind: "TableSourceScan";
  /** [catalog, database, table] */
  path: string[];
  fields: RelField[];
}

export interface ValuesRel {
  kind: "Values";
  rows: Rex[][];
  fields: RelField[];
}

export interface Calc {
  kind: "Calc";
  input: RelNode;
  projects: Rex[];
  condition?: Rex;
  fields: RelField[];
}

export interface WatermarkAssigner {
  kind: "WatermarkAssigner";
  input: RelNode;
  rowtimeIndex: number;
  watermark: Rex;
  fields: RelField[];
}

export interface WindowTableFunction {
  kind: "WindowTableFunction";
  input: RelNode;
  window: WindowSpec;
  fields: RelField[];
}

export interface GroupAggregate {
  kind: "GroupAggregate";
  input: RelNode;
  groupKeys: number[];
  /** GROUPING SETS / ROLLUP / CUBE: the sets of groupKeys' positions (absent: one full set). */
  groupingSets?: number[][];
  aggCalls: AggCall[];
  fields: RelField[];
}

/** A GROUP BY window_start, window_end over a window TVF: emits once per window, insert-only. */
export interface WindowAggregate {
  kind: "WindowAggregate";
  input: RelNode;
  window: WindowSpec;
  groupKeys: number[];
  aggCalls: AggCall[];
  fields: RelField[];
}

export interface UnionRel {
  kind: "Union";
  inputs: RelNode[];
  fields: RelField[];
}

/** A regular join (Flink's Join / StreamPhysicalJoin): both inputs are kept in state. */
export interface JoinRel {
  kind: "Join";
  joinType: "INNER" | "LEFT" | "RIGHT" | "FULL";
  inputs: [RelNode, RelNode];
  condition?: Rex;
  /**
   * An interval join (Flink's IntervalJoin): the condition bounds `left.time - right.time` to
   * [lower, upper] milliseconds (inclusive) on time attributes of the same kind on both sides.
   * It emits inserts only and keeps both sides' time attributes.
   */
  interval?: {
    rowtime: boolean;
    lower: number;
    upper: number;
    leftTimeIndex: number;
    rightTimeIndex: number;
  };
  fields: RelField[];
}

/** CROSS JOIN UNNEST(array): each row joined with the elements of one of its collections. */
export interface CorrelateRel {
  kind: "Correlate";
  input: RelNode;
  unnest: Rex;
  fields: RelField[];
}

/**
 * ROW_NUMBER() / RANK() / DENSE_RANK() OVER (PARTITION BY … ORDER BY …) filtered by the outer
 * query (rn <= N): Flink's Rank (Top-N), or its Deduplicate for rn = 1 ordered by a time attribute.
 */
export interface RankRel {
  kind: "Rank";
  input: RelNode;
  rankType: "ROW_NUMBER" | "RANK" | "DENSE_RANK";
  partitionKeys: number[];
  orderKeys: Array<{ index: number; desc: boolean }>;
  /** The rank range's end, from the outer query's filter; undefined when there is none. */
  rankEnd?: number;
  /** The input's fields and the rank number. */
  fields: RelField[];
}

/**
 * Aggregates over a window of rows (`SUM(x) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 10
 * PRECEDING AND CURRENT ROW)`): each input row is emitted once with the aggregates over its
 * window appended, so the node is insert-only (StreamPhysicalOverAggregate).
 */
export interface OverAggregateRel {
  kind: "OverAggregate";
  input: RelNode;
  partitionKeys: number[];
  /** The one time attribute the window is ordered by, ascending. */
  orderKey: number;
  /** ROWS (a row count) or RANGE (a time span). */
  rows: boolean;
  /** The lower bound: undefined for UNBOUNDED PRECEDING, else rows or milliseconds back. */
  preceding?: number;
  aggCalls: AggCall[];
  /** The input's fields, then one per aggregate (`w0$o0`, …). */
  fields: RelField[];
}

/** The inputs of a node, for walks that only need the tree's shape. */
export function relInputs(rel: RelNode): RelNode[] {
  if (rel.kind === "TableSourceScan" || rel.kind === "Values") return [];
  if (rel.kind === "Union" || rel.kind === "Join") return rel.inputs;
  return [rel.input];
}

export type RelNode =
  | RankRel
  | OverAggregateRel
  | JoinRel
  | CorrelateRel
  | TableSourceScan
  | ValuesRel
  | Calc
  | WatermarkAssigner
  | WindowTableFunction
  | GroupAggregate
  | WindowAggregate
  | UnionRel;
