/**
 * HASH_CODE of a non-string value as Flink 1.20 computes it: HashCodeCallGen generates
 * CodeGenUtils.hashCodeForType, Java's hashCode of Flink's internal data — Boolean.hashCode,
 * Byte/Short/Integer.hashCode (also DATE as days and TIME as milliseconds of the day),
 * Long.hashCode, Float/Double.hashCode (their canonical bits), DecimalData.hashCode (its
 * BigDecimal's) and TimestampData.hashCode (TIMESTAMP and TIMESTAMP_LTZ). Unlike a string's
 * HASH_CODE (SqlFunctionUtils.hashCode, Math.abs of String.hashCode), these are not made positive.
 */
import { Decimal, Timestamp, type LogicalType, type Value } from "@/lib/types/logical-type";

/** Long.hashCode: (int) (v ^ (v >>> 32)). */
function longHash(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  return Number(BigInt.asIntN(32, u ^ (u >> 32n)));
}

/** Float.hashCode = floatToIntBits (NaN is 0x7fc00000). */
function floatHash(v: number): number {
  if (Number.isNaN(v)) return 0x7fc00000;
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  return view.getInt32(0);
}

/** Double.hashCode = bits ^ (bits >>> 32) of doubleToLongBits (NaN is 0x7ff8000000000000). */
function doubleHash(v: number): number {
  if (Number.isNaN(v)) return longHash(0x7ff8000000000000n);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return longHash(view.getBigInt64(0));
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * BigDecimal.hashCode: a compact value (the unscaled value fits a long, Long.MIN_VALUE excepted)
 * hashes its two 32-bit halves, an inflated one is 31 * BigInteger.hashCode() + scale.
 */
function decimalHash(d: Decimal): number {
  const u = d.unscaled;
  if (u > LONG_MIN && u <= LONG_MAX) {
    const abs = u < 0n ? -u : u;
    const hi = Number(abs >> 32n) | 0;
    const lo = Number(abs & 0xffffffffn);
    const temp = (Math.imul(hi, 31) + lo) | 0;
    return (Math.imul(31, u < 0n ? -temp | 0 : temp) + d.scale) | 0;
  }
  return (Math.imul(31, bigIntegerHash(u)) + d.scale) | 0;
}

/** BigInteger.hashCode: over the magnitude's 32-bit words, most significant first, times signum. */
function bigIntegerHash(v: bigint): number {
  let mag = v < 0n ? -v : v;
  const words: number[] = [];
  while (mag > 0n) {
    words.unshift(Number(mag & 0xffffffffn));
    mag >>= 32n;
  }
  let h = 0;
  for (const w of words) h = (Math.imul(31, h) + w) | 0;
  return Math.imul(h, v < 0n ? -1 : v > 0n ? 1 : 0);
}

/** TimestampData.hashCode: 31 * ((int) millis ^ (int) (millis >> 32)) + nanoOfMillisecond. */
function timestampHash(t: Timestamp): number {
  const ms = BigInt(t.epochMillis);
  const low = Number(BigInt.asIntN(32, ms));
  const high = Number(BigInt.asIntN(32, ms >> 32n));
  return (Math.imul(31, low ^ high) + t.nanoOfMillisecond) | 0;
}

/** The hash of a non-null value of one of HASH_CODE's non-string operand types. */
export function flinkHashCode(v: Value, t: LogicalType): number {
  switch (t.kind) {
    case "BOOLEAN":
      return v ? 1231 : 1237;
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "DATE":
    case "TIME":
      return (v as number) | 0;
    case "BIGINT":
      return longHash(v as bigint);
    case "FLOAT":
      return floatHash(v as number);
    case "DOUBLE":
      return doubleHash(v as number);
    case "DECIMAL":
      return decimalHash(v as Decimal);
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return timestampHash(v as Timestamp);
    default:
      throw new Error(`HASH_CODE of ${t.kind} is not defined`);
  }
}
