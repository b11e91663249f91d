/**
 * Name resolution and type inference: turns parsed queries into typed relational trees (rel.ts)
 * with Flink's rules — case-sensitive names, Flink's return types, no implicit coercion between
 * strings and numbers, aggregates and window table functions — and checks INSERT targets the
 * way Flink's DynamicSinkUtils does. The first problem in a statement is thrown as a
 * SemanticError pointing at the culprit.
 */
import type * as A from "@/lib/sql/ast";
import type { QuickFix, SourceSpan } from "@/lib/sql/diagnostic";
import {
  comparable,
  lookupFunction,
  functionNames,
  modType,
  adjustDecimal,
  decimalOf,
  type FnArg,
  type FunctionDef,
} from "@/lib/sql/functions";
import { parseDateLiteral, parseTimeLiteral, parseTimestampLiteral } from "@/lib/sql/datetime";
import type { AggCall, Calc, RelField, RelNode, Rex, WindowSpec } from "@/lib/sql/rel";
import { castRefusal } from "@/lib/sql/casts";
import { didYouMeanName, nameSuggestion } from "@/lib/sql/suggest";
import {
  commonType,
  isCharacterString,
  isBinaryString,
  isDatetime,
  isIntegerType,
  isInterval,
  isNumeric,
  isExactNumeric,
  sameTypeIgnoringNull,
  supportsExplicitCast,
  supportsImplicitCast,
  withNull,
} from "@/lib/sql/types";
import {
  Decimal,
  MAX_LENGTH,
  T,
  typeToString,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";
import type { CatalogTable, CatalogView } from "@/lib/sql/catalog";

export class SemanticError extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
    /** Quick fixes for a message that names a replacement. */
    readonly fixes?: QuickFix[],
  ) {
    super(message);
  }
}

/** A "not found" error with Calcite's "; did you mean" and its quick fix. */
export function notFound(
  message: string,
  word: string,
  candidates: readonly string[],
  span: SourceSpan,
): SemanticError {
  const s = nameSuggestion(word, candidates, span);
  return new SemanticError(message + s.text, span, s.fixes);
}

export type ResolvedRelation =
  { kind: "table"; table: CatalogTable } | { kind: "view"; view: CatalogView };

export interface RelationResolver {
  /** Throws SemanticError when the name is unknown. */
  resolve(name: A.QualifiedName): ResolvedRelation;
}

export interface Scope {
  fields: RelField[];
  /** The name that may qualify columns: the alias, or the table's own name. */
  qualifier?: string;
  /** After a JOIN: which range of `fields` each joined relation contributes, under its qualifier. */
  sources?: ScopeSource[];
  /**
   * After JOIN … USING / NATURAL JOIN: the common columns, each once — what an unqualified name
   * means, and what `SELECT *` shows first — and the fields `*` then leaves out (both copies).
   */
  using?: Array<{ name: string; rex: Rex }>;
  usingHidden?: Set<number>;
}

export interface ScopeSource {
  qualifier?: string;
  start: number;
  count: number;
}

const sourcesOf = (scope: Scope): ScopeSource[] =>
  scope.sources ?? [{ qualifier: scope.qualifier, start: 0, count: scope.fields.length }];

type AggMode =
  { kind: "forbid"; message: string } | { kind: "collect"; calls: PendingAgg[]; itemName?: string };

interface PendingAgg {
  fn: AggCall["fn"];
  args: Rex[];
  distinct: boolean;
  type: LogicalType;
  name: string;
  key: string;
}

const RANK_FUNCTIONS = ["ROW_NUMBER", "RANK", "DENSE_RANK"];
/**
 * OVER functions Flink plans but refuses in stream mode when it creates their aggregate
 * (AggFunctionFactory: "CUME_DIST Function is not supported in stream mode." and the like; LAG it
 * runs, LEAD it refuses).
 */
const STREAM_REFUSED_OVER_FUNCTIONS = new Set(["LEAD", "CUME_DIST", "PERCENT_RANK", "NTILE"]);
const GROUPING_FUNCTIONS = ["GROUPING", "GROUPING_ID", "GROUP_ID"];

/**
 * LAG(expr [, offset [, default]]) (Calcite's SqlLeadLagAggFunction): the type of expr, made
 * nullable unless a NOT NULL default covers the rows before the first; the offset is an integer.
 */
function lagType(call: A.CallExpr, args: Rex[]): LogicalType {
  const sig = "'LAG(<ANY>)', 'LAG(<ANY>, <INTEGER>)', 'LAG(<ANY>, <INTEGER>, <ANY>)'";
  const mismatchError = () =>
    new SemanticError(
      `Cannot apply 'LAG' to arguments of type 'LAG(${args.map((a) => `<${fmtArg(a.type)}>`).join(", ")})'. Supported form(s): ${sig}`,
      call.span,
    );
  if (args.length < 1 || args.length > 3) throw mismatchError();
  if (args[1] && !isIntegerType(args[1].type)) throw mismatchError();
  if (!args[2]) return withNull(args[0].type, true);
  const common = commonType([args[0].type, args[2].type]);
  if (!common) throw mismatchError();
  return withNull(common, args[0].type.nullable && args[2].type.nullable);
}

const fmt = (t: LogicalType) => typeToString(t);
/** Operand types in "Cannot apply" messages are shown without nullability, as Calcite shows them. */
const fmtArg = (t: LogicalType) => typeToString(withNull(t, true));

/** A structural key for a Rex, to match SELECT expressions against GROUP BY expressions. */
export function rexKey(r: Rex): string {
  switch (r.kind) {
    case "input":
      return `$${r.index}`;
    case "literal":
      return `lit(${fmt(r.type)}:${valueKey(r.value)})`;
    case "call":
      return `${r.op}${r.trimMode ?? ""}(${r.operands.map(rexKey).join(",")})`;
    case "cast":
      return `${r.safe ? "TRY_CAST" : "CAST"}(${rexKey(r.operand)}:${fmt(r.type)})`;
    case "field":
      return `${rexKey(r.operand)}.${r.index}`;
  }
}

function valueKey(v: Value): string {
  if (v === null) return "null";
  if (v instanceof Uint8Array) return [...v].join(",");
  if (Array.isArray(v)) return `[${v.map(valueKey).join(",")}]`;
  if (typeof v === "object")
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
  return String(v);
}

const input = (index: number, f: RelField, span?: SourceSpan): Rex => ({
  kind: "input",
  index,
  name: f.name,
  type: f.type,
  span,
});
const lit = (value: Value, type: LogicalType, span?: SourceSpan): Rex => ({
  kind: "literal",
  value,
  type,
  span,
});
const call = (op: string, operands: Rex[], type: LogicalType, span?: SourceSpan): Rex => ({
  kind: "call",
  op,
  operands,
  type,
  span,
});

function intervalMillis(unit: A.TimeUnit): number {
  switch (unit) {
    case "DAY":
      return 86_400_000;
    case "HOUR":
      return 3_600_000;
    case "MINUTE":
      return 60_000;
    case "SECOND":
      return 1000;
    default:
      return 1;
  }
}

/** Parses the string of an INTERVAL literal into months (YEAR/MONTH) or milliseconds. */
export function intervalValue(iv: A.IntervalLiteral): { months?: number; millis?: bigint } | null {
  const v = iv.value.trim();
  const sign = iv.negative ? -1 : 1;
  const neg = v.startsWith("-") ? -1 : 1;
  const body = v.replace(/^[-+]/, "");
  const unit = iv.unit;
  const to = iv.toUnit;
  if (unit === "YEAR" || unit === "MONTH") {
    if (!to || to === unit) {
      if (!/^\d+$/.test(body)) return null;
      return { months: sign * neg * Number(body) * (unit === "YEAR" ? 12 : 1) };
    }
    const m = /^(\d+)-(\d{1,2})$/.exec(body);
    if (!m || Number(m[2]) > 11) return null;
    return { months: sign * neg * (Number(m[1]) * 12 + Number(m[2])) };
  }
  if (!to || to === unit) {
    const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(body);
    if (!m || (m[2] && unit !== "SECOND")) return null;
    const frac = m[2] ? Number(m[2].padEnd(3, "0").slice(0, 3)) : 0;
    return {
      millis: BigInt(sign * neg) * (BigInt(m[1]) * BigInt(intervalMillis(unit)) + BigInt(frac)),
    };
  }
  // DAY TO HOUR 'd h', DAY TO MINUTE 'd h:m', DAY TO SECOND 'd h:m:s', HOUR TO MINUTE 'h:m', HOUR TO SECOND 'h:m:s', MINUTE TO SECOND 'm:s'
  const units: A.TimeUnit[] = ["DAY", "HOUR", "MINUTE", "SECOND"];
  const from = units.indexOf(unit);
  const toIdx = units.indexOf(to);
  if (from < 0 || toIdx <= from) return null;
  const parts = body.split(/[ :]/);
  if (parts.length !== toIdx - from + 1) return null;
  let total = 0n;
  for (let i = 0; i < parts.length; i++) {
    const u = units[from + i];
    const p = /^(\d+)(?:\.(\d{1,9}))?$/.exec(parts[i]);
    if (!p || (p[2] && u !== "SECOND")) return null;
    total +=
      BigInt(p[1]) * BigInt(intervalMillis(u)) +
      (p[2] ? BigInt(Number(p[2].padEnd(3, "0").slice(0, 3))) : 0n);
  }
  return { millis: BigInt(sign * neg) * total };
}

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const BIGINT_MIN = -9223372036854775808n;
const BIGINT_MAX = 9223372036854775807n;

export function numberLiteral(n: A.NumberLiteral): Rex {
  if (n.form === "approx") return lit(Number(n.text), T.double(false), n.span);
  if (n.form === "int") {
    const v = BigInt(n.text);
    if (v >= INT_MIN && v <= INT_MAX) return lit(Number(v), T.int(false), n.span);
    if (v >= BIGINT_MIN && v <= BIGINT_MAX) return lit(v, T.bigint(false), n.span);
    const digits = n.text.replace("-", "").length;
    if (digits > 38) throw new SemanticError(`Numeric literal '${n.text}' out of range`, n.span);
    return lit(new Decimal(v, 0), T.decimal(digits, 0, false), n.span);
  }
  const d = Decimal.parse(n.text.endsWith(".") ? n.text + "0" : n.text);
  const digits = (d.unscaled < 0n ? -d.unscaled : d.unscaled).toString().length;
  const scale = Math.max(0, d.scale);
  const precision = Math.max(digits, scale, 1);
  if (precision > 38) throw new SemanticError(`Numeric literal '${n.text}' out of range`, n.span);
  return lit(d, T.decimal(precision, scale, false), n.span);
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function cannotApply(op: string, types: LogicalType[], forms: string[], infix: boolean): string {
  const sig =
    infix && types.length === 2
      ? `<${fmtArg(types[0])}> ${op} <${fmtArg(types[1])}>`
      : `${op}(${types.map((t) => `<${fmtArg(t)}>`).join(", ")})`;
  return `Cannot apply '${op}' to arguments of type '${sig}'. Supported form(s): ${forms.map((f) => `'${f}'`).join(", ")}`;
}

/** Flink's arithmetic result types (LogicalTypeMerging for DECIMAL, Calcite's leastRestrictive otherwise). */
export function arithmeticType(op: string, a: LogicalType, b: LogicalType): LogicalType | null {
  const nullable = a.nullable || b.nullable;
  if (a.kind === "NULL" || b.kind === "NULL") {
    const other = a.kind === "NULL" ? b : a;
    return other.kind === "NULL" ? null : withNull(other, true);
  }
  if (isNumeric(a) && isNumeric(b)) {
    if (a.kind === "DOUBLE" || b.kind === "DOUBLE") return T.double(nullable);
    if (a.kind === "FLOAT" || b.kind === "FLOAT") return T.float(nullable);
    if (op === "%") return modType(a, b);
    if (isIntegerType(a) && isIntegerType(b)) return withNull(commonType([a, b])!, nullable);
    const da = decimalOf(a);
    const db = decimalOf(b);
    let p: number;
    let s: number;
    if (op === "+" || op === "-") {
      s = Math.max(da.scale, db.scale);
      p = Math.max(da.precision - da.scale, db.precision - db.scale) + s + 1;
    } else if (op === "*") {
      s = da.scale + db.scale;
      p = da.precision + db.precision + 1;
    } else {
      s = Math.max(6, da.scale + db.precision + 1);
      p = da.precision - da.scale + db.scale + s;
    }
    const adj = adjustDecimal(p, s);
    return T.decimal(adj.precision, adj.scale, nullable);
  }
  if (op === "+" || op === "-") {
    if (isDatetime(a) && isInterval(b)) {
      if (a.kind === "DATE" && b.kind === "INTERVAL_DAY_TIME") return withNull(a, nullable);
      return withNull(a, nullable);
    }
    if (op === "+" && isInterval(a) && isDatetime(b)) return withNull(b, nullable);
    if (isInterval(a) && a.kind === b.kind) return withNull(a, nullable);
    return null;
  }
  if (op === "*" && isInterval(a) && isNumeric(b)) return withNull(a, nullable);
  if (op === "*" && isNumeric(a) && isInterval(b)) return withNull(b, nullable);
  if (op === "/" && isInterval(a) && isNumeric(b)) return withNull(a, nullable);
  return null;
}

const ARITH_FORMS = [
  "<NUMERIC> {op} <NUMERIC>",
  "<DATETIME_INTERVAL> {op} <DATETIME_INTERVAL>",
  "<DATETIME> {op} <DATETIME_INTERVAL>",
];

export class Analyzer {
  constructor(private readonly resolver: RelationResolver) {}

  // ------------------------------------------------------------------------------------------
  // Expressions

  expr(e: A.Expr, scope: Scope, agg: AggMode): Rex {
    switch (e.kind) {
      case "Number":
        return numberLiteral(e);
      case "String":
        return lit(e.value, T.char(e.value.length, false), e.span);
      case "Bytes":
        return lit(hexToBytes(e.hex), T.binary(Math.max(1, e.hex.length / 2), false), e.span);
      case "Boolean":
        return lit(e.value, T.boolean(false), e.span);
      case "Null":
        return lit(null, { kind: "NULL", nullable: true }, e.span);
      case "Interval": {
        const v = intervalValue(e);
        const qualifier = e.unit + (e.toUnit ? ` TO ${e.toUnit}` : "");
        if (!v)
          throw new SemanticError(
            `Illegal interval literal format '${e.value}' for INTERVAL ${qualifier}`,
            e.valueSpan,
          );
        if (v.months !== undefined)
          return lit(v.months, { kind: "INTERVAL_YEAR_MONTH", nullable: false }, e.span);
        return lit(v.millis!, { kind: "INTERVAL_DAY_TIME", nullable: false }, e.span);
      }
      case "TypedLiteral":
        return this.typedLiteral(e);
      case "Column":
        return this.column(e, scope);
      case "StarArg":
        throw new SemanticError("'*' is only allowed in COUNT(*) and SELECT *", e.span);
      case "Unary":
        return this.unary(e, scope, agg);
      case "Binary":
        return this.binary(e, scope, agg);
      case "Is": {
        const operand = this.expr(e.operand, scope, agg);
        if (e.test !== "NULL" && operand.type.kind !== "BOOLEAN" && operand.type.kind !== "NULL") {
          const op = `IS ${e.negated ? "NOT " : ""}${e.test}`;
          throw new SemanticError(
            cannotApply(op, [operand.type], [`<BOOLEAN> ${op}`], false),
            e.span,
          );
        }
        const op = `IS_${e.negated ? "NOT_" : ""}${e.test === "UNKNOWN" ? "NULL" : e.test}`;
        return call(op, [operand], T.boolean(false), e.span);
      }
      case "Between": {
        const [o, lo, hi] = [e.operand, e.low, e.high].map((x) => this.expr(x, scope, agg));
        for (const b of [lo, hi]) {
          if (!comparable(o.type, b.type))
            throw new SemanticError(
              cannotApply(
                "BETWEEN",
                [o.type, lo.type, hi.type],
                ["<COMPARABLE_TYPE> BETWEEN <COMPARABLE_TYPE> AND <COMPARABLE_TYPE>"],
                false,
              ),
              e.span,
            );
        }
        const r = call(
          e.negated ? "NOT_BETWEEN" : "BETWEEN",
          [o, lo, hi],
          T.boolean(o.type.nullable || lo.type.nullable || hi.type.nullable),
          e.span,
        );
        return e.symmetric
          ? ({ ...r, op: r.kind === "call" ? `${r.op}_SYMMETRIC` : "" } as Rex)
          : r;
      }
      case "InList": {
        const o = this.expr(e.operand, scope, agg);
        const list = e.list.map((x) => this.expr(x, scope, agg));
        for (let i = 0; i < list.length; i++) {
          if (!comparable(o.type, list[i].type))
            throw new SemanticError(
              `Values in expression list must have compatible types: ${fmt(o.type)} and ${fmt(list[i].type)}`,
              e.list[i].span,
            );
        }
        const nullable = o.type.nullable || list.some((x) => x.type.nullable);
        return call(e.negated ? "NOT_IN" : "IN", [o, ...list], T.boolean(nullable), e.span);
      }
      case "Like": {
        const o = this.expr(e.operand, scope, agg);
        const p = this.expr(e.pattern, scope, agg);
        const ops = [o, p];
        if (e.escape) ops.push(this.expr(e.escape, scope, agg));
        if (!ops.every((x) => isCharacterString(x.type) || x.type.kind === "NULL")) {
          throw new SemanticError(
            cannotApply(
              "LIKE",
              ops.map((x) => x.type),
              ["<STRING> LIKE <STRING> [ESCAPE <STRING>]"],
              false,
            ),
            e.span,
          );
        }
        return call(
          e.negated ? "NOT_LIKE" : "LIKE",
          ops,
          T.boolean(ops.some((x) => x.type.nullable)),
          e.span,
        );
      }
      case "Cast": {
        const o = this.expr(e.operand, scope, agg);
        const target = e.target.type;
        if (!supportsExplicitCast(o.type, withNull(target, true))) {
          throw new SemanticError(
            `Cast function cannot convert value of type ${fmt(o.type)} to type ${fmt(target)}`,
            e.span,
          );
        }
        const refused = castRefusal(o.type, target);
        if (refused) throw new SemanticError(refused, e.span);
        const type = withNull(target, e.tryCast ? true : o.type.nullable);
        return { kind: "cast", operand: o, type, safe: e.tryCast, span: e.span };
      }
      case "Case":
        return this.caseExpr(e, scope, agg);
      case "Call":
        return this.callExpr(e, scope, agg);
      case "Constructor":
        return this.constructor_(e, scope, agg);
      case "FieldAccess": {
        const o = this.expr(e.operand, scope, agg);
        return this.fieldAccess(o, e.field);
      }
      case "Index": {
        const o = this.expr(e.operand, scope, agg);
        const idx = this.expr(e.index, scope, agg);
        if (o.type.kind === "ARRAY") {
          if (!isIntegerType(idx.type))
            throw new SemanticError(
              cannotApply(
                "ITEM",
                [o.type, idx.type],
                ["<ARRAY>[<INTEGER>]", "<MAP>[<ANY>]"],
                false,
              ),
              e.index.span,
            );
          return call("ITEM", [o, idx], withNull(o.type.element, true), e.span);
        }
        if (o.type.kind === "MAP") {
          if (!comparable(o.type.key, idx.type))
            throw new SemanticError(
              cannotApply(
                "ITEM",
                [o.type, idx.type],
                ["<ARRAY>[<INTEGER>]", "<MAP>[<ANY>]"],
                false,
              ),
              e.index.span,
            );
          return call("ITEM", [o, idx], withNull(o.type.value, true), e.span);
        }
        throw new SemanticError(
          cannotApply("ITEM", [o.type, idx.type], ["<ARRAY>[<INTEGER>]", "<MAP>[<ANY>]"], false),
          e.span,
        );
      }
    }
  }

  private typedLiteral(e: A.TypedLiteral): Rex {
    switch (e.type) {
      case "DATE": {
        const d = parseDateLiteral(e.value);
        if (d === null)
          throw new SemanticError(
            `Illegal DATE literal '${e.value}': not in format 'yyyy-MM-dd'`,
            e.span,
          );
        return lit(d, T.date(false), e.span);
      }
      case "TIME": {
        const t = parseTimeLiteral(e.value);
        if (!t)
          throw new SemanticError(
            `Illegal TIME literal '${e.value}': not in format 'HH:mm:ss'`,
            e.span,
          );
        return lit(t.millis, T.time(Math.min(t.precision, 3), false), e.span);
      }
      default: {
        const t = parseTimestampLiteral(e.value);
        if (!t)
          throw new SemanticError(
            `Illegal ${e.type} literal '${e.value}': not in format 'yyyy-MM-dd HH:mm:ss'`,
            e.span,
          );
        const type =
          e.type === "TIMESTAMP"
            ? T.timestamp(t.precision, false)
            : T.timestampLtz(t.precision, false);
        return lit(t.value, type, e.span);
      }
    }
  }

  private column(e: A.ColumnRef, scope: Scope): Rex {
    if (scope.sources) return this.joinedColumn(e, scope, scope.sources);
    const [first, ...rest] = e.names;
    let base: Rex;
    let remaining: A.Identifier[];
    if (rest.length > 0 && scope.qualifier !== undefined && first.value === scope.qualifier) {
      const col = rest[0];
      const idx = scope.fields.findIndex((f) => f.name === col.value);
      if (idx < 0) {
        throw notFound(
          `Column '${col.value}' not found in table '${first.value}'`,
          col.value,
          scope.fields.map((f) => f.name),
          col.span,
        );
      }
      base = input(idx, scope.fields[idx], spanOfIds(first, col));
      remaining = rest.slice(1);
    } else {
      const idx = scope.fields.findIndex((f) => f.name === first.value);
      if (idx < 0) {
        if (rest.length > 0) {
          const known = scope.qualifier !== undefined ? [scope.qualifier] : [];
          throw notFound(`Table '${first.value}' not found`, first.value, known, first.span);
        }
        throw notFound(
          `Column '${first.value}' not found in any table`,
          first.value,
          scope.fields.map((f) => f.name),
          first.span,
        );
      }
      base = input(idx, scope.fields[idx], first.span);
      remaining = rest;
    }
    for (const f of remaining) base = this.fieldAccess(base, f);
    return base;
  }

  /** A column of a JOIN's scope: qualified by one relation, or unqualified and unambiguous. */
  private joinedColumn(e: A.ColumnRef, scope: Scope, sources: ScopeSource[]): Rex {
    const [first, ...rest] = e.names;
    const fieldAt = (i: number, ids: A.Identifier[]) =>
      input(
        i,
        scope.fields[i],
        ids.length > 1 ? spanOfIds(ids[0], ids[ids.length - 1]) : ids[0].span,
      );
    const source = rest.length > 0 ? sources.find((x) => x.qualifier === first.value) : undefined;
    let base: Rex;
    let remaining: A.Identifier[];
    if (source) {
      const col = rest[0];
      const range = scope.fields.slice(source.start, source.start + source.count);
      const idx = range.findIndex((f) => f.name === col.value);
      if (idx < 0) {
        throw new SemanticError(
          `Column '${col.value}' not found in table '${first.value}'${didYouMeanName(
            col.value,
            range.map((f) => f.name),
          )}`,
          col.span,
        );
      }
      base = fieldAt(source.start + idx, [first, col]);
      remaining = rest.slice(1);
    } else if (scope.using?.some((u) => u.name === first.value)) {
      const u = scope.using.find((x) => x.name === first.value)!;
      base = { ...u.rex, span: first.span };
      remaining = rest;
    } else {
      const matches = scope.fields
        .map((f, i) => (f.name === first.value ? i : -1))
        .filter((i) => i >= 0);
      if (matches.length > 1) {
        throw new SemanticError(`Column '${first.value}' is ambiguous`, first.span);
      }
      if (matches.length === 0) {
        if (rest.length > 0) {
          const known = sources.flatMap((x) => (x.qualifier !== undefined ? [x.qualifier] : []));
          throw new SemanticError(
            `Table '${first.value}' not found${didYouMeanName(first.value, known)}`,
            first.span,
          );
        }
        throw new SemanticError(
          `Column '${first.value}' not found in any table${didYouMeanName(
            first.value,
            scope.fields.map((f) => f.name),
          )}`,
          first.span,
        );
      }
      base = fieldAt(matches[0], [first]);
      remaining = rest;
    }
    for (const f of remaining) base = this.fieldAccess(base, f);
    return base;
  }

  private fieldAccess(o: Rex, field: A.Identifier): Rex {
    if (o.type.kind !== "ROW") {
      throw new SemanticError(
        `Cannot access field '${field.value}' of a value of type ${fmt(o.type)}: only ROW values have fields`,
        field.span,
      );
    }
    const idx = o.type.fields.findIndex((f) => f.name === field.value);
    if (idx < 0) {
      throw new SemanticError(
        `Unknown field '${field.value}' in ${fmt(o.type)}${didYouMeanName(
          field.value,
          o.type.fields.map((f) => f.name),
        )}`,
        field.span,
      );
    }
    const ft = o.type.fields[idx].type;
    return {
      kind: "field",
      operand: o,
      index: idx,
      name: field.value,
      type: withNull(ft, ft.nullable || o.type.nullable),
      span: field.span,
    };
  }

  private unary(e: A.UnaryExpr, scope: Scope, agg: AggMode): Rex {
    const o = this.expr(e.operand, scope, agg);
    if (e.op === "NOT") {
      if (o.type.kind !== "BOOLEAN" && o.type.kind !== "NULL")
        throw new SemanticError(cannotApply("NOT", [o.type], ["NOT <BOOLEAN>"], false), e.span);
      return call("NOT", [o], T.boolean(o.type.nullable), e.span);
    }
    if (!isNumeric(o.type) && !isInterval(o.type) && o.type.kind !== "NULL")
      throw new SemanticError(
        cannotApply(e.op, [o.type], [`${e.op}<NUMERIC>`, `${e.op}<DATETIME_INTERVAL>`], false),
        e.span,
      );
    return e.op === "-" ? call("NEG", [o], o.type, e.span) : o;
  }

  private binary(e: A.BinaryExpr, scope: Scope, agg: AggMode): Rex {
    const l = this.expr(e.left, scope, agg);
    const r = this.expr(e.right, scope, agg);
    const nullable = l.type.nullable || r.type.nullable;
    switch (e.op) {
      case "AND":
      case "OR":
        for (const x of [l, r]) {
          if (x.type.kind !== "BOOLEAN" && x.type.kind !== "NULL")
            throw new SemanticError(
              cannotApply(e.op, [l.type, r.type], [`<BOOLEAN> ${e.op} <BOOLEAN>`], true),
              e.span,
            );
        }
        return call(e.op, [l, r], T.boolean(nullable), e.span);
      case "=":
      case "<>":
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (!comparable(l.type, r.type)) {
          const kind = e.op === "=" || e.op === "<>" ? "COMPARABLE_TYPE" : "COMPARABLE_TYPE";
          throw new SemanticError(
            cannotApply(e.op, [l.type, r.type], [`<${kind}> ${e.op} <${kind}>`], true),
            e.span,
          );
        }
        return call(e.op, [l, r], T.boolean(nullable), e.span);
      case "||": {
        const bothChar = [l, r].every((x) => isCharacterString(x.type) || x.type.kind === "NULL");
        const bothBin = [l, r].every((x) => isBinaryString(x.type) || x.type.kind === "NULL");
        if (!bothChar && !bothBin)
          throw new SemanticError(
            cannotApply(
              "||",
              [l.type, r.type],
              ["<STRING> || <STRING>", "<BYTES> || <BYTES>"],
              true,
            ),
            e.span,
          );
        const len = (t: LogicalType) => ("length" in t ? t.length : 0);
        const total = Math.min(MAX_LENGTH, len(l.type) + len(r.type));
        let type: LogicalType;
        if (bothChar)
          type =
            l.type.kind === "CHAR" && r.type.kind === "CHAR"
              ? T.char(total, nullable)
              : T.varchar(Math.max(1, total), nullable);
        else
          type =
            l.type.kind === "BINARY" && r.type.kind === "BINARY"
              ? T.binary(total, nullable)
              : T.varbinary(Math.max(1, total), nullable);
        return call("||", [l, r], type, e.span);
      }
      default: {
        const type = arithmeticType(e.op, l.type, r.type);
        if (!type) {
          throw new SemanticError(
            cannotApply(
              e.op,
              [l.type, r.type],
              ARITH_FORMS.map((f) => f.replaceAll("{op}", e.op)),
              true,
            ),
            e.span,
          );
        }
        return call(e.op, [l, r], type, e.span);
      }
    }
  }

  private caseExpr(e: A.CaseExpr, scope: Scope, agg: AggMode): Rex {
    const operand = e.operand ? this.expr(e.operand, scope, agg) : undefined;
    const ops: Rex[] = [];
    const results: Rex[] = [];
    for (const w of e.whens) {
      let cond = this.expr(w.when, scope, agg);
      if (operand) {
        if (!comparable(operand.type, cond.type))
          throw new SemanticError(
            cannotApply(
              "=",
              [operand.type, cond.type],
              ["<COMPARABLE_TYPE> = <COMPARABLE_TYPE>"],
              true,
            ),
            w.when.span,
          );
        cond = call(
          "=",
          [operand, cond],
          T.boolean(operand.type.nullable || cond.type.nullable),
          w.when.span,
        );
      } else if (cond.type.kind !== "BOOLEAN" && cond.type.kind !== "NULL") {
        throw new SemanticError(
          `Expected a BOOLEAN condition after WHEN, but got ${fmt(cond.type)}`,
          w.when.span,
        );
      }
      const then = this.expr(w.then, scope, agg);
      ops.push(cond, then);
      results.push(then);
    }
    const elseRex = e.elseExpr
      ? this.expr(e.elseExpr, scope, agg)
      : lit(null, { kind: "NULL", nullable: true });
    results.push(elseRex);
    const t = commonType(results.map((r) => r.type));
    if (!t || t.kind === "NULL") {
      if (!t)
        throw new SemanticError("Illegal mixing of types in CASE or COALESCE statement", e.span);
    }
    const type = withNull(
      t!,
      results.some((r) => r.type.nullable),
    );
    return call("CASE", [...ops, elseRex], type, e.span);
  }

  private constructor_(e: A.ConstructorExpr, scope: Scope, agg: AggMode): Rex {
    const args = e.args.map((a) => this.expr(a, scope, agg));
    if (e.ctor === "ROW") {
      return call(
        "ROW",
        args,
        T.row(
          args.map((a, i) => ({ name: `EXPR$${i}`, type: a.type })),
          false,
        ),
        e.span,
      );
    }
    if (args.length === 0)
      throw new SemanticError(`${e.ctor}[] needs at least one element`, e.span);
    if (e.ctor === "ARRAY") {
      const el = commonType(args.map((a) => a.type));
      if (!el) throw new SemanticError("Parameters must be of the same type", e.span);
      return call("ARRAY", args, T.array(el, false), e.span);
    }
    const keys = commonType(args.filter((_, i) => i % 2 === 0).map((a) => a.type));
    const vals = commonType(args.filter((_, i) => i % 2 === 1).map((a) => a.type));
    if (!keys || !vals) throw new SemanticError("Parameters must be of the same type", e.span);
    return call("MAP", args, T.map(keys, vals, false), e.span);
  }

  private callExpr(e: A.CallExpr, scope: Scope, agg: AggMode): Rex {
    if (
      ["TUMBLE", "HOP", "CUMULATE", "SESSION"].includes(e.name) ||
      /^(TUMBLE|HOP|SESSION)_(START|END|ROWTIME|PROCTIME)$/.test(e.name)
    ) {
      throw new SemanticError(
        `${e.name} must be used as a window table function: FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' MINUTE)) with GROUP BY window_start, window_end`,
        e.nameSpan,
      );
    }
    if (e.over)
      throw new SemanticError(
        `${e.name}(…) OVER (…) is supported by Tributary only as a whole SELECT item (e.g. SUM(x) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS s); compute expressions over it in an outer query`,
        e.span,
      );
    const fn = lookupFunction(e.name);
    if (fn?.kind === "aggregate")
      return this.aggregateCall(e, fn.name as AggCall["fn"], scope, agg);
    const args = e.args.map((a) => this.expr(a, scope, agg));
    if (fn?.name === "CURRENT_WATERMARK" && args.length === 1) {
      // Flink's CurrentWatermarkInputTypeStrategy: the argument is a rowtime attribute itself.
      const a = args[0];
      const attr = a.kind === "input" ? scope.fields[a.index]?.timeAttribute : undefined;
      if (attr !== "rowtime")
        throw new SemanticError(
          `The argument of CURRENT_WATERMARK() must be a rowtime attribute, but was '${fmt(a.type)}'.`,
          e.args[0].span,
        );
    }
    const sigTypes = args.map((a) => `<${fmtArg(a.type)}>`).join(", ");
    if (!fn) {
      throw notFound(
        `No match found for function signature ${e.name}(${sigTypes})`,
        e.name,
        functionNames(),
        e.nameSpan,
      );
    }
    if (e.distinct)
      throw new SemanticError(
        `DISTINCT is only allowed in aggregate functions, not in ${fn.name}`,
        e.span,
      );
    if (e.niladic && fn.minArgs > 0)
      throw new SemanticError(`${fn.name} needs arguments: ${fn.signatures.join(" or ")}`, e.span);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const want =
        fn.minArgs === fn.maxArgs
          ? `${fn.minArgs}`
          : fn.maxArgs >= 255
            ? `at least ${fn.minArgs}`
            : `${fn.minArgs} to ${fn.maxArgs}`;
      throw new SemanticError(
        `Invalid number of arguments to function '${e.name}'. Was expecting ${want} arguments. Supported form(s): ${fn.signatures.map((s) => `'${s}'`).join(", ")}`,
        e.span,
      );
    }
    const fnArgs: FnArg[] = args.map((a) => ({
      type: a.type,
      literal: a.kind === "literal" ? a.value : undefined,
    }));
    const result = fn.infer(fnArgs);
    if ("error" in result) {
      throw new SemanticError(
        result.error ??
          `Cannot apply '${e.name}' to arguments of type '${e.name}(${sigTypes})'. Supported form(s): ${fn.signatures.map((s) => `'${s}'`).join(", ")}`,
        e.span,
      );
    }
    const rex: Rex = { kind: "call", op: fn.name, operands: args, type: result, span: e.span };
    if (e.name === "TRIM" && rex.kind === "call") rex.trimMode = e.trimMode ?? "BOTH";
    return rex;
  }

  private aggregateCall(e: A.CallExpr, fn: AggCall["fn"], scope: Scope, agg: AggMode): Rex {
    if (agg.kind === "forbid") throw new SemanticError(agg.message, e.span);
    const inner: AggMode = { kind: "forbid", message: "Aggregate expressions cannot be nested" };
    const star = e.args.length === 1 && e.args[0].kind === "StarArg";
    if (star && fn !== "COUNT")
      throw new SemanticError(`'*' is only allowed in COUNT(*), not in ${fn}`, e.args[0].span);
    const args = star ? [] : e.args.map((a) => this.expr(a, scope, inner));
    const def = lookupFunction(fn)!;
    if (fn !== "COUNT" && (args.length < def.minArgs || args.length > def.maxArgs)) {
      const want =
        def.minArgs === def.maxArgs ? `${def.minArgs}` : `${def.minArgs} to ${def.maxArgs}`;
      throw new SemanticError(
        `Invalid number of arguments to function '${fn}'. Was expecting ${want} arguments`,
        e.span,
      );
    }
    if (fn === "COUNT" && args.length === 0 && !star) {
      throw new SemanticError(
        "Invalid number of arguments to function 'COUNT'. Was expecting 1 arguments",
        e.span,
      );
    }
    const result = def.infer(
      args.map((a) => ({ type: a.type, literal: a.kind === "literal" ? a.value : undefined })),
    );
    if ("error" in result) {
      throw new SemanticError(
        result.error ??
          `Cannot apply '${fn}' to arguments of type '${fn}(${args.map((a) => `<${fmtArg(a.type)}>`).join(", ")})'. Supported form(s): ${def.signatures.map((s) => `'${s}'`).join(", ")}`,
        e.span,
      );
    }
    const key = `${fn}${e.distinct ? " DISTINCT" : ""}(${args.map(rexKey).join(",")})`;
    let idx = agg.calls.findIndex((c) => c.key === key);
    if (idx < 0) {
      agg.calls.push({
        fn,
        args,
        distinct: e.distinct,
        type: result,
        name: agg.itemName ?? "",
        key,
      });
      idx = agg.calls.length - 1;
    }
    return {
      kind: "call",
      op: "$AGG",
      operands: [lit(idx, T.int(false))],
      type: result,
      span: e.span,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Relations

  tableRel(table: CatalogTable): RelNode {
    let rel: RelNode = { kind: "TableSourceScan", path: table.path, fields: table.scanFields };
    if (table.projects)
      rel = {
        kind: "Calc",
        input: rel,
        projects: table.projects,
        fields: table.fields.map((f) => ({ name: f.name, type: f.type })),
      };
    if (table.watermark) {
      rel = {
        kind: "WatermarkAssigner",
        input: rel,
        rowtimeIndex: table.watermark.rowtimeIndex,
        watermark: table.watermark.expr,
        fields: table.fields,
      };
    } else if (rel.kind === "Calc") {
      rel = { ...rel, fields: table.fields };
    }
    return rel;
  }

  relationRel(name: A.QualifiedName): { rel: RelNode; defaultQualifier: string } {
    const r = this.resolver.resolve(name);
    const last = name.parts[name.parts.length - 1].value;
    if (r.kind === "table") return { rel: this.tableRel(r.table), defaultQualifier: last };
    const rel = this.query(r.view.query);
    return {
      rel: renameFields(
        rel,
        r.view.fields.map((f) => f.name),
      ),
      defaultQualifier: last,
    };
  }

  private fromItem(from: A.FromItem): {
    rel: RelNode;
    scope: Scope;
    window?: { startIdx: number; endIdx: number; timeIdx: number; spec: WindowSpec };
  } {
    if (from.kind === "TableRef") {
      const { rel, defaultQualifier } = this.relationRel(from.name);
      return {
        rel,
        scope: { fields: rel.fields, qualifier: from.alias?.value ?? defaultQualifier },
      };
    }
    if (from.kind === "Subquery") {
      const rel = this.query(from.query);
      return { rel, scope: { fields: rel.fields, qualifier: from.alias?.value } };
    }
    if (from.kind === "Join") return this.join(from);
    if (from.kind === "Unnest") {
      throw new SemanticError(
        "UNNEST is supported on the right of CROSS JOIN UNNEST(…) AS t (…) by Tributary",
        from.span,
      );
    }
    const { rel: inputRel } = this.relationRel(from.table.name);
    const timeIdx = inputRel.fields.findIndex((f) => f.name === from.descriptor.value);
    if (timeIdx < 0) {
      throw new SemanticError(
        `Column '${from.descriptor.value}' not found in any table${didYouMeanName(
          from.descriptor.value,
          inputRel.fields.map((f) => f.name),
        )}`,
        from.descriptor.span,
      );
    }
    const timeField = inputRel.fields[timeIdx];
    if (!timeField.timeAttribute) {
      throw new SemanticError(
        `The window function requires the timecol to be a time attribute type, but is ${fmt(timeField.type)}. Declare a WATERMARK FOR ${timeField.name} (event time) or a computed column AS PROCTIME() (processing time)`,
        from.descriptor.span,
      );
    }
    const expected = from.fn === "TUMBLE" ? [1, 2] : [2, 3];
    const names =
      from.fn === "TUMBLE"
        ? ["size", "offset"]
        : from.fn === "HOP"
          ? ["slide", "size", "offset"]
          : ["step", "size", "offset"];
    if (from.args.length < expected[0] || from.args.length > expected[1]) {
      throw new SemanticError(
        `${from.fn} expects ${expected[0]}${expected[1] > expected[0] ? ` or ${expected[1]}` : ""} interval arguments (${names.join(", ")}) after the DESCRIPTOR, but got ${from.args.length}`,
        from.fnSpan,
      );
    }
    const ms = from.args.map((a, i) => {
      const r = this.expr(
        a,
        { fields: [] },
        { kind: "forbid", message: "Aggregate expressions are not allowed here" },
      );
      if (r.kind !== "literal" || r.type.kind !== "INTERVAL_DAY_TIME") {
        throw new SemanticError(
          `The ${names[i]} of ${from.fn} must be a day-time interval literal such as INTERVAL '5' MINUTE, but got ${fmt(r.type)}`,
          a.span,
        );
      }
      const v = Number(r.value as bigint);
      if (v <= 0 && names[i] !== "offset")
        throw new SemanticError(`The ${names[i]} of ${from.fn} must be positive`, a.span);
      return v;
    });
    const spec: WindowSpec =
      from.fn === "TUMBLE"
        ? {
            fn: "TUMBLE",
            timeIndex: timeIdx,
            timeColumn: timeField.name,
            sizeMs: ms[0],
            offsetMs: ms[1],
          }
        : {
            fn: from.fn,
            timeIndex: timeIdx,
            timeColumn: timeField.name,
            slideMs: ms[0],
            sizeMs: ms[1],
            offsetMs: ms[2],
          };
    if (spec.fn === "HOP" && spec.sizeMs % spec.slideMs! !== 0) {
      throw new SemanticError(
        `HOP table function based aggregate requires size must be an integral multiple of slide, but got size ${spec.sizeMs} ms and slide ${spec.slideMs} ms.`,
        from.fnSpan,
      );
    }
    if (spec.fn === "CUMULATE" && spec.sizeMs % spec.slideMs! !== 0) {
      throw new SemanticError(
        `CUMULATE table function based aggregate requires maxSize must be an integral multiple of step, but got maxSize ${spec.sizeMs} ms and step ${spec.slideMs} ms.`,
        from.fnSpan,
      );
    }
    const timeType = timeField.type;
    const fields: RelField[] = [
      ...inputRel.fields,
      { name: "window_start", type: T.timestamp(3, false) },
      { name: "window_end", type: T.timestamp(3, false) },
      {
        name: "window_time",
        type: timeType.kind === "TIMESTAMP_LTZ" ? T.timestampLtz(3, false) : T.timestamp(3, false),
        timeAttribute: timeField.timeAttribute,
      },
    ];
    const n = inputRel.fields.length;
    const rel: RelNode = { kind: "WindowTableFunction", input: inputRel, window: spec, fields };
    return {
      rel,
      scope: { fields, qualifier: from.alias?.value },
      window: { startIdx: n, endIdx: n + 1, timeIdx: n + 2, spec },
    };
  }

  /** ROW_NUMBER() / RANK() / DENSE_RANK() OVER (PARTITION BY … ORDER BY …) as a Rank node. */
  private rank(
    item: Extract<A.SelectItem, { kind: "Item" }>,
    input: RelNode,
    scope: Scope,
  ): { rel: RelNode; scope: Scope } {
    const call = item.expr as A.CallExpr;
    const over = call.over!;
    if (call.args.length > 0)
      throw new SemanticError(
        `Invalid number of arguments to function '${call.name}'. Was expecting 0 arguments`,
        call.span,
      );
    if (over.orderBy.length === 0)
      throw new SemanticError(
        "Over Agg: The window rank function without order by. please re-check the over window statement.",
        over.span,
      );
    if (over.frame)
      throw new SemanticError(
        `ROW_NUMBER() / RANK() / DENSE_RANK() for Top-N take no window frame; remove ${over.frame.rows ? "ROWS" : "RANGE"} …`,
        over.frame.span,
      );
    const forbid: AggMode = {
      kind: "forbid",
      message: "Aggregate expressions are not allowed in OVER",
    };
    const columnIndex = (e: A.Expr): number => {
      const r = this.expr(e, scope, forbid);
      if (r.kind !== "input")
        throw new SemanticError(
          "PARTITION BY and ORDER BY of an OVER window must name columns in Tributary; compute the expression in a subquery first",
          e.span,
        );
      return r.index;
    };
    const partitionKeys = over.partitionBy.map(columnIndex);
    const orderKeys = over.orderBy.map((o) => ({ index: columnIndex(o.expr), desc: o.desc }));
    const name = item.alias?.value ?? `EXPR$${scope.fields.length}`;
    const fields: RelField[] = [...scope.fields, { name, type: T.bigint(false) }];
    const rel: RelNode = {
      kind: "Rank",
      input,
      rankType: call.name as "ROW_NUMBER" | "RANK" | "DENSE_RANK",
      partitionKeys,
      orderKeys,
      fields,
    };
    return {
      rel,
      // The rank column belongs to no relation: `*` does not expand to it, a name finds it.
      scope: { ...scope, fields, sources: sourcesOf(scope) },
    };
  }

  /**
   * Aggregates OVER a window as one OverAggregate node, with the checks Flink's
   * StreamExecOverAggregate makes: one window for all, ordered ascending by one time attribute,
   * bounded by n PRECEDING or UNBOUNDED PRECEDING and CURRENT ROW.
   */
  private overAggregate(
    items: Array<Extract<A.SelectItem, { kind: "Item" }>>,
    input: RelNode,
    scope: Scope,
  ): { rel: RelNode; scope: Scope; firstAgg: number } {
    const forbid: AggMode = {
      kind: "forbid",
      message: "Aggregate expressions are not allowed in OVER",
    };
    const columnIndex = (e: A.Expr): number => {
      const r = this.expr(e, scope, forbid);
      if (r.kind !== "input")
        throw new SemanticError(
          "PARTITION BY and ORDER BY of an OVER window must name columns in Tributary; compute the expression in a subquery first",
          e.span,
        );
      return r.index;
    };
    const windowOf = (over: A.OverSpec) => {
      const partitionKeys = over.partitionBy.map(columnIndex);
      if (over.orderBy.length !== 1)
        throw new SemanticError(
          "The window can only be ordered by a single time column.",
          over.orderBy[1]?.expr.span ?? over.span,
        );
      const order = over.orderBy[0];
      const orderKey = columnIndex(order.expr);
      if (order.desc)
        throw new SemanticError(
          "The window can only be ordered in ASCENDING mode.",
          order.expr.span,
        );
      if (!scope.fields[orderKey].timeAttribute)
        throw new SemanticError(
          "OVER windows' ordering in stream mode must be defined on a time attribute.",
          order.expr.span,
        );
      // SQL's default frame with an ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.
      const frame = over.frame;
      const rows = frame?.rows ?? false;
      let preceding: number | undefined;
      if (frame) {
        if (
          frame.upper.kind !== "CURRENT ROW" ||
          (frame.lower.kind !== "PRECEDING" && frame.lower.kind !== "UNBOUNDED PRECEDING")
        )
          throw new SemanticError(
            "OVER RANGE FOLLOWING windows are not supported yet.",
            frame.span,
          );
        if (frame.lower.kind === "PRECEDING")
          preceding = this.frameOffset(frame.lower.offset!, rows);
      }
      return { partitionKeys, orderKey, rows, preceding };
    };

    const first = windowOf((items[0].expr as A.CallExpr).over!);
    const key = (w: typeof first) => JSON.stringify(w);
    const extra: Rex[] = [];
    const argIndex = (r: Rex): number => {
      if (r.kind === "input") return r.index;
      const k = rexKey(r);
      let i = extra.findIndex((x) => rexKey(x) === k);
      if (i < 0) i = extra.push(r) - 1;
      return scope.fields.length + i;
    };
    const aggCalls: AggCall[] = items.map((item, j) => {
      const call = item.expr as A.CallExpr;
      if (key(windowOf(call.over!)) !== key(first))
        throw new SemanticError(
          "All aggregates must be computed on the same window.",
          call.over!.span,
        );
      if (call.name === "JSON_OBJECTAGG" || call.name === "JSON_ARRAYAGG")
        throw new SemanticError(
          `${call.name} is not supported in OVER windows by Flink`,
          call.nameSpan,
        );
      const fn = call.name === "LAG" ? undefined : lookupFunction(call.name);
      if (call.name !== "LAG" && fn?.kind !== "aggregate")
        throw new SemanticError(
          STREAM_REFUSED_OVER_FUNCTIONS.has(call.name)
            ? `${call.name} Function is not supported in stream mode.`
            : `${call.name} is not an aggregate function, so it cannot be used with OVER`,
          call.nameSpan,
        );
      const star = call.args.length === 1 && call.args[0].kind === "StarArg";
      const args = star ? [] : call.args.map((a) => this.expr(a, scope, forbid));
      const type = call.name === "LAG" ? lagType(call, args) : this.overAggType(call, fn!, args);
      return {
        fn: call.name === "LAG" ? "LAG" : fn!.name,
        args: args.map(argIndex),
        distinct: call.distinct,
        type,
        name: `w0$o${j}`,
      };
    });
    const base = scope.fields.length;
    const inputFields: RelField[] = [
      ...scope.fields,
      ...extra.map((r, i) => ({ name: `$${base + i}`, type: r.type })),
    ];
    const overInput: RelNode =
      extra.length === 0
        ? input
        : {
            kind: "Calc",
            input,
            projects: [...scope.fields.map((f, i) => input_(i, f)), ...extra],
            fields: inputFields,
          };
    const fields: RelField[] = [
      ...inputFields,
      ...aggCalls.map((a) => ({ name: a.name, type: a.type })),
    ];
    const rel: RelNode = { kind: "OverAggregate", input: overInput, ...first, aggCalls, fields };
    // The aggregates belong to no relation: `*` does not expand to them.
    return {
      rel,
      scope: { ...scope, fields, sources: sourcesOf(scope) },
      firstAgg: inputFields.length,
    };
  }

  /** `n PRECEDING`: a row count for ROWS, a day-time interval (milliseconds) for RANGE. */
  private frameOffset(e: A.Expr, rows: boolean): number {
    const r = this.expr(
      e,
      { fields: [] },
      { kind: "forbid", message: "Aggregate expressions are not allowed here" },
    );
    if (rows) {
      if (r.kind !== "literal" || !isIntegerType(r.type) || Number(r.value) < 0)
        throw new SemanticError("ROWS value must be a non-negative integral constant", e.span);
      return Number(r.value);
    }
    if (r.kind !== "literal" || r.type.kind !== "INTERVAL_DAY_TIME" || Number(r.value) < 0)
      throw new SemanticError(
        "RANGE … PRECEDING of a window ordered by a time attribute takes a non-negative day-time interval literal such as INTERVAL '1' HOUR",
        e.span,
      );
    return Number(r.value);
  }

  /** An aggregate's type inside OVER: the same inference as in GROUP BY. */
  private overAggType(call: A.CallExpr, fn: FunctionDef, args: Rex[]): LogicalType {
    if (call.name !== "COUNT" && (args.length < fn.minArgs || args.length > fn.maxArgs))
      throw new SemanticError(
        `Invalid number of arguments to function '${fn.name}'. Was expecting ${fn.minArgs === fn.maxArgs ? fn.minArgs : `${fn.minArgs} to ${fn.maxArgs}`} arguments`,
        call.span,
      );
    const result = fn.infer(
      args.map((a) => ({ type: a.type, literal: a.kind === "literal" ? a.value : undefined })),
    );
    if ("error" in result)
      throw new SemanticError(
        result.error ??
          `Cannot apply '${fn.name}' to arguments of type '${fn.name}(${args.map((a) => `<${fmtArg(a.type)}>`).join(", ")})'. Supported form(s): ${fn.signatures.map((s) => `'${s}'`).join(", ")}`,
        call.span,
      );
    return result;
  }

  /**
   * JOIN … USING (c, …) and NATURAL JOIN (every name both sides have, in the left's order), as
   * Calcite validates them: each column on both sides, once per side, of comparable types; the
   * condition is their equality, and the common column is the left's (the right's for RIGHT,
   * COALESCE of both for FULL).
   */
  private usingColumns(
    from: A.JoinRef,
    left: Scope,
    right: Scope,
    fields: RelField[],
  ): { rex: Rex | undefined; using: Array<{ name: string; rex: Rex; hidden: number[] }> } {
    const n = left.fields.length;
    const names: A.Identifier[] =
      from.using ??
      left.fields
        .filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i)
        .filter((f) => right.fields.some((g) => g.name === f.name))
        .map(
          (f) =>
            ({ kind: "Identifier", value: f.name, quoted: false, span: from.span }) as A.Identifier,
        );
    const indexIn = (side: Scope, id: A.Identifier): number => {
      const hits = side.fields.flatMap((f, i) => (f.name === id.value ? [i] : []));
      if (hits.length === 0)
        throw new SemanticError(`Column '${id.value}' not found in any table`, id.span);
      if (hits.length > 1)
        throw new SemanticError(
          `Column name '${id.value}' in NATURAL join or USING clause is not unique on one side of join`,
          id.span,
        );
      return hits[0];
    };
    let rex: Rex | undefined;
    const using = names.map((id) => {
      const li = indexIn(left, id);
      const ri = n + indexIn(right, id);
      const l = input_(li, fields[li]);
      const r = input_(ri, fields[ri]);
      if (!comparable(l.type, r.type))
        throw new SemanticError(
          `Column '${id.value}' matched using NATURAL keyword or USING clause has incompatible types: cannot compare '${fmtArg(l.type)}' to '${fmtArg(r.type)}'`,
          id.span,
        );
      const eq: Rex = {
        kind: "call",
        op: "=",
        operands: [l, r],
        type: T.boolean(l.type.nullable || r.type.nullable),
      };
      rex = rex
        ? {
            kind: "call",
            op: "AND",
            operands: [rex, eq],
            type: T.boolean(rex.type.nullable || eq.type.nullable),
          }
        : eq;
      let common: Rex = from.joinType === "RIGHT" ? r : l;
      if (from.joinType === "FULL") {
        const t = commonType([l.type, r.type]) ?? l.type;
        common = {
          kind: "call",
          op: "COALESCE",
          operands: [l, r],
          type: withNull(t, l.type.nullable && r.type.nullable),
        };
      }
      return { name: id.value, rex: common, hidden: [li, ri] };
    });
    return { rex, using };
  }

  /** A regular join, or CROSS JOIN UNNEST as a Correlate, with Calcite's name rules. */
  private join(from: A.JoinRef): { rel: RelNode; scope: Scope } {
    const forbid: AggMode = {
      kind: "forbid",
      message: "Aggregate expressions are not allowed in a JOIN condition",
    };
    const left = this.fromItem(from.left);
    const leftSources = sourcesOf(left.scope);
    const n = left.scope.fields.length;
    const plain = (f: RelField, nullable: boolean): RelField => ({
      name: f.name,
      type: nullable ? withNull(f.type, true) : f.type,
    });
    if (from.right.kind === "Unnest") {
      const u = from.right;
      if (from.joinType !== "INNER" || (from.on && !(from.on.kind === "Boolean" && from.on.value)))
        throw new SemanticError(
          "UNNEST is supported as CROSS JOIN UNNEST(…) (or INNER JOIN UNNEST(…) ON TRUE)",
          from.span,
        );
      const collection = this.expr(u.expr, left.scope, forbid);
      const t = collection.type;
      let elementFields: RelField[];
      if (t.kind === "ARRAY" || t.kind === "MULTISET") {
        elementFields =
          t.element.kind === "ROW"
            ? t.element.fields.map((f) => ({ name: f.name, type: f.type }))
            : [{ name: "EXPR$0", type: t.element }];
      } else if (t.kind === "MAP") {
        elementFields = [
          { name: "KEY", type: t.key },
          { name: "VALUE", type: t.value },
        ];
      } else {
        throw new SemanticError(
          `Cannot apply 'UNNEST' to arguments of type 'UNNEST(<${fmtArg(t)}>)'. Supported form(s): 'UNNEST(<MULTISET>)', 'UNNEST(<ARRAY>)', 'UNNEST(<MAP>)'`,
          u.expr.span,
        );
      }
      if (u.columnAliases) {
        if (u.columnAliases.length !== elementFields.length)
          throw new SemanticError(
            `List of column aliases must have same degree as table; table has ${elementFields.length} columns ${elementFields.map((f) => `('${f.name}')`).join(", ")}, whereas alias list has ${u.columnAliases.length} columns`,
            u.span,
          );
        elementFields = elementFields.map((f, i) => ({ ...f, name: u.columnAliases![i].value }));
      }
      const fields = [...left.scope.fields, ...elementFields];
      return {
        rel: {
          kind: "Correlate",
          input: left.rel,
          unnest: collection,
          fields: uniquifyFields(fields),
        },
        scope: {
          fields,
          sources: [
            ...leftSources,
            { qualifier: u.alias?.value, start: n, count: elementFields.length },
          ],
        },
      };
    }
    const right = this.fromItem(from.right);
    const rightSources = sourcesOf(right.scope).map((x) => ({ ...x, start: x.start + n }));
    for (const r of rightSources) {
      if (r.qualifier !== undefined && leftSources.some((l) => l.qualifier === r.qualifier))
        throw new SemanticError(
          `Duplicate relation name '${r.qualifier}' in FROM clause`,
          from.right.span,
        );
    }
    // A regular join keeps both sides in state: time attributes become plain timestamps.
    const fields = [
      ...left.scope.fields.map((f) =>
        plain(f, from.joinType === "RIGHT" || from.joinType === "FULL"),
      ),
      ...right.scope.fields.map((f) =>
        plain(f, from.joinType === "LEFT" || from.joinType === "FULL"),
      ),
    ];
    const scope: Scope = {
      fields,
      sources: [...leftSources, ...rightSources],
      ...(left.scope.using ? { using: left.scope.using, usingHidden: left.scope.usingHidden } : {}),
    };
    let condition: Rex | undefined;
    if (from.using || from.natural) {
      const { rex, using } = this.usingColumns(from, left.scope, right.scope, fields);
      condition = rex;
      scope.using = [...(scope.using ?? []), ...using.map(({ name, rex }) => ({ name, rex }))];
      scope.usingHidden = new Set([
        ...(scope.usingHidden ?? []),
        ...using.flatMap((u) => u.hidden),
      ]);
    }
    if (from.on) {
      condition = this.expr(from.on, scope, forbid);
      if (condition.type.kind !== "BOOLEAN" && condition.type.kind !== "NULL")
        throw new SemanticError(
          `JOIN condition must be a condition, but its type is ${fmt(condition.type)}`,
          from.on.span,
        );
    }
    const names = uniquify(fields.map((f) => f.name));
    const interval = condition
      ? intervalBounds(condition, left.scope.fields, right.scope.fields)
      : undefined;
    // An interval join keeps both sides' time attributes (a regular join makes them plain).
    if (interval) {
      const attrs = [...left.scope.fields, ...right.scope.fields].map((f) => f.timeAttribute);
      fields.forEach((f, i) => {
        if (attrs[i]) fields[i] = { ...f, timeAttribute: attrs[i] };
      });
    }
    return {
      rel: {
        kind: "Join",
        joinType: from.joinType,
        inputs: [left.rel, right.rel],
        condition,
        ...(interval ? { interval } : {}),
        fields: fields.map((f, i) => ({ ...f, name: names[i] })),
      },
      scope,
    };
  }

  query(q: A.QueryExpr): RelNode {
    switch (q.kind) {
      case "Select":
        return this.select(q);
      case "Values":
        return this.values(q);
      case "Union":
        return this.union(q);
    }
  }

  private union(q: A.UnionQuery): RelNode {
    const left = this.query(q.left);
    const right = this.query(q.right);
    const opName = q.all ? "UNION ALL" : "UNION";
    if (left.fields.length !== right.fields.length) {
      throw new SemanticError(
        `Column count mismatch in ${opName}: ${left.fields.length} columns on the left, ${right.fields.length} on the right`,
        q.span,
      );
    }
    const types: LogicalType[] = [];
    for (let i = 0; i < left.fields.length; i++) {
      const t = commonType([left.fields[i].type, right.fields[i].type]);
      if (!t)
        throw new SemanticError(
          `Type mismatch in column ${i + 1} of ${opName}: ${fmt(left.fields[i].type)} and ${fmt(right.fields[i].type)}`,
          q.span,
        );
      types.push(t);
    }
    const fields = left.fields.map((f, i) => ({ name: f.name, type: types[i] }));
    const unioned: RelNode = {
      kind: "Union",
      inputs: [castTo(left, fields), castTo(right, fields)],
      fields,
    };
    if (q.all) return unioned;
    return {
      kind: "GroupAggregate",
      input: unioned,
      groupKeys: fields.map((_, i) => i),
      aggCalls: [],
      fields,
    };
  }

  private values(q: A.ValuesQuery): RelNode {
    const none: Scope = { fields: [] };
    const forbid: AggMode = {
      kind: "forbid",
      message: "Aggregate expressions are not allowed in VALUES",
    };
    // Calcite infers a bare NULL's type from the other rows only for one row; across several rows
    // (SqlValidatorImpl.inferUnknownTypes) it has no type to give it: CAST(NULL AS …) is needed.
    if (q.rows.length > 1) {
      for (const r of q.rows) {
        const bare = r.values.find((v) => v.kind === "Null");
        if (bare) throw new SemanticError("Illegal use of 'NULL'", bare.span);
      }
    }
    const rows = q.rows.map((r) => r.values.map((v) => this.expr(v, none, forbid)));
    const width = rows[0].length;
    rows.forEach((r, i) => {
      if (r.length !== width)
        throw new SemanticError(
          `Incompatible VALUES rows: row ${i + 1} has ${r.length} values, the first row has ${width}`,
          q.rows[i].span,
        );
    });
    const fields: RelField[] = [];
    for (let c = 0; c < width; c++) {
      const t = commonType(rows.map((r) => r[c].type));
      if (!t)
        throw new SemanticError(
          `Values passed to VALUES operator must have compatible types: column ${c + 1} mixes ${rows.map((r) => fmt(r[c].type)).join(", ")}`,
          q.span,
        );
      fields.push({ name: `EXPR$${c}`, type: t });
    }
    const casted = rows.map((r) => r.map((x, c) => castRex(x, fields[c].type)));
    return { kind: "Values", rows: casted, fields };
  }

  private select(q: A.SelectQuery): RelNode {
    let input: RelNode;
    let scope: Scope;
    let window: ReturnType<Analyzer["fromItem"]>["window"];
    if (q.from) {
      const f = this.fromItem(q.from);
      input = f.rel;
      scope = f.scope;
      window = f.window;
    } else {
      input = { kind: "Values", rows: [[]], fields: [] };
      scope = { fields: [] };
    }
    const where = q.where
      ? this.expr(q.where, scope, {
          kind: "forbid",
          message: "Aggregate expression is illegal in WHERE clause",
        })
      : undefined;
    if (where && where.type.kind !== "BOOLEAN" && where.type.kind !== "NULL") {
      throw new SemanticError(
        `WHERE clause must be a condition, but its type is ${fmt(where.type)}`,
        q.where!.span,
      );
    }
    const isAggregate =
      !!q.groupBy ||
      q.items.some((i) => i.kind === "Item" && containsAggregate(i.expr)) ||
      !!q.having;
    if (where) {
      // The outer filter of a Top-N / deduplication: rn <= N, rn < N or rn = N on a rank column.
      for (const c of conjuncts(where)) {
        const bound = rankBound(c);
        if (!bound) continue;
        const rank = traceRank(input, bound.index);
        if (rank) rank.rankEnd = Math.min(rank.rankEnd ?? Infinity, bound.end);
      }
      input = {
        kind: "Calc",
        input,
        projects: scope.fields.map((f, i) => input_(i, f)),
        condition: where,
        fields: scope.fields,
      };
    }
    const overItems = q.items.filter(
      (i): i is Extract<A.SelectItem, { kind: "Item" }> =>
        i.kind === "Item" && i.expr.kind === "Call" && !!i.expr.over,
    );
    // Where each OVER item's value sits in the scope after the Rank / OverAggregate node.
    const overField = new Map<A.SelectItem, number>();
    if (overItems.length > 0) {
      if (isAggregate)
        throw new SemanticError(
          "OVER windows cannot be combined with GROUP BY in one SELECT by Tributary",
          overItems[0].span,
        );
      for (const item of overItems) {
        const ref = (item.expr as A.CallExpr).over!.ref;
        if (ref) throw new SemanticError(`Window '${ref.value}' not found`, ref.span);
      }
      const isRank = (i: (typeof overItems)[number]) =>
        RANK_FUNCTIONS.includes((i.expr as A.CallExpr).name);
      const ranks = overItems.filter(isRank);
      if (ranks.length === overItems.length) {
        if (overItems.length > 1)
          throw new SemanticError(
            "Only one ROW_NUMBER() / RANK() / DENSE_RANK() OVER per SELECT is supported by Tributary",
            overItems[1].span,
          );
        const rank = this.rank(overItems[0], input, scope);
        input = rank.rel;
        scope = rank.scope;
        overField.set(overItems[0], scope.fields.length - 1);
      } else {
        if (ranks.length > 0)
          throw new SemanticError(
            "ROW_NUMBER() / RANK() / DENSE_RANK() OVER (…) for Top-N cannot be combined with OVER aggregation in one SELECT by Tributary; compute one in a subquery",
            ranks[0].span,
          );
        const over = this.overAggregate(overItems, input, scope);
        input = over.rel;
        overItems.forEach((item, j) => overField.set(item, over.firstAgg + j));
        scope = over.scope;
      }
    }

    let rel: RelNode;
    if (!isAggregate) {
      const projects: Rex[] = [];
      const names: string[] = [];
      q.items.forEach((item, pos) => {
        if (item.kind === "Star") {
          const sources = sourcesOf(scope);
          const chosen = item.qualifier
            ? sources.filter((x) => x.qualifier === item.qualifier!.value)
            : sources;
          if (item.qualifier && chosen.length === 0) {
            throw new SemanticError(
              `Table '${item.qualifier.value}' not found`,
              item.qualifier.span,
            );
          }
          const unique = uniquify(scope.fields.map((f) => f.name));
          // After USING / NATURAL, `*` shows each common column once, first (Calcite's order).
          const hidden = item.qualifier ? undefined : scope.usingHidden;
          if (hidden)
            for (const u of scope.using ?? []) {
              projects.push(u.rex);
              names.push(u.name);
            }
          for (const src of chosen)
            for (let i = src.start; i < src.start + src.count; i++) {
              if (hidden?.has(i)) continue;
              projects.push(input_(i, scope.fields[i]));
              names.push(unique[i]);
            }
          return;
        }
        const at = overField.get(item);
        projects.push(
          at !== undefined
            ? input_(at, scope.fields[at])
            : this.expr(item.expr, scope, {
                kind: "forbid",
                message: "Aggregate expressions are not allowed here",
              }),
        );
        names.push(itemName(item, pos));
      });
      rel = makeCalc(input, projects, names, scope.fields);
      if (q.distinct)
        rel = {
          kind: "GroupAggregate",
          input: rel,
          groupKeys: rel.fields.map((_, i) => i),
          aggCalls: [],
          fields: rel.fields.map((f) => ({ name: f.name, type: f.type })),
        };
      return rel;
    }
    return this.aggregate(q, input, scope, window);
  }

  private aggregate(
    q: A.SelectQuery,
    input: RelNode,
    scope: Scope,
    window: ReturnType<Analyzer["fromItem"]>["window"],
  ): RelNode {
    const groupExprs = (q.groupBy ?? []).map((g) =>
      this.expr(g, scope, {
        kind: "forbid",
        message: "Aggregate expression is illegal in GROUP BY clause",
      }),
    );
    const calls: PendingAgg[] = [];
    const selectRex: Rex[] = [];
    const names: string[] = [];
    q.items.forEach((item, pos) => {
      if (item.kind === "Star") {
        scope.fields.forEach((f, i) => {
          selectRex.push(input_(i, f, item.span));
          names.push(f.name);
        });
        return;
      }
      const name = itemName(item, pos);
      const direct =
        item.expr.kind === "Call" && lookupFunction(item.expr.name)?.kind === "aggregate";
      selectRex.push(
        this.expr(item.expr, scope, {
          kind: "collect",
          calls,
          itemName: direct ? name : undefined,
        }),
      );
      names.push(name);
    });
    const having = q.having ? this.expr(q.having, scope, { kind: "collect", calls }) : undefined;
    if (having && having.type.kind !== "BOOLEAN")
      throw new SemanticError(
        `HAVING clause must be a condition, but its type is ${fmt(having.type)}`,
        q.having!.span,
      );

    // Pre-projection: group keys, then aggregate arguments (as Flink's Calc before an aggregate).
    const pre: Rex[] = [...groupExprs];
    const preNames = groupExprs.map((g, i) => (g.kind === "input" ? g.name : `$f${i}`));
    const argIndex = (r: Rex) => {
      const k = rexKey(r);
      let i = pre.findIndex((p) => rexKey(p) === k);
      if (i < 0) {
        pre.push(r);
        preNames.push(r.kind === "input" ? r.name : `$f${pre.length - 1}`);
        i = pre.length - 1;
      }
      return i;
    };
    const nk = groupExprs.length;
    // Calcite names an aggregate after its SELECT alias, or `$f<position>` when it sits inside an expression.
    const aggCalls: AggCall[] = calls.map((c, j) => ({
      fn: c.fn,
      args: c.args.map(argIndex),
      distinct: c.distinct,
      type: c.type,
      name: c.name || `$f${nk + j}`,
    }));
    const preRel = makeCalc(input, pre, uniquify(preNames), scope.fields);
    // GROUPING SETS: a key some set leaves out is NULL in that set's rows.
    const sets =
      q.groupingSets && !(q.groupingSets.length === 1 && q.groupingSets[0].length === nk)
        ? q.groupingSets
        : undefined;
    const aggFields: RelField[] = [
      ...preRel.fields.slice(0, nk).map((f, i) => ({
        name: f.name,
        type: sets && sets.some((g) => !g.includes(i)) ? withNull(f.type, true) : f.type,
      })),
      ...aggCalls.map((a) => ({ name: a.name, type: a.type })),
    ];
    const keys = groupExprs.map((_, i) => i);
    const groupIdx = new Map(groupExprs.map((g, i) => [rexKey(g), i]));
    for (const c of calls) {
      if (!GROUPING_FUNCTIONS.includes(c.fn)) continue;
      for (const a of c.args)
        if (!groupIdx.has(rexKey(a)))
          throw new SemanticError(
            "Argument to GROUPING operator must be a grouped expression",
            a.span ?? q.span,
          );
    }
    let aggRel: RelNode;
    const groupsWindow =
      window &&
      groupExprs.some((g) => g.kind === "input" && g.index === window.startIdx) &&
      groupExprs.some((g) => g.kind === "input" && g.index === window.endIdx);
    if (groupsWindow && window && sets)
      throw new SemanticError(
        "GROUPING SETS, ROLLUP and CUBE over a window table function are not supported by Tributary yet; group by window_start, window_end and the keys",
        q.span,
      );
    if (groupsWindow && window) {
      const timeKey = groupExprs.findIndex((g) => g.kind === "input" && g.index === window.timeIdx);
      if (timeKey >= 0) aggFields[timeKey] = { ...aggFields[timeKey], timeAttribute: "rowtime" };
      aggRel = {
        kind: "WindowAggregate",
        input: preRel,
        window: window.spec,
        groupKeys: keys,
        aggCalls,
        fields: uniquifyFields(aggFields),
      };
    } else {
      aggRel = {
        kind: "GroupAggregate",
        input: preRel,
        groupKeys: keys,
        ...(sets ? { groupingSets: sets } : {}),
        aggCalls,
        fields: uniquifyFields(aggFields),
      };
    }
    const rewrite = (r: Rex): Rex => {
      const gi = groupIdx.get(rexKey(r));
      if (gi !== undefined) return input_(gi, aggRel.fields[gi], r.span);
      switch (r.kind) {
        case "input":
          throw new SemanticError(`Expression '${r.name}' is not being grouped`, r.span ?? q.span);
        case "literal":
          return r;
        case "call":
          if (r.op === "$AGG") {
            const ai = (r.operands[0] as { value: number }).value;
            return input_(nk + ai, aggRel.fields[nk + ai], r.span);
          }
          return { ...r, operands: r.operands.map(rewrite) };
        case "cast":
          return { ...r, operand: rewrite(r.operand) };
        case "field":
          return { ...r, operand: rewrite(r.operand) };
      }
    };
    const projects = selectRex.map(rewrite);
    const condition = having ? rewrite(having) : undefined;
    let out = makeCalc(aggRel, projects, names, aggRel.fields);
    if (condition) {
      out = { kind: "Calc", input: aggRel, projects, condition, fields: out.fields };
    }
    if (q.distinct)
      out = {
        kind: "GroupAggregate",
        input: out,
        groupKeys: out.fields.map((_, i) => i),
        aggCalls: [],
        fields: out.fields,
      };
    return out;
  }
}

function spanOfIds(a: A.Identifier, b: A.Identifier): SourceSpan {
  return {
    line: a.span.line,
    column: a.span.column,
    endLine: b.span.endLine,
    endColumn: b.span.endColumn,
  };
}

function input_(index: number, f: RelField, span?: SourceSpan): Rex {
  return input(index, f, span);
}

export function containsAggregate(e: A.Expr): boolean {
  switch (e.kind) {
    case "Call":
      return (
        (lookupFunction(e.name)?.kind === "aggregate" && !e.over) || e.args.some(containsAggregate)
      );
    case "Unary":
      return containsAggregate(e.operand);
    case "Binary":
      return containsAggregate(e.left) || containsAggregate(e.right);
    case "Is":
      return containsAggregate(e.operand);
    case "Between":
      return [e.operand, e.low, e.high].some(containsAggregate);
    case "InList":
      return containsAggregate(e.operand) || e.list.some(containsAggregate);
    case "Like":
      return containsAggregate(e.operand) || containsAggregate(e.pattern);
    case "Cast":
      return containsAggregate(e.operand);
    case "Case":
      return (
        (!!e.operand && containsAggregate(e.operand)) ||
        e.whens.some((w) => containsAggregate(w.when) || containsAggregate(w.then)) ||
        (!!e.elseExpr && containsAggregate(e.elseExpr))
      );
    case "Constructor":
      return e.args.some(containsAggregate);
    case "FieldAccess":
      return containsAggregate(e.operand);
    case "Index":
      return containsAggregate(e.operand) || containsAggregate(e.index);
    default:
      return false;
  }
}

function itemName(item: Extract<A.SelectItem, { kind: "Item" }>, pos: number): string {
  if (item.alias) return item.alias.value;
  if (item.expr.kind === "Column") return item.expr.names[item.expr.names.length - 1].value;
  if (item.expr.kind === "FieldAccess") return item.expr.field.value;
  return `EXPR$${pos}`;
}

/** Calcite's SqlValidatorUtil.uniquify: a repeated name gets a numeric suffix (a, a0, a1). */
export function uniquify(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 0; seen.has(name); i++) name = `${n}${i}`;
    seen.add(name);
    return name;
  });
}

function uniquifyFields(fields: RelField[]): RelField[] {
  const names = uniquify(fields.map((f) => f.name));
  return fields.map((f, i) => ({ ...f, name: names[i] }));
}

/** The AND-ed parts of a condition. */
function conjuncts(r: Rex): Rex[] {
  return r.kind === "call" && r.op === "AND" ? r.operands.flatMap(conjuncts) : [r];
}

/** `col <= N`, `col < N`, `col = N` (or mirrored) with an integer literal: the rank range's end. */
function rankBound(r: Rex): { index: number; end: number } | undefined {
  if (r.kind !== "call" || r.operands.length !== 2) return undefined;
  let [a, b] = r.operands;
  let op = r.op;
  const flip: Record<string, string> = { ">=": "<=", ">": "<", "=": "=" };
  if (a.kind === "literal" && b.kind === "input" && flip[op]) {
    [a, b] = [b, a];
    op = flip[op];
  }
  if (a.kind !== "input" || b.kind !== "literal") return undefined;
  const n =
    typeof b.value === "bigint" ? Number(b.value) : typeof b.value === "number" ? b.value : NaN;
  if (!Number.isInteger(n)) return undefined;
  if (op === "<=" || op === "=") return { index: a.index, end: n };
  if (op === "<") return { index: a.index, end: n - 1 };
  return undefined;
}

/** The Rank whose rank column `index` of `rel` is, through column-only projections. */
function traceRank(rel: RelNode, index: number): Extract<RelNode, { kind: "Rank" }> | undefined {
  if (rel.kind === "Rank") return index === rel.fields.length - 1 ? rel : undefined;
  if (rel.kind === "Calc" && !rel.condition) {
    const p = rel.projects[index];
    return p?.kind === "input" ? traceRank(rel.input, p.index) : undefined;
  }
  if (rel.kind === "Calc" || rel.kind === "WatermarkAssigner") {
    const p = rel.kind === "Calc" ? rel.projects[index] : undefined;
    if (rel.kind === "Calc") return p?.kind === "input" ? traceRank(rel.input, p.index) : undefined;
    return traceRank(rel.input, index);
  }
  return undefined;
}

function makeCalc(
  inputRel: RelNode,
  projects: Rex[],
  names: string[],
  inputFields: RelField[],
): RelNode {
  const unique = uniquify(names);
  const fields: RelField[] = projects.map((p, i) => ({
    name: unique[i],
    type: p.type,
    timeAttribute: p.kind === "input" ? inputFields[p.index]?.timeAttribute : undefined,
  }));
  const identity =
    projects.length === inputFields.length &&
    projects.every((p, i) => p.kind === "input" && p.index === i);
  if (identity) return { ...inputRel, fields } as RelNode;
  // Merge into an existing filter-only Calc below, as Flink's CalcMergeRule would.
  if (
    inputRel.kind === "Calc" &&
    inputRel.projects.every((p, i) => p.kind === "input" && p.index === i) &&
    inputRel.condition
  ) {
    return {
      kind: "Calc",
      input: inputRel.input,
      projects,
      condition: inputRel.condition,
      fields,
    } satisfies Calc;
  }
  return { kind: "Calc", input: inputRel, projects, fields };
}

function renameFields(rel: RelNode, names: string[]): RelNode {
  if (rel.fields.every((f, i) => f.name === names[i])) return rel;
  return {
    ...rel,
    fields: rel.fields.map((f, i) => ({ ...f, name: names[i] ?? f.name })),
  } as RelNode;
}

export function castRex(r: Rex, type: LogicalType): Rex {
  if (sameTypeIgnoringNull(r.type, type)) return r;
  if (r.kind === "literal" && r.value === null) return { ...r, type: withNull(type, true) };
  return {
    kind: "cast",
    operand: r,
    type: withNull(type, r.type.nullable),
    safe: false,
    span: r.span,
  };
}

function castTo(rel: RelNode, fields: RelField[]): RelNode {
  if (rel.fields.every((f, i) => sameTypeIgnoringNull(f.type, fields[i].type))) return rel;
  const projects = rel.fields.map((f, i) => castRex(input(i, f), fields[i].type));
  return {
    kind: "Calc",
    input: rel,
    projects,
    fields: rel.fields.map((f, i) => ({ name: f.name, type: projects[i].type })),
  };
}

export { supportsImplicitCast, isExactNumeric };

/**
 * Flink's IntervalJoinUtil.extractWindowBoundsFromPredicate, for the forms users write: among
 * the condition's conjuncts, comparisons (or BETWEEN) of a time attribute of each side, either
 * plus or minus an interval literal, that bound `left.time - right.time` from below and above
 * (strict comparisons move the bound by a millisecond). Both bounds, on attributes of one kind
 * (rowtime or proctime), make the join an interval join.
 */
function intervalBounds(
  condition: Rex,
  left: RelField[],
  right: RelField[],
): JoinRelInterval | undefined {
  const n = left.length;
  const fields = [...left, ...right];
  type Term = { side: "L" | "R"; index: number; offset: number };
  const term = (r: Rex): Term | undefined => {
    if (r.kind === "input" && fields[r.index]?.timeAttribute)
      return { side: r.index < n ? "L" : "R", index: r.index, offset: 0 };
    if (r.kind === "call" && (r.op === "+" || r.op === "-") && r.operands.length === 2) {
      const [a, b] = r.operands;
      const t = term(a);
      if (t && b.kind === "literal" && b.type.kind === "INTERVAL_DAY_TIME" && b.value !== null) {
        const ms = Number(b.value as bigint);
        return { ...t, offset: t.offset + (r.op === "+" ? ms : -ms) };
      }
    }
    return undefined;
  };
  let lower: number | undefined;
  let upper: number | undefined;
  let timeIdx: { l: number; r: number } | undefined;
  // `a op b` as a bound on L - R.
  const bound = (a: Rex, op: string, b: Rex) => {
    const ta = term(a);
    const tb = term(b);
    if (!ta || !tb || ta.side === tb.side) return;
    const kind = (t: Term) => fields[t.index].timeAttribute;
    if (kind(ta) !== kind(tb)) return;
    // L + oa op R + ob  ⇔  L - R op ob - oa; with R first, the comparison flips.
    const [l, r, flip] = ta.side === "L" ? [ta, tb, false] : [tb, ta, true];
    const k = ta.side === "L" ? tb.offset - ta.offset : ta.offset - tb.offset;
    const o = flip
      ? ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as Record<string, string>)[op]
      : op;
    if (timeIdx && (timeIdx.l !== l.index || timeIdx.r !== r.index)) return;
    timeIdx = { l: l.index, r: r.index };
    if (o === ">=" || o === ">") lower = Math.max(lower ?? -Infinity, o === ">" ? k + 1 : k);
    if (o === "<=" || o === "<") upper = Math.min(upper ?? Infinity, o === "<" ? k - 1 : k);
  };
  const conjuncts = (r: Rex): Rex[] =>
    r.kind === "call" && r.op === "AND" ? r.operands.flatMap(conjuncts) : [r];
  for (const c of conjuncts(condition)) {
    if (c.kind !== "call") continue;
    if ([">=", ">", "<=", "<"].includes(c.op) && c.operands.length === 2)
      bound(c.operands[0], c.op, c.operands[1]);
    if (c.op === "BETWEEN" && c.operands.length === 3) {
      bound(c.operands[0], ">=", c.operands[1]);
      bound(c.operands[0], "<=", c.operands[2]);
    }
  }
  if (lower === undefined || upper === undefined || !timeIdx) return undefined;
  return {
    rowtime: fields[timeIdx.l].timeAttribute === "rowtime",
    lower,
    upper,
    leftTimeIndex: timeIdx.l,
    rightTimeIndex: timeIdx.r - n,
  };
}

type JoinRelInterval = NonNullable<Extract<RelNode, { kind: "Join" }>["interval"]>;
