/**
 * Flink 1.20's cast matrix as data: LogicalTypeCasts' rules (castTo(target).implicitFrom(…)
 * .explicitFrom(…), flink-table-common …/logical/utils/LogicalTypeCasts.java), and the casts that
 * LogicalTypeCasts lets through but the planner's cast rules refuse while generating code
 * (TimestampToNumericCastRule, NumericToTimestampCastRule in flink-table-planner
 * …/functions/casting/), with their messages. Constructed types, NULL and intervals are handled
 * by types.ts around this table.
 */
import type { LogicalType } from "@/lib/types/logical-type";

type Kind = LogicalType["kind"];

const INTEGER: Kind[] = ["TINYINT", "SMALLINT", "INT", "BIGINT"];
const EXACT: Kind[] = [...INTEGER, "DECIMAL"];
const NUMERIC: Kind[] = [...EXACT, "FLOAT", "DOUBLE"];
const CHARACTER: Kind[] = ["CHAR", "VARCHAR"];
const BINARY: Kind[] = ["BINARY", "VARBINARY"];
const TIMESTAMPS: Kind[] = ["TIMESTAMP", "TIMESTAMP_LTZ"];
const DATETIME: Kind[] = ["DATE", "TIME", ...TIMESTAMPS];
const INTERVAL: Kind[] = ["INTERVAL_YEAR_MONTH", "INTERVAL_DAY_TIME"];
const PREDEFINED: Kind[] = [
  ...CHARACTER,
  ...BINARY,
  "BOOLEAN",
  ...NUMERIC,
  ...DATETIME,
  ...INTERVAL,
];

interface CastRule {
  implicit: readonly Kind[];
  explicit: readonly Kind[];
}

/** target kind → the source kinds it accepts implicitly and explicitly (identity is implicit). */
export const CAST_RULES: Readonly<Partial<Record<Kind, CastRule>>> = {
  CHAR: { implicit: ["CHAR"], explicit: PREDEFINED },
  VARCHAR: { implicit: CHARACTER, explicit: PREDEFINED },
  BOOLEAN: { implicit: ["BOOLEAN"], explicit: [...CHARACTER, ...NUMERIC] },
  BINARY: { implicit: ["BINARY"], explicit: [...CHARACTER, ...BINARY] },
  VARBINARY: { implicit: BINARY, explicit: CHARACTER },
  DECIMAL: {
    implicit: NUMERIC.filter((k) => k !== "FLOAT" && k !== "DOUBLE"),
    explicit: [...NUMERIC, ...CHARACTER, "BOOLEAN", ...TIMESTAMPS],
  },
  TINYINT: {
    implicit: ["TINYINT"],
    explicit: [...NUMERIC, ...CHARACTER, "BOOLEAN", ...TIMESTAMPS],
  },
  SMALLINT: {
    implicit: ["TINYINT", "SMALLINT"],
    explicit: [...NUMERIC, ...CHARACTER, "BOOLEAN", ...TIMESTAMPS],
  },
  INT: {
    implicit: ["TINYINT", "SMALLINT", "INT"],
    explicit: [...NUMERIC, ...CHARACTER, "BOOLEAN", ...TIMESTAMPS],
  },
  BIGINT: { implicit: INTEGER, explicit: [...NUMERIC, ...CHARACTER, "BOOLEAN", ...TIMESTAMPS] },
  FLOAT: {
    implicit: [...EXACT, "FLOAT"],
    explicit: [...NUMERIC, ...CHARACTER, "BOOLEAN", ...TIMESTAMPS],
  },
  DOUBLE: { implicit: NUMERIC, explicit: [...CHARACTER, "BOOLEAN", ...TIMESTAMPS] },
  DATE: { implicit: ["DATE", "TIMESTAMP"], explicit: [...TIMESTAMPS, ...CHARACTER] },
  TIME: { implicit: ["TIME", "TIMESTAMP"], explicit: ["TIME", ...TIMESTAMPS, ...CHARACTER] },
  TIMESTAMP: { implicit: TIMESTAMPS, explicit: [...DATETIME, ...CHARACTER, ...NUMERIC] },
  TIMESTAMP_LTZ: { implicit: TIMESTAMPS, explicit: [...DATETIME, ...CHARACTER, ...NUMERIC] },
  // Exact numerics cast to single-field intervals only; Tributary's interval types are single-unit
  // literals, so the integer kinds are taken (types.ts).
  INTERVAL_YEAR_MONTH: { implicit: ["INTERVAL_YEAR_MONTH"], explicit: [...INTEGER, ...CHARACTER] },
  INTERVAL_DAY_TIME: { implicit: ["INTERVAL_DAY_TIME"], explicit: [...INTEGER, ...CHARACTER] },
};

/** Casts LogicalTypeCasts allows but Flink's code generation refuses, with the planner's message. */
export const CAST_REFUSALS: ReadonlyArray<{
  from: readonly Kind[];
  to: readonly Kind[];
  message: string;
}> = [
  {
    from: ["TIMESTAMP"],
    to: NUMERIC,
    message:
      "The cast from TIMESTAMP type to NUMERIC type is not allowed. It's recommended to use UNIX_TIMESTAMP(CAST(timestamp_col AS STRING)) instead.",
  },
  {
    from: ["TIMESTAMP_LTZ"],
    to: NUMERIC,
    message: "The cast from TIMESTAMP_LTZ type to NUMERIC type is not allowed.",
  },
  {
    from: NUMERIC,
    to: ["TIMESTAMP"],
    message:
      "The cast from NUMERIC type to TIMESTAMP type is not allowed. It's recommended to use TO_TIMESTAMP(FROM_UNIXTIME(numeric_col)) instead, note the numeric is in seconds.",
  },
  {
    from: NUMERIC,
    to: ["TIMESTAMP_LTZ"],
    message:
      "The cast from NUMERIC type to TIMESTAMP_LTZ type is not allowed. It's recommended to use TO_TIMESTAMP_LTZ(numeric_col, precision) instead.",
  },
];

export function castRule(target: Kind): CastRule | undefined {
  return CAST_RULES[target];
}

/** The planner's refusal of a cast LogicalTypeCasts allows; undefined when the cast compiles. */
export function castRefusal(source: LogicalType, target: LogicalType): string | undefined {
  return CAST_REFUSALS.find((r) => r.from.includes(source.kind) && r.to.includes(target.kind))
    ?.message;
}
