/**
 * Tributary's decoder of fetched record batches (RecordBatch v2), in place of kafkajs's
 * protocol/recordBatch/v0/decoder.js: the same batch and record objects — every field, its type
 * and its text — read in one pass over the fetch response's buffer. kafkajs makes a Decoder and a
 * buffer slice per record and adds each record's offset and timestamp deltas with BigInt-backed
 * Longs parsed from the batch's decimal strings (about a fifth of the consumer's CPU a record);
 * this adds them as numbers, which is exact while the sums stay below 2^53.
 *
 * Records this path is not sure of — headers, a timestamp delta of more than 7 varint bytes,
 * offsets near 2^53, or lengths that leave the record — go through kafkajs's own record decoder,
 * from the same position, so they decode (or fail) exactly as before.
 */

/** kafkajs's protocol Decoder, as far as this uses it. */
export interface KafkaJsDecoder {
  buffer: Buffer;
  offset: number;
  readVarIntBytes(): Buffer | null;
}

export interface RecordBatchDecoderModules {
  Decoder: new (buffer: Buffer) => KafkaJsDecoder;
  /** protocol/recordBatch/record/v0/decoder.js */
  decodeRecord(decoder: KafkaJsDecoder, batchContext: BatchContext): unknown;
  lookupCodecByAttributes(
    attributes: number,
  ): { decompress(buffer: Buffer): Promise<Buffer> } | null;
  PartialMessageError: new (message: string) => Error;
}

export interface BatchContext {
  firstOffset: string;
  firstTimestamp: string;
  partitionLeaderEpoch: number;
  inTransaction: boolean;
  isControlBatch: boolean;
  lastOffsetDelta: number;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  maxTimestamp: string;
  timestampType: number;
  magicByte: number;
}

export interface FetchedRecord {
  magicByte: number;
  attributes: number;
  timestamp: string;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, unknown>;
  isControlRecord: boolean;
  batchContext: BatchContext;
}

const TIMESTAMP_TYPE_FLAG_MASK = 0x8;
const TRANSACTIONAL_FLAG_MASK = 0x10;
const CONTROL_FLAG_MASK = 0x20;
const LOG_APPEND_TIME = 1;
const CREATE_TIME = 0;
/** Where the record count is, from partitionLeaderEpoch on: 4 + 1 + 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4. */
const RECORD_COUNT_AT = 45;

/** kafkajs's Decoder.readVarInt, bit for bit, on a position; returns the value, sets `cursor.at`. */
function readVarInt(buf: Buffer, cursor: { at: number }): number {
  let at = cursor.at;
  let currentByte: number;
  let result = 0;
  let i = 0;
  do {
    currentByte = buf[at++];
    result += (currentByte & 0x7f) << i;
    i += 7;
  } while (currentByte >= 0x80);
  cursor.at = at;
  return (result >>> 1) ^ -(result & 1);
}

export function recordBatchDecoder(modules: RecordBatchDecoderModules) {
  const { Decoder, decodeRecord, lookupCodecByAttributes, PartialMessageError } = modules;

  /** kafkajs's decodeRecord: the record's bytes (length-prefixed) through its own decoder. */
  const slowRecord = (buf: Buffer, cursor: { at: number }, context: BatchContext) => {
    const decoder = new Decoder(buf);
    decoder.offset = cursor.at;
    const recordBuffer = decoder.readVarIntBytes();
    cursor.at = decoder.offset;
    return decodeRecord(new Decoder(recordBuffer as Buffer), context);
  };

  /** Records from `cursor.at` on, `count` of them (kafkajs reads exactly the count it is told). */
  function decodeRecords(
    buf: Buffer,
    cursor: { at: number },
    count: number,
    context: BatchContext,
  ): unknown[] {
    const records: unknown[] = new Array(count);
    const firstOffset = Number(context.firstOffset);
    const offsetsSafe =
      context.firstOffset.length < 16 &&
      Number.isSafeInteger(firstOffset + 0x80000000) &&
      Number.isSafeInteger(firstOffset - 0x80000000);
    const logAppendTime = context.timestampType === LOG_APPEND_TIME;
    const firstTimestamp = Number(context.firstTimestamp);
    const timestampsSafe =
      logAppendTime ||
      (context.firstTimestamp.length < 16 && Math.abs(firstTimestamp) < 2 ** 52 - 2 ** 49);
    const magicByte = context.magicByte;
    const isControlRecord = context.isControlBatch;
    const end = buf.length;
    const at = { at: 0 };
    for (let r = 0; r < count; r++) {
      const start = cursor.at;
      at.at = start;
      const length = readVarInt(buf, at);
      let p = at.at;
      const recordEnd = p + length;
      let record: FetchedRecord | undefined;
      if (offsetsSafe && timestampsSafe && length >= 0 && recordEnd <= end) {
        const attributes = (buf[p++] << 24) >> 24;
        // timestampDelta: a zigzag varlong, taken as a number up to 7 bytes (49 bits).
        let z = 0;
        let scale = 1;
        let b = 0x80;
        let n = 0;
        while (b >= 0x80 && n < 7 && p < recordEnd) {
          b = buf[p++];
          z += (b & 0x7f) * scale;
          scale *= 0x80;
          n++;
        }
        if (b < 0x80) {
          const timestampDelta = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
          at.at = p;
          const offsetDelta = readVarInt(buf, at);
          const key = bytesField(buf, at, recordEnd);
          const value = key === undefined ? undefined : bytesField(buf, at, recordEnd);
          // Headers: a zero count only (one byte 0); any headers go kafkajs's way.
          if (key !== undefined && value !== undefined && at.at < recordEnd && buf[at.at] === 0) {
            record = {
              magicByte,
              attributes,
              timestamp: logAppendTime
                ? context.maxTimestamp
                : String(firstTimestamp + timestampDelta),
              offset: String(firstOffset + offsetDelta),
              key,
              value,
              headers: {},
              isControlRecord,
              batchContext: context,
            };
          }
        }
      }
      if (record !== undefined) {
        records[r] = record;
        cursor.at = recordEnd;
      } else {
        records[r] = slowRecord(buf, cursor, context);
      }
    }
    return records;
  }

  /** Compressed records: kafkajs decodes them from the decompressed buffer alone. */
  async function decodeCompressed(
    codec: { decompress(buffer: Buffer): Promise<Buffer> },
    buf: Buffer,
    cursor: { at: number },
    context: BatchContext,
  ): Promise<unknown[]> {
    const count = buf.readInt32BE(cursor.at);
    cursor.at += 4;
    if (count <= 0) return [];
    const compressed = buf.subarray(cursor.at);
    cursor.at = buf.length;
    const decompressed = await codec.decompress(compressed);
    return decodeRecords(decompressed, { at: 0 }, count, context);
  }

  /** In place of kafkajs's RecordBatchDecoder(fetchDecoder). */
  return async function decodeRecordBatch(fetchDecoder: KafkaJsDecoder) {
    const fetched = fetchDecoder.buffer;
    const base = fetchDecoder.offset;
    const firstOffset = fetched.readBigInt64BE(base).toString();
    const length = fetched.readInt32BE(base + 8);
    fetchDecoder.offset = base + 12 + length;
    // kafkajs's decoder.slice(length): a view that ends early when the fetch was cut off.
    const buf = fetched.subarray(base + 12, base + 12 + length);
    if (buf.length < length) {
      throw new PartialMessageError(
        `Tried to decode a partial record batch: remainingBytes(${buf.length}) < recordBatchLength(${length})`,
      );
    }
    const partitionLeaderEpoch = buf.readInt32BE(0);
    const magicByte = buf.readInt8(4);
    const attributes = buf.readInt16BE(9);
    const lastOffsetDelta = buf.readInt32BE(11);
    const firstTimestamp = buf.readBigInt64BE(15).toString();
    const maxTimestamp = buf.readBigInt64BE(23).toString();
    const producerId = buf.readBigInt64BE(31).toString();
    const producerEpoch = buf.readInt16BE(39);
    const firstSequence = buf.readInt32BE(41);
    const recordContext = {
      firstOffset,
      firstTimestamp,
      partitionLeaderEpoch,
      inTransaction: (attributes & TRANSACTIONAL_FLAG_MASK) > 0,
      isControlBatch: (attributes & CONTROL_FLAG_MASK) > 0,
      lastOffsetDelta,
      producerId,
      producerEpoch,
      firstSequence,
      maxTimestamp,
      timestampType: (attributes & TIMESTAMP_TYPE_FLAG_MASK) > 0 ? LOG_APPEND_TIME : CREATE_TIME,
    };
    const context: BatchContext = { ...recordContext, magicByte };
    const codec = lookupCodecByAttributes(attributes);
    const cursor = { at: RECORD_COUNT_AT };
    let records: unknown[];
    if (codec) {
      records = await decodeCompressed(codec, buf, cursor, context);
    } else {
      const count = buf.readInt32BE(RECORD_COUNT_AT);
      cursor.at = RECORD_COUNT_AT + 4;
      records = count === -1 ? [] : decodeRecords(buf, cursor, count, context);
    }
    return { ...recordContext, records };
  };
}

/**
 * A varint-length bytes field as kafkajs's readVarIntBytes reads it (null for -1), or undefined
 * when it does not fit in the record (kafkajs's decoder then decides).
 */
function bytesField(buf: Buffer, at: { at: number }, recordEnd: number): Buffer | null | undefined {
  const size = readVarInt(buf, at);
  if (size === -1) return null;
  const start = at.at;
  if (size < 0 || start + size > recordEnd) return undefined;
  at.at = start + size;
  return buf.subarray(start, start + size);
}
