/**
 * How Flink 1.20's print connector renders a row: the row is converted to its external Row and
 * printed with Row#toString — `+I[1, a]` — where each field is the Java object's toString
 * (Integer, Double "1.0", BigDecimal, LocalDate, LocalTime "12:00", LocalDateTime
 * "2020-01-01T12:00", Instant "…Z", byte[] as "[1, -2]", Map as "{k=v}", nested Row "+I[…]").
 */
import { javaDoubleToString, javaFloatToString } from "@/lib/formats/common/java-number";
import { formatIsoDate } from "@/lib/formats/common/temporal";
import {
  Decimal,
  MapValue,
  Timestamp,
  type LogicalType,
  type RowKind,
  type Value,
} from "@/lib/types/logical-type";

export function printRow(
  kind: RowKind,
  values: readonly Value[],
  types: readonly LogicalType[],
): string {
  return `${kind}[${values.map((v, i) => javaString(v, types[i])).join(", ")}]`;
}

/** java.time.LocalTime#toString: seconds and fraction only when non-zero, fraction in 3/6/9 digits. */
function localTime(nanoOfDay: number): string {
  const totalSeconds = Math.floor(nanoOfDay / 1e9);
  const nano = nanoOfDay - totalSeconds * 1e9;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  let out = `${pad2(h)}:${pad2(m)}`;
  if (s > 0 || nano > 0) {
    out += `:${pad2(s)}`;
    if (nano > 0) {
      if (nano % 1_000_000 === 0) out += "." + String(nano / 1_000_000 + 1000).slice(1);
      else if (nano % 1000 === 0) out += "." + String(nano / 1000 + 1_000_000).slice(1);
      else out += "." + String(nano + 1_000_000_000).slice(1);
    }
  }
  return out;
}

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;
const MILLIS_PER_DAY = 86_400_000;

function localDateTime(ts: Timestamp): string {
  const day = Math.floor(ts.epochMillis / MILLIS_PER_DAY);
  const millisOfDay = ts.epochMillis - day * MILLIS_PER_DAY;
  return `${formatIsoDate(day)}T${localTime(millisOfDay * 1e6 + ts.nanoOfMillisecond)}`;
}

/** java.time.Instant#toString: like LocalDateTime in UTC but always with seconds, then `Z`. */
function instant(ts: Timestamp): string {
  const day = Math.floor(ts.epochMillis / MILLIS_PER_DAY);
  const millisOfDay = ts.epochMillis - day * MILLIS_PER_DAY;
  const text = localTime(millisOfDay * 1e6 + ts.nanoOfMillisecond);
  return `${formatIsoDate(day)}T${text.length === 5 ? text + ":00" : text}Z`;
}

export function javaString(v: Value, type: LogicalType): string {
  if (v === null) return "null";
  switch (type.kind) {
    case "DOUBLE":
      return javaDoubleToString(v as number);
    case "FLOAT":
      return javaFloatToString(v as number);
    case "DATE":
      return formatIsoDate(v as number);
    case "TIME":
      return localTime((v as number) * 1e6);
    case "TIMESTAMP":
      return localDateTime(v as Timestamp);
    case "TIMESTAMP_LTZ":
      return instant(v as Timestamp);
    case "DECIMAL":
      return (v as Decimal).toString();
    case "BINARY":
    case "VARBINARY":
      return `[${[...(v as Uint8Array)].map((b) => (b << 24) >> 24).join(", ")}]`;
    case "ARRAY":
    case "MULTISET":
      return `[${(v as Value[]).map((e) => javaString(e, type.element)).join(", ")}]`;
    case "MAP":
      return `{${(v as MapValue).entries.map(([k, x]) => `${javaString(k, type.key)}=${javaString(x, type.value)}`).join(", ")}}`;
    case "ROW":
      return printRow(
        "+I",
        v as Value[],
        type.fields.map((f) => f.type),
      );
    case "INTERVAL_YEAR_MONTH":
    case "INTERVAL_DAY_TIME":
      return String(v);
    default:
      if (v instanceof Decimal) return v.toString();
      return String(v);
  }
}
