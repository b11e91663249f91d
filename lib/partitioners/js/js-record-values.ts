/**
 * How a sink row's values look to a JavaScript partitioner (README "Writing a partitioner"):
 * INT/SMALLINT/TINYINT/FLOAT/DOUBLE numbers, BIGINT bigint, BOOLEAN boolean, CHAR/VARCHAR/STRING
 * string, NULL null; DECIMAL its exact decimal string (BigDecimal.toString()), DATE days since
 * 1970-01-01, TIME milliseconds of the day, TIMESTAMP/TIMESTAMP_LTZ epoch milliseconds (wall clock
 * for TIMESTAMP, UTC for TIMESTAMP_LTZ), BINARY/BYTES Uint8Array, ARRAY/MULTISET arrays, MAP an
 * array of [key, value] pairs, ROW an array of its fields, INTERVAL YEAR TO MONTH months (number),
 * INTERVAL DAY TO SECOND milliseconds (bigint).
 */
import {
  Decimal,
  MapValue,
  Timestamp,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";

export type JsValue = null | boolean | number | bigint | string | Uint8Array | JsValue[];

export function jsValueConverter(type: LogicalType): (v: Value) => JsValue {
  switch (type.kind) {
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return (v) => (v === null ? null : typeof v === "bigint" ? v : BigInt(v as number));
    case "DECIMAL":
      return (v) => (v === null ? null : v instanceof Decimal ? v.toString() : String(v));
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return (v) => (v === null ? null : v instanceof Timestamp ? v.epochMillis : (v as number));
    case "ARRAY":
    case "MULTISET": {
      const element = jsValueConverter(type.element);
      return (v) => (v === null ? null : (v as Value[]).map(element));
    }
    case "MAP": {
      const key = jsValueConverter(type.key);
      const value = jsValueConverter(type.value);
      return (v) =>
        v === null ? null : (v as MapValue).entries.map(([k, x]) => [key(k), value(x)]);
    }
    case "ROW": {
      const fields = type.fields.map((f) => jsValueConverter(f.type));
      return (v) => (v === null ? null : (v as Value[]).map((x, i) => fields[i](x)));
    }
    case "BINARY":
    case "VARBINARY":
      // A copy of just its bytes: a Buffer's view would carry its whole pool slab across.
      return (v) => (v === null ? null : new Uint8Array(v as Uint8Array));
    default:
      return (v) => v as JsValue;
  }
}
