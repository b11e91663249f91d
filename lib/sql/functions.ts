/**
 * Flink's built-in functions that Tributary type-checks and evaluates: the signatures users may
 * call and the return type Flink infers for each (nullability included: a function is nullable
 * when an argument is, unless Flink forces it). Messages follow Calcite's wording:
 * "Cannot apply 'F' to arguments of type 'F(<T>)'. Supported form(s): '…'".
 */
import {
  isCharacterString,
  isExactNumeric,
  isIntegerType,
  isNumeric,
  isTimestamp,
  sameTypeIgnoringNull,
  commonType,
  isBinaryString,
  familyOf,
  toDecimal,
} from "@/lib/sql/types";
import { BUILTINS, roundType } from "@/lib/sql/builtins";
import { MAX_LENGTH, T, typeToString, type LogicalType } from "@/lib/types/logical-type";

export interface FnArg {
  type: LogicalType;
  /** The literal value when the argument is a literal (for precision arguments and the like). */
  literal?: unknown;
}

export type FnKind = "scalar" | "aggregate";

export interface FunctionDef {
  name: string;
  kind: FnKind;
  /** Human-readable signatures, shown when a call does not match. */
  signatures: string[];
  minArgs: number;
  maxArgs: number;
  /** The return type, or a message saying why these arguments are wrong (null: generic mismatch). */
  infer(args: FnArg[]): LogicalType | { error: string | null };
  /** Non-deterministic functions (evaluated per row); used by explain and constant folding. */
  dynamic?: boolean;
  /** Declares the result a processing-time attribute (PROCTIME()). */
  proctime?: boolean;
}

const anyNullable = (args: FnArg[]) => args.some((a) => a.type.nullable);
const nullableIf = (t: LogicalType, nullable: boolean): LogicalType =>
  ({ ...t, nullable }) as LogicalType;
const mismatch = { error: null };

const isString = (t: LogicalType) => isCharacterString(t) || t.kind === "NULL";
const isInt = (t: LogicalType) => isIntegerType(t) || t.kind === "NULL";
const isNum = (t: LogicalType) => isNumeric(t) || t.kind === "NULL";
const lengthOf = (t: LogicalType) => ("length" in t ? t.length : MAX_LENGTH);

function varchar(len: number, nullable: boolean): LogicalType {
  return T.varchar(Math.min(MAX_LENGTH, Math.max(1, len)), nullable);
}

function def(
  name: string,
  kind: FnKind,
  signatures: string[],
  minArgs: number,
  maxArgs: number,
  infer: FunctionDef["infer"],
  extra: Partial<FunctionDef> = {},
): FunctionDef {
  return { name, kind, signatures, minArgs, maxArgs, infer, ...extra };
}

/** Flink's adjustment when a DECIMAL result would exceed precision 38 (LogicalTypeMerging). */
export function adjustDecimal(
  precision: number,
  scale: number,
): { precision: number; scale: number } {
  if (precision <= 38) return { precision, scale };
  const intDigits = precision - scale;
  const minScale = Math.min(scale, 6);
  return { precision: 38, scale: Math.max(38 - intDigits, minScale) };
}

const caseConversion = (name: string) =>
  def(name, "scalar", [`${name}(<STRING>)`], 1, 1, ([a]) =>
    isString(a.type) ? (a.type.kind === "NULL" ? T.string() : a.type) : mismatch,
  );

const FUNCTIONS: FunctionDef[] = [
  caseConversion("UPPER"),
  caseConversion("LOWER"),
  def(
    "TRIM",
    "scalar",
    ["TRIM([BOTH | LEADING | TRAILING] [<STRING>] FROM <STRING>)"],
    1,
    2,
    (args) =>
      args.every((a) => isString(a.type))
        ? varchar(lengthOf(args[0].type), anyNullable(args))
        : mismatch,
  ),
  def("CONCAT", "scalar", ["CONCAT(<STRING>, <STRING>, ...)"], 1, 255, (args) =>
    args.every((a) => isString(a.type))
      ? varchar(
          args.reduce((n, a) => n + (a.type.kind === "NULL" ? 0 : lengthOf(a.type)), 0),
          anyNullable(args),
        )
      : mismatch,
  ),
  def("CONCAT_WS", "scalar", ["CONCAT_WS(<STRING> separator, <STRING>, ...)"], 2, 255, (args) =>
    args.every((a) => isString(a.type)) ? varchar(MAX_LENGTH, args[0].type.nullable) : mismatch,
  ),
  def(
    "SUBSTRING",
    "scalar",
    [
      "SUBSTRING(<STRING> FROM <INTEGER> [FOR <INTEGER>])",
      "SUBSTRING(<STRING>, <INTEGER> [, <INTEGER>])",
    ],
    2,
    3,
    (args) =>
      isString(args[0].type) && args.slice(1).every((a) => isInt(a.type))
        ? varchar(lengthOf(args[0].type), anyNullable(args))
        : mismatch,
  ),
  def(
    "REPLACE",
    "scalar",
    ["REPLACE(<STRING>, <STRING> search, <STRING> replacement)"],
    3,
    3,
    (args) => (args.every((a) => isString(a.type)) ? T.string(anyNullable(args)) : mismatch),
  ),
  def("CHAR_LENGTH", "scalar", ["CHAR_LENGTH(<STRING>)"], 1, 1, ([a]) =>
    isString(a.type) ? T.int(a.type.nullable) : mismatch,
  ),
  def("CHR", "scalar", ["CHR(<INTEGER>)"], 1, 1, ([a]) =>
    isInt(a.type) ? T.char(1, a.type.nullable) : mismatch,
  ),
  def(
    "REGEXP_EXTRACT",
    "scalar",
    ["REGEXP_EXTRACT(<STRING>, <STRING> regex [, <INTEGER> group])"],
    2,
    3,
    (args) =>
      isString(args[0].type) && isString(args[1].type) && (args.length < 3 || isInt(args[2].type))
        ? T.string(true)
        : mismatch,
  ),
  def(
    "SPLIT_INDEX",
    "scalar",
    ["SPLIT_INDEX(<STRING>, <STRING> separator, <INTEGER> index)"],
    3,
    3,
    (args) =>
      isString(args[0].type) && isString(args[1].type) && isInt(args[2].type)
        ? T.string(true)
        : mismatch,
  ),
  def("POSITION", "scalar", ["POSITION(<STRING> IN <STRING>)"], 2, 2, (args) =>
    args.every((a) => isString(a.type)) ? T.int(anyNullable(args)) : mismatch,
  ),
  def("CURRENT_TIMESTAMP", "scalar", ["CURRENT_TIMESTAMP"], 0, 0, () => T.timestampLtz(3, false), {
    dynamic: true,
  }),
  def("NOW", "scalar", ["NOW()"], 0, 0, () => T.timestampLtz(3, false), { dynamic: true }),
  def(
    "CURRENT_ROW_TIMESTAMP",
    "scalar",
    ["CURRENT_ROW_TIMESTAMP()"],
    0,
    0,
    () => T.timestampLtz(3, false),
    { dynamic: true },
  ),
  def("LOCALTIMESTAMP", "scalar", ["LOCALTIMESTAMP"], 0, 0, () => T.timestamp(3, false), {
    dynamic: true,
  }),
  def("CURRENT_DATE", "scalar", ["CURRENT_DATE"], 0, 0, () => T.date(false), { dynamic: true }),
  def("CURRENT_TIME", "scalar", ["CURRENT_TIME"], 0, 0, () => T.time(0, false), { dynamic: true }),
  def("LOCALTIME", "scalar", ["LOCALTIME"], 0, 0, () => T.time(0, false), { dynamic: true }),
  def("PROCTIME", "scalar", ["PROCTIME()"], 0, 0, () => T.timestampLtz(3, false), {
    dynamic: true,
    proctime: true,
  }),
  def(
    "DATE_FORMAT",
    "scalar",
    ["DATE_FORMAT(<TIMESTAMP>, <STRING> format)", "DATE_FORMAT(<STRING>, <STRING> format)"],
    2,
    2,
    (args) =>
      (isTimestamp(args[0].type) || isString(args[0].type)) && isString(args[1].type)
        ? T.string(anyNullable(args))
        : mismatch,
  ),
  def("TO_TIMESTAMP", "scalar", ["TO_TIMESTAMP(<STRING> [, <STRING> format])"], 1, 2, (args) =>
    args.every((a) => isString(a.type)) ? T.timestamp(3, true) : mismatch,
  ),
  def(
    "TO_TIMESTAMP_LTZ",
    "scalar",
    [
      "TO_TIMESTAMP_LTZ(<NUMERIC> [, <INTEGER> precision])",
      "TO_TIMESTAMP_LTZ(<STRING> [, <STRING> format [, <STRING> timezone]])",
    ],
    1,
    3,
    (args) => {
      if (isNum(args[0].type) && args[0].type.kind !== "NULL") {
        if (args.length > 2 || (args[1] && !isInt(args[1].type))) return mismatch;
        if (
          args[1] &&
          args[1].literal !== undefined &&
          args[1].literal !== 0 &&
          args[1].literal !== 3
        ) {
          return {
            error: `The precision value '${String(args[1].literal)}' for function TO_TIMESTAMP_LTZ(numeric, precision) is unsupported, the supported value is '0' for second or '3' for millisecond.`,
          };
        }
        return T.timestampLtz(3, anyNullable(args));
      }
      if (args.every((a) => isString(a.type))) return T.timestampLtz(3, true);
      return mismatch;
    },
  ),
  def(
    "UNIX_TIMESTAMP",
    "scalar",
    ["UNIX_TIMESTAMP()", "UNIX_TIMESTAMP(<STRING> [, <STRING> format])"],
    0,
    2,
    (args) => (args.every((a) => isString(a.type)) ? T.bigint(anyNullable(args)) : mismatch),
    { dynamic: true },
  ),
  def(
    "FROM_UNIXTIME",
    "scalar",
    ["FROM_UNIXTIME(<INTEGER> seconds [, <STRING> format])"],
    1,
    2,
    (args) =>
      isInt(args[0].type) && (args.length < 2 || isString(args[1].type))
        ? T.string(anyNullable(args))
        : mismatch,
  ),
  def("JSON_VALUE", "scalar", ["JSON_VALUE(<STRING> json, <STRING> path)"], 2, 2, (args) =>
    args.every((a) => isString(a.type)) ? T.string(true) : mismatch,
  ),
  def("ABS", "scalar", ["ABS(<NUMERIC>)"], 1, 1, ([a]) => (isNumeric(a.type) ? a.type : mismatch)),
  def("MOD", "scalar", ["MOD(<EXACT_NUMERIC>, <EXACT_NUMERIC>)"], 2, 2, ([a, b]) => {
    if (!isExactNumeric(a.type) || !isExactNumeric(b.type)) return mismatch;
    return modType(a.type, b.type);
  }),
  def("ROUND", "scalar", ["ROUND(<NUMERIC> [, <INTEGER> digits])"], 1, 2, roundType),
  ...["FLOOR", "CEIL"].map((name) =>
    def(name, "scalar", [`${name}(<NUMERIC>)`], 1, 1, ([a]) => {
      if (!isNumeric(a.type)) return mismatch;
      if (a.type.kind === "DECIMAL" && a.type.scale > 0)
        return T.decimal(Math.min(38, a.type.precision - a.type.scale + 1), 0, a.type.nullable);
      return a.type;
    }),
  ),
  def("POWER", "scalar", ["POWER(<NUMERIC>, <NUMERIC>)"], 2, 2, (args) =>
    args.every((a) => isNum(a.type)) ? T.double(anyNullable(args)) : mismatch,
  ),
  def("COALESCE", "scalar", ["COALESCE(<ANY>, <ANY>, ...)"], 1, 255, (args) => {
    const c = commonType(args.map((a) => a.type));
    if (!c) return { error: "Illegal mixing of types in CASE or COALESCE statement" };
    return nullableIf(
      c,
      args.every((a) => a.type.nullable),
    );
  }),
  def("IFNULL", "scalar", ["IFNULL(<ANY>, <ANY>)"], 2, 2, ([a, b]) => {
    const c = commonType([a.type, b.type]);
    if (!c)
      return {
        error: `Cannot apply 'IFNULL' to arguments of type 'IFNULL(<${typeToString(a.type)}>, <${typeToString(b.type)}>)': the two arguments need a common type`,
      };
    return nullableIf(c, a.type.nullable && b.type.nullable);
  }),
  def("NULLIF", "scalar", ["NULLIF(<ANY>, <ANY>)"], 2, 2, ([a, b]) =>
    comparable(a.type, b.type) ? nullableIf(a.type, true) : mismatch,
  ),
  def("IF", "scalar", ["IF(<BOOLEAN>, <ANY>, <ANY>)"], 3, 3, ([c, a, b]) => {
    if (c.type.kind !== "BOOLEAN" && c.type.kind !== "NULL") return mismatch;
    const t = commonType([a.type, b.type]);
    return t ?? mismatch;
  }),
  // Aggregates (results are nullable: an empty group has no SUM/MIN/MAX/AVG).
  def("COUNT", "aggregate", ["COUNT(*)", "COUNT([DISTINCT] <ANY>)"], 0, 255, () => T.bigint(false)),
  def("SUM", "aggregate", ["SUM(<NUMERIC>)"], 1, 1, ([a]) => {
    if (!isNumeric(a.type)) return mismatch;
    if (a.type.kind === "DECIMAL") return T.decimal(38, a.type.scale, true);
    return nullableIf(a.type, true);
  }),
  ...["MIN", "MAX"].map((name) =>
    def(name, "aggregate", [`${name}(<COMPARABLE>)`], 1, 1, ([a]) =>
      familyOf(a.type) === "constructed" ? mismatch : nullableIf(a.type, true),
    ),
  ),
  // AVG and the statistical aggregates share Calcite's AVG_AGG_FUNCTION return type, which
  // Flink's type system derives as the argument's type (DECIMAL widened to scale ≥ 6): STDDEV_POP
  // of an INT column is an INT in Flink.
  ...["AVG", "STDDEV_POP", "STDDEV_SAMP", "STDDEV", "VAR_POP", "VAR_SAMP", "VARIANCE"].map((name) =>
    def(name, "aggregate", [`${name}(<NUMERIC>)`], 1, 1, ([a]) => {
      if (!isNumeric(a.type)) return mismatch;
      if (a.type.kind === "DECIMAL") return T.decimal(38, Math.max(6, a.type.scale), true);
      return nullableIf(a.type, true);
    }),
  ),
  // Calcite's TO_MULTISET: a NOT NULL multiset of the argument's type (NULLs are not collected).
  def("COLLECT", "aggregate", ["COLLECT(<ANY>)"], 1, 1, ([a]) =>
    a.type.kind === "NULL" ? mismatch : T.multiset(a.type, false),
  ),
  // SqlFirstLastValueAggFunction: ARG0_NULLABLE_IF_EMPTY.
  ...["FIRST_VALUE", "LAST_VALUE"].map((name) =>
    def(name, "aggregate", [`${name}(<ANY>)`], 1, 1, ([a]) =>
      a.type.kind === "NULL" ? mismatch : nullableIf(a.type, true),
    ),
  ),
  // Flink's SqlListAggFunction: ARG0_NULLABLE; the separator must be a character literal.
  def(
    "LISTAGG",
    "aggregate",
    ["LISTAGG(<CHARACTER>)", "LISTAGG(<CHARACTER>, <CHARACTER_LITERAL>)"],
    1,
    2,
    ([a, sep]) => {
      if (!isCharacterString(a.type)) return mismatch;
      if (sep && (!isCharacterString(sep.type) || typeof sep.literal !== "string")) return mismatch;
      return nullableIf(a.type.kind === "CHAR" ? T.varchar(lengthOf(a.type), true) : a.type, true);
    },
  ),
  // JSON_OBJECTAGG / JSON_ARRAYAGG: STRING NOT NULL; the parser passes the ON NULL mode first.
  // The key is a NOT NULL character string (BuiltInFunctionDefinitions.JSON_OBJECTAGG_*).
  def(
    "JSON_OBJECTAGG",
    "aggregate",
    ["JSON_OBJECTAGG([KEY] <STRING NOT NULL> VALUE <ANY> [NULL | ABSENT ON NULL])"],
    3,
    3,
    ([, k]) => (isCharacterString(k.type) && !k.type.nullable ? T.string(false) : mismatch),
  ),
  def("JSON_ARRAYAGG", "aggregate", ["JSON_ARRAYAGG(<ANY> [NULL | ABSENT ON NULL])"], 2, 2, () =>
    T.string(false),
  ),
  // GROUPING(e, …) / GROUPING_ID(e, …): a bit per argument, set where the row's grouping set
  // leaves that key out; GROUP_ID(): which duplicate of a grouping set the row comes from.
  ...["GROUPING", "GROUPING_ID"].map((name) =>
    def(name, "aggregate", [`${name}(<GROUP BY expression>, ...)`], 1, 255, () => T.bigint(false)),
  ),
  def("GROUP_ID", "aggregate", ["GROUP_ID()"], 0, 0, () => T.bigint(false)),
  // BuiltInFunctionDefinitions.ARRAY_AGG: ARRAY of the argument's type, nullable (empty group).
  def("ARRAY_AGG", "aggregate", ["ARRAY_AGG([DISTINCT] <ANY>)"], 1, 1, ([a]) =>
    a.type.kind === "NULL" ? mismatch : T.array(a.type, true),
  ),
];

// The rest of the catalogue (temporal units, strings, math, JSON, collections): lib/sql/builtins.ts.
for (const b of BUILTINS) {
  FUNCTIONS.push(
    def(b.name, "scalar", b.signatures, b.minArgs, b.maxArgs, b.infer, { dynamic: b.dynamic }),
  );
}

const ALIASES: Record<string, string> = {
  SUBSTR: "SUBSTRING",
  CHARACTER_LENGTH: "CHAR_LENGTH",
  CEILING: "CEIL",
};

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));

export function lookupFunction(name: string): FunctionDef | undefined {
  const upper = name.toUpperCase();
  return BY_NAME.get(ALIASES[upper] ?? upper);
}

export function functionNames(): string[] {
  return [...BY_NAME.keys(), ...Object.keys(ALIASES)];
}

/** Calcite's MOD/% result: the type of the divisor for integers, Flink's decimal rule otherwise. */
export function modType(a: LogicalType, b: LogicalType): LogicalType {
  const nullable = a.nullable || b.nullable;
  if (isIntegerType(a) && isIntegerType(b)) return nullableIf(b, nullable);
  const da = decimalOf(a);
  const db = decimalOf(b);
  const scale = Math.max(da.scale, db.scale);
  const adj = adjustDecimal(
    Math.min(da.precision - da.scale, db.precision - db.scale) + scale,
    scale,
  );
  return T.decimal(adj.precision, adj.scale, nullable);
}

/** Exact numerics as their DECIMAL (types.ts owns that mapping); anything else as DECIMAL(38, 0). */
export function decimalOf(t: LogicalType): { precision: number; scale: number } {
  return isExactNumeric(t) ? toDecimal(t) : { precision: 38, scale: 0 };
}

/** Whether two operands may be compared (Calcite's COMPARABLE checks; no implicit coercion). */
export function comparable(a: LogicalType, b: LogicalType): boolean {
  if (a.kind === "NULL" || b.kind === "NULL") return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isCharacterString(a) && isCharacterString(b)) return true;
  if (isBinaryString(a) && isBinaryString(b)) return true;
  if (a.kind === "BOOLEAN" && b.kind === "BOOLEAN") return true;
  if ((isTimestamp(a) || a.kind === "DATE") && (isTimestamp(b) || b.kind === "DATE")) return true;
  if (a.kind === "TIME" && b.kind === "TIME") return true;
  if (a.kind === b.kind && (a.kind === "INTERVAL_DAY_TIME" || a.kind === "INTERVAL_YEAR_MONTH"))
    return true;
  if (
    a.kind === b.kind &&
    (a.kind === "ARRAY" || a.kind === "MAP" || a.kind === "ROW" || a.kind === "MULTISET")
  )
    return sameTypeIgnoringNull(a, b) || commonType([a, b]) !== null;
  return false;
}
