/**
 * Kafka's RecordBatch v2 (magic 2), the bytes a produce request carries per partition
 * (DefaultRecordBatch and DefaultRecord in kafka-clients). Written in one pass into one buffer: the
 * sizes first, then the records, then the CRC-32C over everything after the checksum field.
 * kafkajs builds the same bytes from a small encoder object per record and per field, which cost
 * its producer ~5 µs a 100-byte record; this costs a few tenths of that (lib/kafka/wire/README.md).
 */
import { crc32c } from "./crc32c";

/** A record as kafkajs's producer API takes it (Message in kafkajs's types). */
export interface BatchMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  /** Epoch millis (CreateTime), as kafkajs takes it: a string or a number. */
  timestamp?: string | number;
  headers?: Readonly<
    Record<string, Buffer | string | ReadonlyArray<Buffer | string> | null | undefined>
  >;
}

export interface RecordBatchOptions {
  /** kafkajs's codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  compression: number;
  /** Compresses the records section; required when compression is not 0. */
  compress?: (records: Buffer) => Promise<Buffer>;
  producerId: bigint;
  producerEpoch: number;
  firstSequence: number;
  transactional: boolean;
  /** The producer's clock for records without a timestamp. */
  now: number;
}

const TRANSACTIONAL_FLAG = 0x10;
const MAGIC = 2;
/** baseOffset .. recordCount: 8 + 4 + 4 + 1 + 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4. */
export const RECORD_BATCH_OVERHEAD = 61;
/** Where the checksummed part starts (attributes), after baseOffset, length, leader epoch, magic, crc. */
const CRC_START = 21;

const toBytes = (v: Buffer | string | null | undefined): Buffer | null =>
  v === null || v === undefined ? null : typeof v === "string" ? Buffer.from(v, "utf8") : v;

/** Zigzag-encoded size of a varint/varlong; numbers stay exact up to 2^52. */
function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function unsignedVarintSize(z: number): number {
  if (z < 0x80) return 1;
  if (z < 0x4000) return 2;
  if (z < 0x200000) return 3;
  if (z < 0x10000000) return 4;
  let size = 4;
  z = Math.floor(z / 0x10000000);
  while (z > 0) {
    size++;
    z = Math.floor(z / 0x80);
  }
  return size;
}

const varintSize = (n: number) => unsignedVarintSize(zigzag(n));
const bytesFieldSize = (b: Buffer | null) => (b === null ? 1 : varintSize(b.length) + b.length);

function writeVarint(buf: Buffer, offset: number, n: number): number {
  let z = zigzag(n);
  while (z >= 0x80) {
    buf[offset++] = (z % 0x80) | 0x80;
    z = Math.floor(z / 0x80);
  }
  buf[offset++] = z;
  return offset;
}

function writeBytesField(buf: Buffer, offset: number, b: Buffer | null): number {
  if (b === null) return writeVarint(buf, offset, -1);
  offset = writeVarint(buf, offset, b.length);
  b.copy(buf, offset);
  return offset + b.length;
}

interface Header {
  key: Buffer;
  value: Buffer | null;
}

/** Headers in kafkajs's order: by key as given, an array's values one after another. */
function flattenHeaders(headers: BatchMessage["headers"]): Header[] | undefined {
  if (!headers) return undefined;
  const out: Header[] = [];
  for (const name of Object.keys(headers)) {
    const raw = headers[name];
    const key = Buffer.from(name, "utf8");
    if (Array.isArray(raw))
      for (const v of raw) out.push({ key, value: toBytes(v as Buffer | string) });
    else out.push({ key, value: toBytes(raw as Buffer | string | null | undefined) });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The full batch — baseOffset 0 through the last record — for one partition's messages, in order.
 * Timestamps: a record without one gets `now`; the batch's first and max timestamps are the
 * smallest and largest of its records', each record's delta is from the first.
 */
export async function encodeRecordBatch(
  messages: readonly BatchMessage[],
  options: RecordBatchOptions,
): Promise<Buffer> {
  const count = messages.length;
  const timestamps = new Float64Array(count);
  let firstTimestamp = Infinity;
  let maxTimestamp = -Infinity;
  for (let i = 0; i < count; i++) {
    const t = messages[i].timestamp;
    const ts = t === undefined || t === null || t === "" ? options.now : Number(t);
    timestamps[i] = ts;
    if (ts < firstTimestamp) firstTimestamp = ts;
    if (ts > maxTimestamp) maxTimestamp = ts;
  }
  if (count === 0) firstTimestamp = maxTimestamp = options.now;

  const keys: Array<Buffer | null> = new Array(count);
  const values: Array<Buffer | null> = new Array(count);
  const headers: Array<Header[] | undefined> = new Array(count);
  const bodySizes = new Int32Array(count);
  let recordsSize = 0;
  for (let i = 0; i < count; i++) {
    const m = messages[i];
    const key = (keys[i] = toBytes(m.key));
    const value = (values[i] = toBytes(m.value));
    const hs = (headers[i] = flattenHeaders(m.headers));
    let size =
      1 +
      varintSize(timestamps[i] - firstTimestamp) +
      varintSize(i) +
      bytesFieldSize(key) +
      bytesFieldSize(value);
    size += varintSize(hs ? hs.length : 0);
    if (hs) for (const h of hs) size += bytesFieldSize(h.key) + bytesFieldSize(h.value);
    bodySizes[i] = size;
    recordsSize += varintSize(size) + size;
  }

  const writeRecords = (buf: Buffer, offset: number): number => {
    for (let i = 0; i < count; i++) {
      offset = writeVarint(buf, offset, bodySizes[i]);
      buf[offset++] = 0; // record attributes: none are used
      offset = writeVarint(buf, offset, timestamps[i] - firstTimestamp);
      offset = writeVarint(buf, offset, i);
      offset = writeBytesField(buf, offset, keys[i]);
      offset = writeBytesField(buf, offset, values[i]);
      const hs = headers[i];
      offset = writeVarint(buf, offset, hs ? hs.length : 0);
      if (hs) {
        for (const h of hs) {
          offset = writeBytesField(buf, offset, h.key);
          offset = writeBytesField(buf, offset, h.value);
        }
      }
    }
    return offset;
  };

  let batch: Buffer;
  if (options.compression === 0) {
    batch = Buffer.allocUnsafe(RECORD_BATCH_OVERHEAD + recordsSize);
    writeRecords(batch, RECORD_BATCH_OVERHEAD);
  } else {
    if (!options.compress)
      throw new Error(`No codec given for compression type ${options.compression}.`);
    const records = Buffer.allocUnsafe(recordsSize);
    writeRecords(records, 0);
    const compressed = await options.compress(records);
    batch = Buffer.allocUnsafe(RECORD_BATCH_OVERHEAD + compressed.length);
    compressed.copy(batch, RECORD_BATCH_OVERHEAD);
  }

  batch.writeBigInt64BE(0n, 0); // baseOffset: the broker assigns offsets
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeInt32BE(0, 12); // partitionLeaderEpoch: the broker sets it on append (kafkajs sends 0)
  batch.writeInt8(MAGIC, 16);
  batch.writeInt16BE(
    (options.compression & 0x07) | (options.transactional ? TRANSACTIONAL_FLAG : 0),
    21,
  );
  batch.writeInt32BE(count - 1, 23);
  batch.writeBigInt64BE(BigInt(firstTimestamp), 27);
  batch.writeBigInt64BE(BigInt(maxTimestamp), 35);
  batch.writeBigInt64BE(options.producerId, 43);
  batch.writeInt16BE(options.producerEpoch, 51);
  batch.writeInt32BE(options.firstSequence, 53);
  batch.writeInt32BE(count, 57);
  batch.writeUInt32BE(crc32c(batch, CRC_START), 17);
  return batch;
}
