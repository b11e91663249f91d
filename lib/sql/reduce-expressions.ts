/**
 * Constant reduction as Flink's planner does it (ReduceExpressionsRule → ExpressionReducer →
 * RexBuilder.makeLiteral), for the one case whose result differs from evaluating at run time: a
 * FLOAT-typed constant. ExpressionReducer hands the computed java.lang.Float to
 * RexBuilder.makeLiteral, whose `clean` turns it into `new BigDecimal(value.doubleValue(),
 * MathContext.DECIMAL32)` — 7 significant digits, HALF_EVEN (calcite-1.32.0
 * core/…/rex/RexBuilder.java) — and the generated code reads the literal back with floatValue().
 * So CAST(123456789 AS FLOAT) is written 1.234568E8, while the same cast of a column value is
 * 1.23456792E8. DOUBLE constants are reduced through an exact BigDecimal (no change); other
 * types keep their value. Only maximal constant subtrees are reduced: a FLOAT inside a DOUBLE
 * constant is not rounded, as Flink reduces the whole DOUBLE expression at once.
 */
import { evaluate, type EvalContext } from "@/lib/sql/evaluate";
import { lookupFunction } from "@/lib/sql/functions";
import type { RelNode, Rex } from "@/lib/sql/rel";

/** Java's new BigDecimal(d, MathContext.DECIMAL32).floatValue(), for a finite double d. */
export function decimal32Float(d: number): number {
  if (!Number.isFinite(d) || d === 0) return Math.fround(d);
  const { digits, exp10 } = exactDecimal(Math.abs(d));
  const rounded = roundHalfEven(digits, 7);
  const value = Number(`${rounded.digits}e${exp10 + rounded.dropped}`);
  return Math.fround(d < 0 ? -value : value);
}

/** d = digits × 10^exp10 exactly (a double is m × 2^e, and 2^-k = 5^k / 10^k). */
function exactDecimal(d: number): { digits: bigint; exp10: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mantissa |= 1n << 52n;
  const e = biased === 0 ? -1074 : biased - 1075;
  if (e >= 0) return { digits: mantissa << BigInt(e), exp10: 0 };
  return { digits: mantissa * 5n ** BigInt(-e), exp10: e };
}

function roundHalfEven(digits: bigint, precision: number): { digits: bigint; dropped: number } {
  const text = digits.toString();
  const dropped = Math.max(0, text.length - precision);
  if (dropped === 0) return { digits, dropped: 0 };
  const divisor = 10n ** BigInt(dropped);
  let kept = digits / divisor;
  const rest = digits % divisor;
  const half = divisor / 2n;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  return { digits: kept, dropped };
}

function isConstant(rex: Rex): boolean {
  switch (rex.kind) {
    case "literal":
      return true;
    case "input":
      return false;
    case "cast":
    case "field":
      return isConstant(rex.operand);
    case "call": {
      const fn = lookupFunction(rex.op);
      if (fn && (fn.dynamic || fn.kind === "aggregate")) return false;
      return rex.operands.every(isConstant);
    }
  }
}

function reduceRex(rex: Rex, ctx: EvalContext): Rex {
  if (isConstant(rex)) {
    if (rex.type.kind !== "FLOAT") return rex;
    let value;
    try {
      value = evaluate(rex, [], ctx);
    } catch {
      // As ExpressionReducer: a failing constant is left to fail (or not) at run time.
      return rex;
    }
    return {
      kind: "literal",
      value: value === null ? null : decimal32Float(value as number),
      type: rex.type,
      span: rex.span,
    };
  }
  switch (rex.kind) {
    case "call":
      return { ...rex, operands: rex.operands.map((o) => reduceRex(o, ctx)) };
    case "cast":
    case "field":
      return { ...rex, operand: reduceRex(rex.operand, ctx) };
    default:
      return rex;
  }
}

/** The plan with FLOAT constants reduced as Flink's optimizer reduces them. */
export function reduceExpressions(rel: RelNode, ctx: EvalContext): RelNode {
  switch (rel.kind) {
    case "TableSourceScan":
      return rel;
    case "Values":
      return { ...rel, rows: rel.rows.map((r) => r.map((x) => reduceRex(x, ctx))) };
    case "Calc":
      return {
        ...rel,
        input: reduceExpressions(rel.input, ctx),
        projects: rel.projects.map((p) => reduceRex(p, ctx)),
        condition: rel.condition && reduceRex(rel.condition, ctx),
      };
    case "Union":
      return { ...rel, inputs: rel.inputs.map((i) => reduceExpressions(i, ctx)) };
    case "Join":
      return {
        ...rel,
        inputs: [reduceExpressions(rel.inputs[0], ctx), reduceExpressions(rel.inputs[1], ctx)],
        condition: rel.condition && reduceRex(rel.condition, ctx),
      };
    default:
      return { ...rel, input: reduceExpressions(rel.input, ctx) };
  }
}
