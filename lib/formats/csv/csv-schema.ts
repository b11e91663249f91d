/**
 * Which column types the csv format accepts, as CsvRowSchemaConverter.convertType decides:
 * scalar types at the top level, ARRAY and ROW of scalars one level down, nothing deeper.
 */
import { typeToString, type LogicalType, type LogicalTypeKind } from "@/lib/types/logical-type";

const STRING_KINDS: ReadonlySet<LogicalTypeKind> = new Set([
  "CHAR",
  "VARCHAR",
  "BINARY",
  "VARBINARY",
  "DATE",
  "TIME",
  "TIMESTAMP",
  "TIMESTAMP_LTZ",
]);
const NUMBER_KINDS: ReadonlySet<LogicalTypeKind> = new Set([
  "TINYINT",
  "SMALLINT",
  "INT",
  "BIGINT",
  "FLOAT",
  "DOUBLE",
  "DECIMAL",
]);

export function isCsvScalar(t: LogicalType): boolean {
  return STRING_KINDS.has(t.kind) || NUMBER_KINDS.has(t.kind) || t.kind === "BOOLEAN";
}

/** Flink's IllegalArgumentException text for an unsupported column, or undefined. */
export function csvUnsupported(t: LogicalType, fieldName: string): string | undefined {
  if (isCsvScalar(t)) return undefined;
  const nested = (inner: LogicalType) =>
    isCsvScalar(inner)
      ? undefined
      : `Only simple types are supported in the second level nesting of fields '${fieldName}' but was: ${typeToString(inner)}`;
  if (t.kind === "ARRAY") return nested(t.element);
  if (t.kind === "ROW") {
    for (const f of t.fields) {
      const m = nested(f.type);
      if (m) return m;
    }
    return undefined;
  }
  return `Unsupported type '${typeToString(t)}' for field '${fieldName}'.`;
}

/** Deserialization-side limit (CsvToRowDataConverters): TIME beyond millisecond precision. */
export function csvTimePrecisionProblem(t: LogicalType): string | undefined {
  const inner =
    t.kind === "ARRAY" ? [t.element] : t.kind === "ROW" ? t.fields.map((f) => f.type) : [t];
  for (const x of inner) {
    if (x.kind === "TIME" && x.precision > 3) {
      return `Csv does not support TIME type with precision: ${x.precision}, it only supports precision 0 ~ 3.`;
    }
  }
  return undefined;
}
