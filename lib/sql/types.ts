/**
 * Flink's rules about logical types that the SQL front end needs: the precision/length bounds
 * each type's constructor enforces (org.apache.flink.table.types.logical.*Type), implicit and
 * explicit cast rules (LogicalTypeCasts) and the common type of several expressions
 * (LogicalTypeMerging.findCommonType, with FlinkTypeSystem's "ragged CHAR becomes VARCHAR").
 */
import { castRule } from "@/lib/sql/casts";
import { MAX_LENGTH, T, type LogicalType } from "@/lib/types/logical-type";

export const DECIMAL_MAX_PRECISION = 38;
export const TIMESTAMP_MAX_PRECISION = 9;

/** Calcite's SqlTypeName.MAX_DATETIME_PRECISION: FlinkTypeSystem raises it for timestamps only. */
export const TIME_MAX_PRECISION = 3;

/**
 * Calcite's type factory (SqlTypeFactoryImpl.createSqlType) silently lowers a precision above the
 * type system's maximum (FlinkTypeSystem.getMaxPrecision): DECIMAL(40, 2) is DECIMAL(38, 2),
 * TIMESTAMP(10) is TIMESTAMP(9), TIME(6) is TIME(3). The scale is kept, so DECIMAL(40, 39) then
 * fails DecimalType's own check. Returns the clamped type, or undefined when nothing changes.
 */
export function clampToTypeSystem(t: LogicalType): LogicalType | undefined {
  switch (t.kind) {
    case "DECIMAL":
      return t.precision > DECIMAL_MAX_PRECISION
        ? { ...t, precision: DECIMAL_MAX_PRECISION }
        : undefined;
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return t.precision > TIMESTAMP_MAX_PRECISION
        ? { ...t, precision: TIMESTAMP_MAX_PRECISION }
        : undefined;
    case "TIME":
      return t.precision > TIME_MAX_PRECISION ? { ...t, precision: TIME_MAX_PRECISION } : undefined;
    default:
      return undefined;
  }
}

/** The bound a type constructor would reject, in Flink's words; null when the parameters are fine. */
export function typeParameterError(t: LogicalType): string | null {
  switch (t.kind) {
    case "CHAR":
      return t.length < 1 || t.length > MAX_LENGTH
        ? `Character string length must be between 1 and ${MAX_LENGTH} (both inclusive).`
        : null;
    case "VARCHAR":
      return t.length < 1 || t.length > MAX_LENGTH
        ? `Variable character string length must be between 1 and ${MAX_LENGTH} (both inclusive).`
        : null;
    case "BINARY":
      return t.length < 1 || t.length > MAX_LENGTH
        ? `Binary string length must be between 1 and ${MAX_LENGTH} (both inclusive).`
        : null;
    case "VARBINARY":
      return t.length < 1 || t.length > MAX_LENGTH
        ? `Variable binary string length must be between 1 and ${MAX_LENGTH} (both inclusive).`
        : null;
    case "DECIMAL":
      if (t.precision < 1 || t.precision > DECIMAL_MAX_PRECISION)
        return `Decimal precision must be between 1 and ${DECIMAL_MAX_PRECISION} (both inclusive).`;
      if (t.scale < 0 || t.scale > t.precision)
        return `Decimal scale must be between 0 and the precision ${t.precision} (both inclusive).`;
      return null;
    case "TIME":
      return t.precision < 0 || t.precision > 9
        ? "Time precision must be between 0 and 9 (both inclusive)."
        : null;
    case "TIMESTAMP":
      return t.precision < 0 || t.precision > TIMESTAMP_MAX_PRECISION
        ? "Timestamp precision must be between 0 and 9 (both inclusive)."
        : null;
    case "TIMESTAMP_LTZ":
      return t.precision < 0 || t.precision > TIMESTAMP_MAX_PRECISION
        ? "Timestamp with local time zone precision must be between 0 and 9 (both inclusive)."
        : null;
    default:
      return null;
  }
}

export type Family =
  | "exact"
  | "approx"
  | "character"
  | "binary"
  | "boolean"
  | "datetime"
  | "interval"
  | "constructed"
  | "null";

const INTEGER_KINDS = new Set(["TINYINT", "SMALLINT", "INT", "BIGINT"]);

export function isIntegerType(t: LogicalType): boolean {
  return INTEGER_KINDS.has(t.kind);
}
export function isExactNumeric(t: LogicalType): boolean {
  return INTEGER_KINDS.has(t.kind) || t.kind === "DECIMAL";
}
export function isNumeric(t: LogicalType): boolean {
  return isExactNumeric(t) || t.kind === "FLOAT" || t.kind === "DOUBLE";
}
export function isCharacterString(t: LogicalType): boolean {
  return t.kind === "CHAR" || t.kind === "VARCHAR";
}
export function isBinaryString(t: LogicalType): boolean {
  return t.kind === "BINARY" || t.kind === "VARBINARY";
}
export function isTimestamp(t: LogicalType): boolean {
  return t.kind === "TIMESTAMP" || t.kind === "TIMESTAMP_LTZ";
}
export function isDatetime(t: LogicalType): boolean {
  return t.kind === "DATE" || t.kind === "TIME" || isTimestamp(t);
}
export function isInterval(t: LogicalType): boolean {
  return t.kind === "INTERVAL_DAY_TIME" || t.kind === "INTERVAL_YEAR_MONTH";
}
export function isConstructed(t: LogicalType): boolean {
  return t.kind === "ARRAY" || t.kind === "MULTISET" || t.kind === "MAP" || t.kind === "ROW";
}

export function familyOf(t: LogicalType): Family {
  if (t.kind === "NULL") return "null";
  if (isExactNumeric(t)) return "exact";
  if (t.kind === "FLOAT" || t.kind === "DOUBLE") return "approx";
  if (isCharacterString(t)) return "character";
  if (isBinaryString(t)) return "binary";
  if (t.kind === "BOOLEAN") return "boolean";
  if (isDatetime(t)) return "datetime";
  if (isInterval(t)) return "interval";
  return "constructed";
}

/** Equality of types ignoring the outer nullability (Flink's `copy(true).equals`). */
export function sameTypeIgnoringNull(a: LogicalType, b: LogicalType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "DECIMAL":
      return a.precision === (b as typeof a).precision && a.scale === (b as typeof a).scale;
    case "CHAR":
    case "VARCHAR":
    case "BINARY":
    case "VARBINARY":
      return a.length === (b as typeof a).length;
    case "TIME":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return a.precision === (b as typeof a).precision;
    case "ARRAY":
    case "MULTISET":
      return sameType(a.element, (b as typeof a).element);
    case "MAP":
      return sameType(a.key, (b as typeof a).key) && sameType(a.value, (b as typeof a).value);
    case "ROW": {
      const bf = (b as typeof a).fields;
      return (
        a.fields.length === bf.length &&
        a.fields.every((f, i) => f.name === bf[i].name && sameType(f.type, bf[i].type))
      );
    }
    default:
      return true;
  }
}

export function sameType(a: LogicalType, b: LogicalType): boolean {
  return a.nullable === b.nullable && sameTypeIgnoringNull(a, b);
}

function supportsCasting(
  source: LogicalType,
  target: LogicalType,
  allowExplicit: boolean,
): boolean {
  // A NOT NULL type cannot store a NULL type, but an explicit cast may know better.
  if (source.nullable && !target.nullable && !allowExplicit) return false;
  if (sameTypeIgnoringNull(source, target)) return true;
  if (source.kind === "NULL") return true;
  if (isConstructed(source) || isConstructed(target)) {
    if (isConstructed(target) && !isConstructed(source)) return false;
    if (!isConstructed(target)) return allowExplicit && isCharacterString(target);
    return supportsConstructedCasting(source, target, allowExplicit);
  }
  const rule = castRule(target.kind);
  if (!rule) return false;
  if (rule.implicit.includes(source.kind)) return true;
  return allowExplicit && rule.explicit.includes(source.kind);
}

function supportsConstructedCasting(
  s: LogicalType,
  t: LogicalType,
  allowExplicit: boolean,
): boolean {
  if (s.kind !== t.kind) return false;
  const child = (a: LogicalType, b: LogicalType) => supportsCasting(a, b, allowExplicit);
  if (
    (s.kind === "ARRAY" || s.kind === "MULTISET") &&
    (t.kind === "ARRAY" || t.kind === "MULTISET")
  )
    return child(s.element, t.element);
  if (s.kind === "MAP" && t.kind === "MAP") return child(s.key, t.key) && child(s.value, t.value);
  if (s.kind === "ROW" && t.kind === "ROW")
    return (
      s.fields.length === t.fields.length &&
      s.fields.every((f, i) => child(f.type, t.fields[i].type))
    );
  return false;
}

/** LogicalTypeCasts.supportsImplicitCast: what an INSERT and function arguments accept silently. */
export function supportsImplicitCast(source: LogicalType, target: LogicalType): boolean {
  return supportsCasting(source, target, false);
}

/** LogicalTypeCasts.supportsExplicitCast: what CAST(x AS t) accepts. */
export function supportsExplicitCast(source: LogicalType, target: LogicalType): boolean {
  return supportsCasting(source, target, true);
}

/** The DECIMAL that holds every value of an exact numeric type (Flink's integer→decimal mapping). */
export function toDecimal(t: LogicalType): { precision: number; scale: number } {
  switch (t.kind) {
    case "TINYINT":
      return { precision: 3, scale: 0 };
    case "SMALLINT":
      return { precision: 5, scale: 0 };
    case "INT":
      return { precision: 10, scale: 0 };
    case "BIGINT":
      return { precision: 19, scale: 0 };
    case "DECIMAL":
      return { precision: t.precision, scale: t.scale };
    default:
      return { precision: 38, scale: 18 };
  }
}

const INTEGER_RANK: Record<string, number> = { TINYINT: 1, SMALLINT: 2, INT: 3, BIGINT: 4 };

/**
 * The least restrictive type of several (CASE branches, COALESCE, IN lists, UNION, VALUES rows);
 * null when they have none. Nullable when any input is.
 */
export function commonType(types: readonly LogicalType[]): LogicalType | null {
  const nonNull = types.filter((t) => t.kind !== "NULL");
  const nullable = types.some((t) => t.nullable);
  if (nonNull.length === 0) return types.length ? { kind: "NULL", nullable: true } : null;
  const first = nonNull[0];
  if (nonNull.every((t) => sameTypeIgnoringNull(t, first))) return withNull(first, nullable);
  const fams = new Set(nonNull.map(familyOf));
  if ([...fams].every((f) => f === "exact" || f === "approx")) {
    if (
      nonNull.some((t) => t.kind === "DOUBLE") ||
      (fams.has("approx") && nonNull.some((t) => t.kind !== "FLOAT"))
    )
      return T.double(nullable);
    if (fams.has("approx")) return T.float(nullable);
    if (nonNull.every(isIntegerType)) {
      const widest = nonNull.reduce((a, b) =>
        INTEGER_RANK[b.kind] > INTEGER_RANK[a.kind] ? b : a,
      );
      return withNull(widest, nullable);
    }
    let intDigits = 0;
    let scale = 0;
    for (const t of nonNull) {
      const d = toDecimal(t);
      intDigits = Math.max(intDigits, d.precision - d.scale);
      scale = Math.max(scale, d.scale);
    }
    const precision = Math.min(DECIMAL_MAX_PRECISION, intDigits + scale);
    return T.decimal(precision, Math.min(scale, precision), nullable);
  }
  if (fams.size === 1 && fams.has("character")) {
    const len = Math.max(...nonNull.map((t) => (t as { length: number }).length));
    // FlinkTypeSystem converts ragged CHAR unions to VARCHAR.
    return T.varchar(len, nullable);
  }
  if (fams.size === 1 && fams.has("binary")) {
    const len = Math.max(...nonNull.map((t) => (t as { length: number }).length));
    return T.varbinary(len, nullable);
  }
  if (fams.size === 1 && fams.has("datetime")) {
    if (nonNull.every(isTimestamp) || nonNull.every((t) => isTimestamp(t) || t.kind === "DATE")) {
      const precision = Math.max(
        ...nonNull.map((t) => (isTimestamp(t) ? (t as { precision: number }).precision : 0)),
      );
      return nonNull.some((t) => t.kind === "TIMESTAMP_LTZ")
        ? T.timestampLtz(precision, nullable)
        : T.timestamp(precision, nullable);
    }
    if (nonNull.every((t) => t.kind === "TIME")) {
      return T.time(
        Math.max(...nonNull.map((t) => (t as { precision: number }).precision)),
        nullable,
      );
    }
    return null;
  }
  if (fams.size === 1 && fams.has("constructed") && nonNull.every((t) => t.kind === first.kind)) {
    if (first.kind === "ARRAY" || first.kind === "MULTISET") {
      const el = commonType(nonNull.map((t) => (t as typeof first).element));
      return el ? { kind: first.kind, nullable, element: el } : null;
    }
    if (first.kind === "MAP") {
      const k = commonType(nonNull.map((t) => (t as typeof first).key));
      const v = commonType(nonNull.map((t) => (t as typeof first).value));
      return k && v ? T.map(k, v, nullable) : null;
    }
    if (first.kind === "ROW") {
      const n = first.fields.length;
      if (!nonNull.every((t) => (t as typeof first).fields.length === n)) return null;
      const fields = [];
      for (let i = 0; i < n; i++) {
        const ft = commonType(nonNull.map((t) => (t as typeof first).fields[i].type));
        if (!ft) return null;
        fields.push({ name: first.fields[i].name, type: ft });
      }
      return T.row(fields, nullable);
    }
  }
  return null;
}

export function withNull(t: LogicalType, nullable: boolean): LogicalType {
  return t.kind === "NULL" ? t : ({ ...t, nullable } as LogicalType);
}
