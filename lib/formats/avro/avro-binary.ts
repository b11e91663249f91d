/**
 * Avro binary encoding of a single datum (no container, no header): what Flink's
 * AvroSerializationSchema writes into a Kafka record. Implemented on Uint8Array so it runs in the
 * browser; arrays and maps are written as one block followed by the 0 terminator, as Java's
 * GenericDatumWriter does.
 */
import type { AvroSchema } from "./avro-schema";
import { unionBranchIndex } from "./avro-union";

/** Generic Avro values: records as objects by field name, maps as ordered entries. */
export type AvroDatum =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | AvroDatum[]
  | { map: Array<[string, AvroDatum]> }
  | { [field: string]: AvroDatum };

export class AvroEncodeError extends Error {}

export class AvroWriter {
  private buf = new Uint8Array(256);
  private pos = 0;
  private readonly view = () => new DataView(this.buf.buffer);
  private static readonly utf8 = new TextEncoder();

  bytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  long(v: bigint | number): void {
    // zig-zag, then base-128 varint
    let n = BigInt.asUintN(64, (BigInt(v) << 1n) ^ (BigInt(v) >> 63n));
    this.ensure(10);
    while (n >= 0x80n) {
      this.buf[this.pos++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.buf[this.pos++] = Number(n);
  }

  int(v: number): void {
    let n = ((v << 1) ^ (v >> 31)) >>> 0;
    this.ensure(5);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
  }

  float(v: number): void {
    this.ensure(4);
    this.view().setFloat32(this.pos, v, true);
    this.pos += 4;
  }

  double(v: number): void {
    this.ensure(8);
    this.view().setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  byteArray(b: Uint8Array): void {
    this.int(b.length);
    this.raw(b);
  }

  string(s: string): void {
    this.byteArray(AvroWriter.utf8.encode(s));
  }

  datum(schema: AvroSchema, v: AvroDatum): void {
    if (Array.isArray(schema)) {
      const index = unionBranchIndex(schema, v);
      if (index < 0)
        throw new AvroEncodeError(`Not in union ${JSON.stringify(schema)}: ${String(v)}`);
      this.int(index);
      this.datum(schema[index], v);
      return;
    }
    const t = typeof schema === "string" ? schema : schema.type;
    if (v === null && t !== "null") throw new AvroEncodeError(`null value for (non-nullable) ${t}`);
    switch (t) {
      case "null":
        return;
      case "boolean":
        this.ensure(1);
        this.buf[this.pos++] = v ? 1 : 0;
        return;
      case "int":
        this.int(v as number);
        return;
      case "long":
        this.long(v as bigint | number);
        return;
      case "float":
        this.float(v as number);
        return;
      case "double":
        this.double(v as number);
        return;
      case "bytes":
        this.byteArray(v as Uint8Array);
        return;
      case "string":
        this.string(v as string);
        return;
      case "record": {
        const rec = schema as Extract<AvroSchema, { type: "record" }>;
        const obj = v as { [field: string]: AvroDatum };
        for (const f of rec.fields) {
          try {
            this.datum(f.type, obj[f.name] ?? null);
          } catch (e) {
            const message = (e as Error).message;
            // Name the innermost field, as Avro's "null value for (non-nullable) int at record.f".
            throw message.includes(" at ")
              ? e
              : new AvroEncodeError(`${message} at ${rec.name}.${f.name}`);
          }
        }
        return;
      }
      case "array": {
        const items = v as AvroDatum[];
        const itemSchema = (schema as Extract<AvroSchema, { type: "array" }>).items;
        if (items.length > 0) {
          this.long(items.length);
          for (const item of items) this.datum(itemSchema, item);
        }
        this.long(0);
        return;
      }
      case "map": {
        const entries = (v as { map: Array<[string, AvroDatum]> }).map;
        const valueSchema = (schema as Extract<AvroSchema, { type: "map" }>).values;
        if (entries.length > 0) {
          this.long(entries.length);
          for (const [k, item] of entries) {
            this.string(k);
            this.datum(valueSchema, item);
          }
        }
        this.long(0);
        return;
      }
      default:
        throw new AvroEncodeError(`unsupported Avro type ${String(t)}`);
    }
  }
}

export class AvroDecodeError extends Error {}

export class AvroReader {
  pos = 0;
  private readonly view: DataView;
  private static readonly utf8 = new TextDecoder("utf-8", { fatal: false });

  constructor(
    private readonly buf: Uint8Array,
    offset = 0,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = offset;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length)
      throw new AvroDecodeError("Unexpected end of Avro data (EOFException)");
  }

  long(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      this.need(1);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new AvroDecodeError("Invalid long encoding");
    }
    return BigInt.asIntN(64, (result >> 1n) ^ -(result & 1n));
  }

  int(): number {
    const v = this.long();
    if (v < -2147483648n || v > 2147483647n) throw new AvroDecodeError("Invalid int encoding");
    return Number(v);
  }

  datum(schema: AvroSchema): AvroDatum {
    if (Array.isArray(schema)) {
      const index = this.int();
      if (index < 0 || index >= schema.length)
        throw new AvroDecodeError(`Union index ${index} out of bounds`);
      return this.datum(schema[index]);
    }
    const t = typeof schema === "string" ? schema : schema.type;
    switch (t) {
      case "null":
        return null;
      case "boolean":
        this.need(1);
        return this.buf[this.pos++] !== 0;
      case "int":
        return this.int();
      case "long":
        return this.long();
      case "float": {
        this.need(4);
        const v = this.view.getFloat32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case "double": {
        this.need(8);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case "bytes":
        return this.byteArray();
      case "string":
        return AvroReader.utf8.decode(this.byteArray());
      case "record": {
        const out: { [field: string]: AvroDatum } = {};
        for (const f of (schema as Extract<AvroSchema, { type: "record" }>).fields)
          out[f.name] = this.datum(f.type);
        return out;
      }
      case "array": {
        const items: AvroDatum[] = [];
        const itemSchema = (schema as Extract<AvroSchema, { type: "array" }>).items;
        this.blocks(() => items.push(this.datum(itemSchema)));
        return items;
      }
      case "enum": {
        const symbols = (schema as { symbols: string[] }).symbols;
        const index = this.int();
        if (index < 0 || index >= symbols.length)
          throw new AvroDecodeError(`Enum index ${index} out of bounds`);
        return symbols[index];
      }
      case "fixed": {
        const size = (schema as { size: number }).size;
        this.need(size);
        const out = this.buf.slice(this.pos, this.pos + size);
        this.pos += size;
        return out;
      }
      case "map": {
        const entries: Array<[string, AvroDatum]> = [];
        const valueSchema = (schema as Extract<AvroSchema, { type: "map" }>).values;
        this.blocks(() => {
          const k = AvroReader.utf8.decode(this.byteArray());
          entries.push([k, this.datum(valueSchema)]);
        });
        return { map: entries };
      }
      default:
        throw new AvroDecodeError(`unsupported Avro type ${String(t)}`);
    }
  }

  private byteArray(): Uint8Array {
    const n = Number(this.long());
    if (n < 0) throw new AvroDecodeError(`Malformed data. Length is negative: ${n}`);
    this.need(n);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private blocks(item: () => void): void {
    for (;;) {
      let count = this.long();
      if (count === 0n) return;
      if (count < 0n) {
        count = -count;
        this.long(); // block size in bytes, not needed when reading every item
      }
      for (let i = 0n; i < count; i++) item();
    }
  }
}
