/**
 * Compiles Rex expressions (lib/sql/rel.ts) into closures over a row, for Calc's projection and
 * filter. This is the runtime's one adapter to expression evaluation: when lib/sql/evaluate.ts
 * lands it replaces the body of compileRex. Semantics follow Flink's generated code for the
 * operators covered: SQL three-valued logic, NULL propagation, Java int/long overflow, and a
 * clear error for anything not covered instead of a wrong value.
 */
import type { Rex } from "@/lib/sql/rel";
import { javaDoubleToString, javaFloatToString } from "@/lib/formats/common/java-number";
import { formatIsoDate, formatLocalDateTime } from "@/lib/formats/common/temporal";
import { parseBigDecimal, parseJavaDouble, parseJavaInt, parseJavaLong, setScaleHalfUp } from "@/lib/formats/common/java-parse";
import { Decimal, MapValue, Timestamp, type LogicalType, type Value } from "@/lib/types/logical-type";

export type RowFn = (row: readonly Value[]) => Value;

export class UnsupportedExpressionError extends Error {
  constructor(what: string) {
    super(`${what} is not supported by Tributary's runtime yet.`);
    this.name = "UnsupportedExpressionError";
  }
}

export function compileRex(rex: Rex): RowFn {
  switch (rex.kind) {
    case "input": {
      const i = rex.index;
      return (row) => row[i];
    }
    case "literal": {
      const v = rex.value;
      return () => v;
    }
    case "field": {
      const inner = compileRex(rex.operand);
      const i = rex.index;
      return (row) => {
        const v = inner(row) as Value[] | null;
        return v === null ? null : v[i];
      };
    }
    case "cast": {
      const inner = compileRex(rex.operand);
      const convert = castFn(rex.operand.type, rex.type);
      const safe = rex.safe;
      return (row) => {
        const v = inner(row);
        if (v === null) return null;
        if (!safe) return convert(v);
        try {
          return convert(v);
        } catch {
          return null;
        }
      };
    }
    case "call":
      return compileCall(rex.op, rex.operands, rex.type);
  }
}

function compileCall(op: string, operands: Rex[], type: LogicalType): RowFn {
  const args = operands.map(compileRex);
  const [a, b] = args;
  switch (op) {
    case "AND":
      return (row) => {
        let sawNull = false;
        for (const f of args) {
          const v = f(row);
          if (v === false) return false;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : true;
      };
    case "OR":
      return (row) => {
        let sawNull = false;
        for (const f of args) {
          const v = f(row);
          if (v === true) return true;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : false;
      };
    case "NOT":
      return (row) => {
        const v = a(row);
        return v === null ? null : !v;
      };
    case "IS_NULL":
      return (row) => a(row) === null;
    case "IS_NOT_NULL":
      return (row) => a(row) !== null;
    case "IS_TRUE":
      return (row) => a(row) === true;
    case "IS_NOT_TRUE":
      return (row) => a(row) !== true;
    case "IS_FALSE":
      return (row) => a(row) === false;
    case "IS_NOT_FALSE":
      return (row) => a(row) !== false;
    case "=":
    case "<>":
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const test = COMPARE[op];
      return (row) => {
        const x = a(row);
        const y = b(row);
        if (x === null || y === null) return null;
        return test(compareValues(x, y));
      };
    }
    case "BETWEEN":
    case "NOT_BETWEEN": {
      const c = args[2];
      const negate = op === "NOT_BETWEEN";
      return (row) => {
        const x = a(row);
        const lo = b(row);
        const hi = c(row);
        if (x === null || lo === null || hi === null) return null;
        const inside = compareValues(x, lo) >= 0 && compareValues(x, hi) <= 0;
        return negate ? !inside : inside;
      };
    }
    case "IN":
    case "NOT_IN": {
      const negate = op === "NOT_IN";
      const list = args.slice(1);
      return (row) => {
        const x = a(row);
        if (x === null) return null;
        let sawNull = false;
        for (const f of list) {
          const y = f(row);
          if (y === null) sawNull = true;
          else if (compareValues(x, y) === 0) return !negate;
        }
        return sawNull ? null : negate;
      };
    }
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return arithmetic(op, a, b, type);
    case "NEG":
      return (row) => {
        const v = a(row);
        if (v === null) return null;
        if (typeof v === "bigint") return BigInt.asIntN(64, -v);
        if (v instanceof Decimal) return new Decimal(-v.unscaled, v.scale);
        return type.kind === "INT" ? -(v as number) | 0 : -(v as number);
      };
    case "||":
      return (row) => {
        const x = a(row);
        const y = b(row);
        return x === null || y === null ? null : String(x) + String(y);
      };
    case "UPPER":
      return (row) => {
        const v = a(row);
        return v === null ? null : (v as string).toUpperCase();
      };
    case "LOWER":
      return (row) => {
        const v = a(row);
        return v === null ? null : (v as string).toLowerCase();
      };
    case "CHAR_LENGTH":
    case "CHARACTER_LENGTH":
      return (row) => {
        const v = a(row);
        return v === null ? null : (v as string).length;
      };
    case "COALESCE":
      return (row) => {
        for (const f of args) {
          const v = f(row);
          if (v !== null) return v;
        }
        return null;
      };
    case "CASE":
      return (row) => {
        const last = args.length - 1;
        for (let i = 0; i + 1 < args.length; i += 2) {
          if (args[i](row) === true) return args[i + 1](row);
        }
        return args.length % 2 === 1 ? args[last](row) : null;
      };
    case "TO_TIMESTAMP_LTZ":
      return (row) => {
        const v = a(row);
        if (v === null) return null;
        const precision = b ? Number(b(row)) : 3;
        const n = Number(v as number | bigint);
        return Timestamp.fromEpochMillis(precision === 0 ? n * 1000 : n);
      };
    case "ROW":
      return (row) => args.map((f) => f(row));
    case "ARRAY":
      return (row) => args.map((f) => f(row));
    case "MAP":
      return (row) => {
        const entries: Array<[Value, Value]> = [];
        for (let i = 0; i + 1 < args.length; i += 2) entries.push([args[i](row), args[i + 1](row)]);
        return new MapValue(entries);
      };
    default:
      throw new UnsupportedExpressionError(`The function or operator ${op}`);
  }
}

const COMPARE: Record<string, (c: number) => boolean> = {
  "=": (c) => c === 0,
  "<>": (c) => c !== 0,
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
};

export function compareValues(x: Value, y: Value): number {
  if (typeof x === "number" && typeof y === "number") return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === "string" && typeof y === "string") return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === "boolean" && typeof y === "boolean") return Number(x) - Number(y);
  if (x instanceof Timestamp && y instanceof Timestamp) {
    return x.epochMillis !== y.epochMillis
      ? Math.sign(x.epochMillis - y.epochMillis)
      : Math.sign(x.nanoOfMillisecond - y.nanoOfMillisecond);
  }
  if (isNumeric(x) && isNumeric(y)) {
    const dx = toDecimal(x);
    const dy = toDecimal(y);
    const scale = Math.max(dx.scale, dy.scale);
    const ux = dx.unscaled * 10n ** BigInt(scale - dx.scale);
    const uy = dy.unscaled * 10n ** BigInt(scale - dy.scale);
    return ux < uy ? -1 : ux > uy ? 1 : 0;
  }
  if (x instanceof Uint8Array && y instanceof Uint8Array) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }
  throw new UnsupportedExpressionError("Comparing these values");
}

function isNumeric(v: Value): v is number | bigint | Decimal {
  return typeof v === "number" || typeof v === "bigint" || v instanceof Decimal;
}

function toDecimal(v: number | bigint | Decimal): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === "bigint") return new Decimal(v, 0);
  if (Number.isInteger(v)) return new Decimal(BigInt(v), 0);
  return Decimal.parse(String(v));
}

function arithmetic(op: string, a: RowFn, b: RowFn, type: LogicalType): RowFn {
  const kind = type.kind;
  if (kind === "TINYINT" || kind === "SMALLINT" || kind === "INT") {
    const bits = kind === "INT" ? 32 : kind === "SMALLINT" ? 16 : 8;
    const wrap = (n: number) => (bits === 32 ? n | 0 : (n << (32 - bits)) >> (32 - bits));
    return numeric(a, b, (x, y) => {
      const p = Number(x);
      const q = Number(y);
      switch (op) {
        case "+":
          return wrap(p + q);
        case "-":
          return wrap(p - q);
        case "*":
          return wrap(Math.imul(p, q));
        case "/":
          if (q === 0) throw new ArithmeticError("/ by zero");
          return wrap(Math.trunc(p / q));
        default:
          if (q === 0) throw new ArithmeticError("/ by zero");
          return wrap(p % q);
      }
    });
  }
  if (kind === "BIGINT") {
    return numeric(a, b, (x, y) => {
      const p = BigInt(x as number | bigint);
      const q = BigInt(y as number | bigint);
      if ((op === "/" || op === "%") && q === 0n) throw new ArithmeticError("/ by zero");
      const r = op === "+" ? p + q : op === "-" ? p - q : op === "*" ? p * q : op === "/" ? p / q : p % q;
      return BigInt.asIntN(64, r);
    });
  }
  if (kind === "DOUBLE" || kind === "FLOAT") {
    const round = kind === "FLOAT" ? Math.fround : (n: number) => n;
    return numeric(a, b, (x, y) => {
      const p = toNumber(x);
      const q = toNumber(y);
      return round(op === "+" ? p + q : op === "-" ? p - q : op === "*" ? p * q : op === "/" ? p / q : p % q);
    });
  }
  if (kind === "DECIMAL" && (op === "+" || op === "-" || op === "*")) {
    return numeric(a, b, (x, y) => {
      const p = toDecimal(x as number | bigint | Decimal);
      const q = toDecimal(y as number | bigint | Decimal);
      let r: Decimal;
      if (op === "*") r = new Decimal(p.unscaled * q.unscaled, p.scale + q.scale);
      else {
        const s = Math.max(p.scale, q.scale);
        const up = p.unscaled * 10n ** BigInt(s - p.scale);
        const uq = q.unscaled * 10n ** BigInt(s - q.scale);
        r = new Decimal(op === "+" ? up + uq : up - uq, s);
      }
      return setScaleHalfUp(r, type.scale);
    });
  }
  throw new UnsupportedExpressionError(`Operator ${op} on ${kind}`);
}

class ArithmeticError extends Error {
  override name = "ArithmeticException";
}

function numeric(a: RowFn, b: RowFn, f: (x: Value, y: Value) => Value): RowFn {
  return (row) => {
    const x = a(row);
    const y = b(row);
    return x === null || y === null ? null : f(x, y);
  };
}

function toNumber(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Decimal) return Number(v.toString());
  throw new UnsupportedExpressionError("This numeric conversion");
}

/** CAST between the common types; the value is never null here. */
function castFn(from: LogicalType, to: LogicalType): (v: Value) => Value {
  switch (to.kind) {
    case "CHAR":
    case "VARCHAR":
      return (v) => {
        const s = valueToString(v, from);
        return to.kind === "CHAR" ? s.padEnd(to.length, " ").slice(0, to.length) : s.length > to.length ? s.slice(0, to.length) : s;
      };
    case "TINYINT":
    case "SMALLINT":
    case "INT": {
      const bits = to.kind === "INT" ? 32 : to.kind === "SMALLINT" ? 16 : 8;
      return (v) => {
        if (typeof v === "string") return parseJavaInt(v.trim(), bits);
        if (typeof v === "boolean") return v ? 1 : 0;
        const n = typeof v === "bigint" ? Number(BigInt.asIntN(32, v)) : Math.trunc(toNumber(v));
        return bits === 32 ? n | 0 : (n << (32 - bits)) >> (32 - bits);
      };
    }
    case "BIGINT":
      return (v) => {
        if (typeof v === "string") return parseJavaLong(v.trim());
        if (typeof v === "bigint") return v;
        if (typeof v === "boolean") return v ? 1n : 0n;
        if (v instanceof Decimal) return BigInt.asIntN(64, v.unscaled / 10n ** BigInt(Math.max(0, v.scale)));
        return BigInt(Math.trunc(v as number));
      };
    case "DOUBLE":
    case "FLOAT":
      return (v) => {
        const n = typeof v === "string" ? parseJavaDouble(v.trim()) : toNumber(v);
        return to.kind === "FLOAT" ? Math.fround(n) : n;
      };
    case "DECIMAL":
      return (v) => {
        const d = typeof v === "string" ? parseBigDecimal(v.trim()) : toDecimal(v as number | bigint | Decimal);
        return setScaleHalfUp(d, to.scale);
      };
    case "BOOLEAN":
      return (v) => {
        if (typeof v === "boolean") return v;
        if (typeof v === "string") {
          const t = v.trim().toLowerCase();
          if (t === "true") return true;
          if (t === "false") return false;
          throw new Error(`Cannot cast '${v}' to BOOLEAN`);
        }
        return toNumber(v) !== 0;
      };
    default:
      if (from.kind === to.kind) return (v) => v;
      if ((from.kind === "TIMESTAMP" || from.kind === "TIMESTAMP_LTZ") && (to.kind === "TIMESTAMP" || to.kind === "TIMESTAMP_LTZ")) {
        // Session time zone is UTC unless SET; other zones need lib/sql/evaluate.ts.
        return (v) => v;
      }
      if ((from.kind === "BINARY" || from.kind === "VARBINARY") && (to.kind === "BINARY" || to.kind === "VARBINARY")) return (v) => v;
      throw new UnsupportedExpressionError(`CAST from ${from.kind} to ${to.kind}`);
  }
}

function valueToString(v: Value, type: LogicalType): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "number") {
    if (type.kind === "DOUBLE") return javaDoubleToString(v);
    if (type.kind === "FLOAT") return javaFloatToString(v);
    if (type.kind === "DATE") return formatIsoDate(v);
    return String(v);
  }
  if (v instanceof Decimal) return v.toPlainString();
  if (v instanceof Timestamp) return formatLocalDateTime(v, " ");
  throw new UnsupportedExpressionError(`CAST of ${type.kind} to STRING`);
}
