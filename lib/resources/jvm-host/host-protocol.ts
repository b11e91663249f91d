/**
 * The frames between Node and the JVM partitioner host (java/.../PartitionerHost.java): each way
 * a 4-byte big-endian length and a payload. Requests: LOAD (jar path, class, column types), OPEN
 * (instance, parallelism), PARTITION (topics with their partitions, then per record the topic,
 * key, value and the row's fields in the host's binary encoding). Answers start with a status.
 */
import type { Decimal, MapValue, Timestamp, LogicalType, Value } from "@/lib/types/logical-type";

export const OP = { LOAD: 1, OPEN: 2, PARTITION: 3 } as const;
export const STATUS = { OK: 0, FAILED: 1, NOT_FOUND: 2, NOT_A_PARTITIONER: 3 } as const;

/** PartitionerHost's K_* numbers. */
const KIND = {
  BOOLEAN: 1,
  TINYINT: 2,
  SMALLINT: 3,
  INT: 4,
  BIGINT: 5,
  FLOAT: 6,
  DOUBLE: 7,
  STRING: 8,
  BYTES: 9,
  DECIMAL: 10,
  TIMESTAMP: 11,
  UNSUPPORTED: 12,
  ARRAY: 13,
  MAP: 14,
  MULTISET: 15,
  ROW: 16,
} as const;

/**
 * A column's type as the host rebuilds its value in Flink's internal representation (INT for
 * DATE/TIME/INTERVAL YEAR TO MONTH, BIGINT for INTERVAL DAY TO SECOND, StringData, DecimalData,
 * TimestampData, GenericArrayData, GenericMapData — a MULTISET as a map to INT counts — and
 * GenericRowData), nested types recursively.
 */
export interface HostType {
  kind: number;
  precision: number;
  scale: number;
  children: HostType[];
}

export function hostType(type: LogicalType): HostType {
  const plain = (kind: number, children: HostType[] = []) => ({
    kind,
    precision: 0,
    scale: 0,
    children,
  });
  switch (type.kind) {
    case "BOOLEAN":
      return plain(KIND.BOOLEAN);
    case "TINYINT":
      return plain(KIND.TINYINT);
    case "SMALLINT":
      return plain(KIND.SMALLINT);
    case "INT":
    case "DATE":
    case "TIME":
    case "INTERVAL_YEAR_MONTH":
      return plain(KIND.INT);
    case "BIGINT":
    case "INTERVAL_DAY_TIME":
      return plain(KIND.BIGINT);
    case "FLOAT":
      return plain(KIND.FLOAT);
    case "DOUBLE":
      return plain(KIND.DOUBLE);
    case "CHAR":
    case "VARCHAR":
      return plain(KIND.STRING);
    case "BINARY":
    case "VARBINARY":
      return plain(KIND.BYTES);
    case "DECIMAL":
      return { kind: KIND.DECIMAL, precision: type.precision, scale: type.scale, children: [] };
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return { kind: KIND.TIMESTAMP, precision: type.precision, scale: 0, children: [] };
    case "ARRAY":
      return plain(KIND.ARRAY, [hostType(type.element)]);
    case "MULTISET":
      return plain(KIND.MULTISET, [hostType(type.element)]);
    case "MAP":
      return plain(KIND.MAP, [hostType(type.key), hostType(type.value)]);
    case "ROW":
      return plain(
        KIND.ROW,
        type.fields.map((f) => hostType(f.type)),
      );
    default:
      return plain(KIND.UNSUPPORTED);
  }
}

/** Writes a type as PartitionerHost.readType reads it: kind, precision, scale, children. */
export function writeType(w: FrameWriter, t: HostType): void {
  w.u8(t.kind);
  w.i32(t.precision);
  w.i32(t.scale);
  if (t.kind === KIND.ROW) w.i32(t.children.length);
  for (const c of t.children) writeType(w, c);
}

/** A growable big-endian byte buffer. */
export class FrameWriter {
  private buf = Buffer.allocUnsafe(1 << 16);
  private at = 4; // room for the length

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.at++] = v;
  }
  i16(v: number): void {
    this.room(2);
    this.at = this.buf.writeInt16BE(v, this.at);
  }
  i32(v: number): void {
    this.room(4);
    this.at = this.buf.writeInt32BE(v, this.at);
  }
  i64(v: bigint): void {
    this.room(8);
    this.at = this.buf.writeBigInt64BE(v, this.at);
  }
  f32(v: number): void {
    this.room(4);
    this.at = this.buf.writeFloatBE(v, this.at);
  }
  f64(v: number): void {
    this.room(8);
    this.at = this.buf.writeDoubleBE(v, this.at);
  }
  bytes(v: Uint8Array | null): void {
    if (v === null) return this.i32(-1);
    this.i32(v.length);
    this.room(v.length);
    this.buf.set(v, this.at);
    this.at += v.length;
  }
  string(s: string): void {
    const n = Buffer.byteLength(s);
    this.i32(n);
    this.room(n);
    this.at += this.buf.write(s, this.at);
  }
  /** The frame, length-prefixed. */
  finish(): Buffer {
    this.buf.writeInt32BE(this.at - 4, 0);
    return this.buf.subarray(0, this.at);
  }
}

/**
 * Writes one value as PartitionerHost.readValue reads it: a null flag, then the value; an ARRAY or
 * MULTISET its length and elements (the host counts a MULTISET's equal elements), a MAP its length
 * and key/value pairs, a ROW its fields.
 */
export function writeValue(w: FrameWriter, t: HostType, v: Value): void {
  if (v === null || v === undefined || t.kind === KIND.UNSUPPORTED) return w.u8(0);
  w.u8(1);
  switch (t.kind) {
    case KIND.BOOLEAN:
      return w.u8(v ? 1 : 0);
    case KIND.TINYINT:
      return w.u8((v as number) & 0xff);
    case KIND.SMALLINT:
      return w.i16(v as number);
    case KIND.INT:
      return w.i32(v as number);
    case KIND.BIGINT:
      return w.i64(typeof v === "bigint" ? v : BigInt(v as number));
    case KIND.FLOAT:
      return w.f32(v as number);
    case KIND.DOUBLE:
      return w.f64(v as number);
    case KIND.STRING:
      return w.bytes(Buffer.from(v as string, "utf8"));
    case KIND.BYTES:
      return w.bytes(v as Uint8Array);
    case KIND.DECIMAL:
      return w.string((v as Decimal).unscaled.toString());
    case KIND.TIMESTAMP: {
      const ts = v as Timestamp;
      w.i64(BigInt(ts.epochMillis));
      return w.i32(ts.nanoOfMillisecond);
    }
    case KIND.ARRAY:
    case KIND.MULTISET: {
      const elements = v as Value[];
      w.i32(elements.length);
      for (const e of elements) writeValue(w, t.children[0], e);
      return;
    }
    case KIND.MAP: {
      const entries = (v as MapValue).entries;
      w.i32(entries.length);
      for (const [k, x] of entries) {
        writeValue(w, t.children[0], k);
        writeValue(w, t.children[1], x);
      }
      return;
    }
    case KIND.ROW: {
      const fields = v as Value[];
      for (let i = 0; i < t.children.length; i++) writeValue(w, t.children[i], fields[i] ?? null);
      return;
    }
  }
}

/** Reads answers: a length-prefixed frame reader over a byte stream. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.size < 4) break;
      const head = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [head];
      const length = head.readInt32BE(0);
      if (this.size < 4 + length) break;
      frames.push(head.subarray(4, 4 + length));
      const rest = head.subarray(4 + length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.size = rest.length;
    }
    return frames;
  }
}
