/**
 * What crosses between the event loop and an instance's CPU thread, as one ArrayBuffer per batch
 * (transferred, not copied, and not structured-cloned object by object):
 *
 * - fetched records, loop → thread: per record its offset and timestamp (float64: Kafka's are
 *   integers far below 2^53), key and value (int32 length, -1 for null, then the bytes) and
 *   headers as kafkajs decoded them (name → one value or a list of values for a repeated name);
 * - producer records, thread → loop: per record its partition, topic (an index into the sink's
 *   topics), timestamp when the row set one, key, value and headers in order.
 *
 * The unpacked keys, values and header values are Buffer views into the batch's buffer.
 */
import type { DecodableRecord } from "../sources/kafka-record-decoder";
import type { ProducedRecord } from "../sinks/kafka-record";

type HeaderValue = Uint8Array | string | null;

const NULL = -1;
/** A header name's values: a single one (not a list), as kafkajs gives a name that appears once. */
const SINGLE = -1;
const BYTES = 0;
const STRING = 1;
const NULL_VALUE = 2;

const bytesLength = (b: Uint8Array | null) => 4 + (b === null ? 0 : b.length);
const headerValueLength = (v: HeaderValue) =>
  1 + 4 + (v === null ? 0 : typeof v === "string" ? Buffer.byteLength(v) : v.length);

/** Packs fetched records into one buffer to transfer to the thread. */
export function packRecords(records: readonly DecodableRecord[]): ArrayBuffer {
  let size = 4;
  for (const m of records) {
    size += 16 + bytesLength(m.key) + bytesLength(m.value) + 4;
    if (!m.headers) continue;
    for (const [name, raw] of Object.entries(m.headers)) {
      size += 4 + Buffer.byteLength(name) + 4;
      if (raw === undefined) continue;
      if (Array.isArray(raw)) for (const v of raw) size += headerValueLength(v);
      else size += headerValueLength(raw);
    }
  }
  const out = new PackWriter(size);
  out.int32(records.length);
  for (const m of records) {
    out.float64(Number(m.offset));
    out.float64(Number(m.timestamp));
    out.bytes(m.key);
    out.bytes(m.value);
    const headers = m.headers ? Object.entries(m.headers) : undefined;
    out.int32(headers ? headers.length : NULL);
    for (const [name, raw] of headers ?? []) {
      out.string(name);
      if (raw === undefined) {
        out.int32(0);
      } else if (Array.isArray(raw)) {
        out.int32(raw.length);
        for (const v of raw) out.headerValue(v);
      } else {
        out.int32(SINGLE);
        out.headerValue(raw);
      }
    }
  }
  return out.buffer;
}

/** The records of a packed batch, in order; their bytes are views into `buffer`. */
export function unpackRecords(buffer: ArrayBuffer): DecodableRecord[] {
  const r = new PackReader(buffer);
  const count = r.int32();
  const records = new Array<DecodableRecord>(count);
  for (let i = 0; i < count; i++) {
    const offset = String(r.float64());
    const timestamp = String(r.float64());
    const key = r.bytes();
    const value = r.bytes();
    const record: DecodableRecord = { key, value, offset, timestamp };
    const headerCount = r.int32();
    if (headerCount !== NULL) {
      const headers: NonNullable<DecodableRecord["headers"]> = {};
      for (let h = 0; h < headerCount; h++) {
        const name = r.string();
        const values = r.int32();
        if (values === SINGLE) headers[name] = r.headerValue();
        else if (values === 0) headers[name] = undefined;
        else {
          const list: HeaderValue[] = [];
          for (let v = 0; v < values; v++) list.push(r.headerValue());
          headers[name] = list;
        }
      }
      record.headers = headers;
    }
    records[i] = record;
  }
  return records;
}

/** Producer records a thread encoded for one batch, ready to transfer back. */
export interface EncodedRecords {
  buffer: ArrayBuffer;
  /** Bytes of `buffer` in use. */
  length: number;
  count: number;
}

const HAS_TIMESTAMP = 1;
const HAS_HEADERS = 2;

/** Collects producer records into a growing buffer (the thread's side). */
export class EncodedRecordsWriter {
  private out: PackWriter;
  private count = 0;
  private readonly topicIndex: ReadonlyMap<string, number>;

  constructor(topics: readonly string[], initialBytes = 64 * 1024) {
    this.out = new PackWriter(Math.max(64, initialBytes));
    this.topicIndex = new Map(topics.map((t, i) => [t, i]));
  }

  add(record: ProducedRecord, partition: number): void {
    const topic = this.topicIndex.get(record.topic);
    if (topic === undefined)
      throw new Error(`The sink record's topic '${record.topic}' is not one of the sink's topics.`);
    let size = 4 + 4 + 1 + 8 + bytesLength(record.key) + bytesLength(record.value) + 4;
    for (const h of record.headers ?? [])
      size += 4 + Buffer.byteLength(h.key) + bytesLength(h.value);
    this.out = this.out.ensure(size);
    const out = this.out;
    out.int32(partition);
    out.int32(topic);
    out.uint8(
      (record.timestamp !== undefined ? HAS_TIMESTAMP : 0) | (record.headers ? HAS_HEADERS : 0),
    );
    out.float64(record.timestamp ?? 0);
    out.bytes(record.key);
    out.bytes(record.value);
    if (record.headers) {
      out.int32(record.headers.length);
      for (const h of record.headers) {
        out.string(h.key);
        out.bytes(h.value);
      }
    }
    this.count++;
  }

  finish(): EncodedRecords {
    return { buffer: this.out.buffer, length: this.out.position, count: this.count };
  }
}

/** Calls `each` with every record of an encoded batch, in order (the event loop's side). */
export function readEncodedRecords(
  records: EncodedRecords,
  topics: readonly string[],
  each: (record: ProducedRecord, partition: number) => void,
): void {
  const r = new PackReader(records.buffer, records.length);
  for (let i = 0; i < records.count; i++) {
    const partition = r.int32();
    const topic = topics[r.int32()];
    const flags = r.uint8();
    const timestamp = r.float64();
    const key = r.bytes();
    const value = r.bytes();
    const record: ProducedRecord = { topic, key, value };
    if (flags & HAS_TIMESTAMP) record.timestamp = timestamp;
    if (flags & HAS_HEADERS) {
      const headers: NonNullable<ProducedRecord["headers"]> = [];
      for (let n = r.int32(); n > 0; n--) {
        const key = r.string();
        headers.push({ key, value: r.bytes()! });
      }
      record.headers = headers;
    }
    each(record, partition);
  }
}

class PackWriter {
  readonly buffer: ArrayBuffer;
  private readonly view: Buffer;
  position = 0;

  constructor(size: number) {
    this.buffer = new ArrayBuffer(size);
    this.view = Buffer.from(this.buffer);
  }

  /** This writer, or a larger copy of it, with room for `bytes` more. */
  ensure(bytes: number): PackWriter {
    if (this.position + bytes <= this.buffer.byteLength) return this;
    const grown = new PackWriter(Math.max(this.buffer.byteLength * 2, this.position + bytes));
    this.view.copy(grown.view, 0, 0, this.position);
    grown.position = this.position;
    return grown;
  }

  uint8(v: number): void {
    this.view[this.position++] = v;
  }

  int32(v: number): void {
    this.view.writeInt32LE(v, this.position);
    this.position += 4;
  }

  float64(v: number): void {
    this.view.writeDoubleLE(v, this.position);
    this.position += 8;
  }

  bytes(b: Uint8Array | null): void {
    if (b === null) return this.int32(NULL);
    this.int32(b.length);
    this.view.set(b, this.position);
    this.position += b.length;
  }

  string(s: string): void {
    const length = this.view.write(s, this.position + 4, "utf8");
    this.int32(length);
    this.position += length;
  }

  headerValue(v: HeaderValue): void {
    if (v === null) {
      this.uint8(NULL_VALUE);
      this.int32(0);
    } else if (typeof v === "string") {
      this.uint8(STRING);
      this.string(v);
    } else {
      this.uint8(BYTES);
      this.bytes(v);
    }
  }
}

class PackReader {
  private readonly view: Buffer;
  private position = 0;

  constructor(
    private readonly buffer: ArrayBuffer,
    length = buffer.byteLength,
  ) {
    this.view = Buffer.from(buffer, 0, length);
  }

  uint8(): number {
    return this.view[this.position++];
  }

  int32(): number {
    const v = this.view.readInt32LE(this.position);
    this.position += 4;
    return v;
  }

  float64(): number {
    const v = this.view.readDoubleLE(this.position);
    this.position += 8;
    return v;
  }

  bytes(): Buffer | null {
    const length = this.int32();
    if (length === NULL) return null;
    const b = Buffer.from(this.buffer, this.position, length);
    this.position += length;
    return b;
  }

  string(): string {
    const length = this.int32();
    const s = this.view.toString("utf8", this.position, this.position + length);
    this.position += length;
    return s;
  }

  headerValue(): HeaderValue {
    const kind = this.uint8();
    if (kind === NULL_VALUE) {
      this.int32();
      return null;
    }
    return kind === STRING ? this.string() : this.bytes();
  }
}
