/**
 * Flink's logical types (org.apache.flink.table.types.logical) and the in-memory representation
 * of their values, shared by the SQL front end, the formats and the runtime. Browser-safe: no
 * Node.js imports.
 */

export type LogicalType =
  | { kind: "BOOLEAN"; nullable: boolean }
  | { kind: "TINYINT"; nullable: boolean }
  | { kind: "SMALLINT"; nullable: boolean }
  | { kind: "INT"; nullable: boolean }
  | { kind: "BIGINT"; nullable: boolean }
  | { kind: "FLOAT"; nullable: boolean }
  | { kind: "DOUBLE"; nullable: boolean }
  | { kind: "DECIMAL"; nullable: boolean; precision: number; scale: number }
  | { kind: "CHAR"; nullable: boolean; length: number }
  /** STRING is VARCHAR(2147483647), as in Flink. */
  | { kind: "VARCHAR"; nullable: boolean; length: number }
  | { kind: "BINARY"; nullable: boolean; length: number }
  /** BYTES is VARBINARY(2147483647), as in Flink. */
  | { kind: "VARBINARY"; nullable: boolean; length: number }
  | { kind: "DATE"; nullable: boolean }
  | { kind: "TIME"; nullable: boolean; precision: number }
  | { kind: "TIMESTAMP"; nullable: boolean; precision: number }
  | { kind: "TIMESTAMP_LTZ"; nullable: boolean; precision: number }
  | { kind: "INTERVAL_YEAR_MONTH"; nullable: boolean }
  | { kind: "INTERVAL_DAY_TIME"; nullable: boolean }
  | { kind: "ARRAY"; nullable: boolean; element: LogicalType }
  | { kind: "MULTISET"; nullable: boolean; element: LogicalType }
  | { kind: "MAP"; nullable: boolean; key: LogicalType; value: LogicalType }
  | { kind: "ROW"; nullable: boolean; fields: RowField[] }
  /** The type of an untyped NULL literal before inference gives it one. */
  | { kind: "NULL"; nullable: true };

export interface RowField {
  name: string;
  type: LogicalType;
  description?: string;
}

export type LogicalTypeKind = LogicalType["kind"];

export const MAX_LENGTH = 2147483647;

/**
 * Runtime values, one representation per type (mirrors Flink's internal data structures where
 * that matters for exact bytes):
 * - BOOLEAN: boolean; TINYINT, SMALLINT, INT: number; BIGINT: bigint
 * - FLOAT: number (already rounded with Math.fround); DOUBLE: number
 * - DECIMAL: Decimal (unscaled bigint + scale, like Flink's DecimalData)
 * - CHAR, VARCHAR: string; BINARY, VARBINARY: Uint8Array
 * - DATE: number of days since 1970-01-01
 * - TIME: number of milliseconds of the day (Flink keeps TIME as int millis)
 * - TIMESTAMP, TIMESTAMP_LTZ: Timestamp (epoch millis + nanos within the milli, like TimestampData);
 *   for TIMESTAMP it is the wall-clock time read as if in UTC, for TIMESTAMP_LTZ an instant
 * - INTERVAL_YEAR_MONTH: number of months; INTERVAL_DAY_TIME: bigint milliseconds
 * - ARRAY, MULTISET: Value[] (a MULTISET holds each element once per occurrence)
 * - MAP: MapValue (entries in insertion order; keys may be any type, so not a JS Map)
 * - ROW: Value[] positional
 * - NULL of any type: null
 */
export type Value =
  null | boolean | number | bigint | string | Uint8Array | Decimal | Timestamp | MapValue | Value[];

export class Decimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}

  /** Plain notation, e.g. 12.30 for (1230, 2); like BigDecimal.toPlainString(). */
  toPlainString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    if (this.scale <= 0) return (negative ? "-" : "") + digits + "0".repeat(-this.scale);
    const padded = digits.padStart(this.scale + 1, "0");
    const intPart = padded.slice(0, padded.length - this.scale);
    const fracPart = padded.slice(padded.length - this.scale);
    return (negative ? "-" : "") + intPart + "." + fracPart;
  }

  /** Java's BigDecimal.toString(): scientific notation when the adjusted exponent is < -6 or scale < 0. */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    const adjusted = -this.scale + (digits.length - 1);
    if (this.scale >= 0 && adjusted >= -6) return this.toPlainString();
    const mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    const exp = adjusted >= 0 ? "E+" + adjusted : "E" + adjusted;
    return (negative ? "-" : "") + mantissa + exp;
  }

  /** Parses a decimal literal such as "-12.5", "1E+3" or "0.001". */
  static parse(text: string): Decimal {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) {
      throw new RangeError(`'${text}' is not a decimal number`);
    }
    const frac = m[3] ?? "";
    const exponent = m[4] ? Number(m[4]) : 0;
    const unscaled = BigInt((m[1] === "-" ? "-" : "") + ((m[2] || "0") + frac));
    return new Decimal(unscaled, frac.length - exponent);
  }

  equals(other: Decimal): boolean {
    return this.unscaled === other.unscaled && this.scale === other.scale;
  }
}

export class Timestamp {
  constructor(
    /** Milliseconds since 1970-01-01T00:00:00 (UTC for TIMESTAMP_LTZ, wall clock for TIMESTAMP). */
    readonly epochMillis: number,
    /** Nanoseconds within the millisecond, 0..999_999. */
    readonly nanoOfMillisecond = 0,
  ) {}

  static fromEpochMillis(millis: number): Timestamp {
    return new Timestamp(millis, 0);
  }

  equals(other: Timestamp): boolean {
    return (
      this.epochMillis === other.epochMillis && this.nanoOfMillisecond === other.nanoOfMillisecond
    );
  }
}

export class MapValue {
  constructor(readonly entries: Array<[Value, Value]>) {}
}

/** Flink's RowKind: the change a row carries in a changelog stream. */
export type RowKind = "+I" | "-U" | "+U" | "-D";

export interface ChangelogRow {
  kind: RowKind;
  values: Value[];
}

export type ChangelogMode = "insert-only" | "upsert" | "all";

/** Type constructors, so callers need not spell out object literals. */
export const T = {
  boolean: (nullable = true): LogicalType => ({ kind: "BOOLEAN", nullable }),
  tinyint: (nullable = true): LogicalType => ({ kind: "TINYINT", nullable }),
  smallint: (nullable = true): LogicalType => ({ kind: "SMALLINT", nullable }),
  int: (nullable = true): LogicalType => ({ kind: "INT", nullable }),
  bigint: (nullable = true): LogicalType => ({ kind: "BIGINT", nullable }),
  float: (nullable = true): LogicalType => ({ kind: "FLOAT", nullable }),
  double: (nullable = true): LogicalType => ({ kind: "DOUBLE", nullable }),
  decimal: (precision = 10, scale = 0, nullable = true): LogicalType => ({
    kind: "DECIMAL",
    nullable,
    precision,
    scale,
  }),
  char: (length = 1, nullable = true): LogicalType => ({ kind: "CHAR", nullable, length }),
  varchar: (length = 1, nullable = true): LogicalType => ({ kind: "VARCHAR", nullable, length }),
  string: (nullable = true): LogicalType => ({ kind: "VARCHAR", nullable, length: MAX_LENGTH }),
  binary: (length = 1, nullable = true): LogicalType => ({ kind: "BINARY", nullable, length }),
  varbinary: (length = 1, nullable = true): LogicalType => ({
    kind: "VARBINARY",
    nullable,
    length,
  }),
  bytes: (nullable = true): LogicalType => ({ kind: "VARBINARY", nullable, length: MAX_LENGTH }),
  date: (nullable = true): LogicalType => ({ kind: "DATE", nullable }),
  time: (precision = 0, nullable = true): LogicalType => ({ kind: "TIME", nullable, precision }),
  timestamp: (precision = 6, nullable = true): LogicalType => ({
    kind: "TIMESTAMP",
    nullable,
    precision,
  }),
  timestampLtz: (precision = 6, nullable = true): LogicalType => ({
    kind: "TIMESTAMP_LTZ",
    nullable,
    precision,
  }),
  array: (element: LogicalType, nullable = true): LogicalType => ({
    kind: "ARRAY",
    nullable,
    element,
  }),
  multiset: (element: LogicalType, nullable = true): LogicalType => ({
    kind: "MULTISET",
    nullable,
    element,
  }),
  map: (key: LogicalType, value: LogicalType, nullable = true): LogicalType => ({
    kind: "MAP",
    nullable,
    key,
    value,
  }),
  row: (fields: RowField[], nullable = true): LogicalType => ({ kind: "ROW", nullable, fields }),
} as const;

/** Flink's asSummaryString() spelling, e.g. `VARCHAR(10) NOT NULL`, `STRING`, `ROW<\`a\` INT>`. */
export function typeToString(t: LogicalType): string {
  const nn = t.nullable ? "" : " NOT NULL";
  switch (t.kind) {
    case "DECIMAL":
      return `DECIMAL(${t.precision}, ${t.scale})${nn}`;
    case "CHAR":
    case "BINARY":
      return `${t.kind}(${t.length})${nn}`;
    case "VARCHAR":
      return (t.length === MAX_LENGTH ? "STRING" : `VARCHAR(${t.length})`) + nn;
    case "VARBINARY":
      return (t.length === MAX_LENGTH ? "BYTES" : `VARBINARY(${t.length})`) + nn;
    case "TIME":
    case "TIMESTAMP":
      return `${t.kind}(${t.precision})${nn}`;
    case "TIMESTAMP_LTZ":
      return `TIMESTAMP_LTZ(${t.precision})${nn}`;
    case "INTERVAL_YEAR_MONTH":
      return `INTERVAL YEAR TO MONTH${nn}`;
    case "INTERVAL_DAY_TIME":
      return `INTERVAL DAY TO SECOND(3)${nn}`;
    case "ARRAY":
    case "MULTISET":
      return `${t.kind}<${typeToString(t.element)}>${nn}`;
    case "MAP":
      return `MAP<${typeToString(t.key)}, ${typeToString(t.value)}>${nn}`;
    case "ROW":
      return `ROW<${t.fields.map((f) => `\`${f.name}\` ${typeToString(f.type)}`).join(", ")}>${nn}`;
    case "NULL":
      return "NULL";
    default:
      return t.kind + nn;
  }
}

export function withNullability<L extends LogicalType>(t: L, nullable: boolean): L {
  return t.kind === "NULL" ? t : { ...t, nullable };
}
