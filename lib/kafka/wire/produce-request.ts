/**
 * Tributary's encoder for kafkajs's Produce request (v3, which v4–v7 reuse): the same request
 * kafkajs sends — same fields, same producer id, epoch and sequence numbers from kafkajs's
 * idempotent/transactional bookkeeping, same codecs — with the record batches written by
 * record-batch.ts instead of kafkajs's per-record encoders. kafkajs has no hook for this:
 * lib/kafka/kafkajs.ts puts produceV3Request where kafkajs requires its own v3 request from.
 */
import { encodeRecordBatch, type BatchMessage } from "./record-batch";

interface KafkaJsLong {
  toString(): string;
}

interface KafkaJsEncoder {
  buf: Buffer;
  offset: number;
}

export interface ProduceRequestArgs {
  acks: number;
  timeout: number;
  transactionalId?: string | null;
  producerId?: KafkaJsLong;
  producerEpoch?: number;
  compression?: number;
  topicData: ReadonlyArray<{
    topic: string;
    partitions: ReadonlyArray<{
      partition: number;
      firstSequence?: number;
      messages: readonly BatchMessage[];
    }>;
  }>;
}

type Codec = { compress(encoder: { buffer: Buffer }): Promise<Buffer> };

export interface KafkaJsModules {
  Encoder: new (initialSize?: number) => KafkaJsEncoder;
  lookupCodec(type: number): Codec | null;
  produceApiKey: number;
}

const stringSize = (s: string | null | undefined) =>
  2 + (s == null ? 0 : Buffer.byteLength(s, "utf8"));

function writeString(buf: Buffer, offset: number, s: string | null | undefined): number {
  if (s == null) return buf.writeInt16BE(-1, offset);
  const length = buf.write(s, offset + 2, "utf8");
  buf.writeInt16BE(length, offset);
  return offset + 2 + length;
}

/** The request body: transactional_id, acks, timeout, [topic [partition record_set]]. */
export async function encodeProduceRequest(
  args: ProduceRequestArgs,
  lookupCodec: (type: number) => Codec | null,
  now = Date.now(),
): Promise<Buffer> {
  const compression = args.compression ?? 0;
  const codec = compression === 0 ? null : lookupCodec(compression);
  if (compression !== 0 && !codec)
    throw new Error(`No codec registered for compression type ${compression}.`);
  const compress = codec ? (records: Buffer) => codec.compress({ buffer: records }) : undefined;
  const producerId = args.producerId === undefined ? -1n : BigInt(args.producerId.toString());
  const transactional = !!args.transactionalId;

  const topics: Array<{ topic: string; batches: Array<{ partition: number; batch: Buffer }> }> = [];
  let size = stringSize(args.transactionalId) + 2 + 4 + 4;
  for (const { topic, partitions } of args.topicData) {
    const batches: Array<{ partition: number; batch: Buffer }> = [];
    size += stringSize(topic) + 4;
    for (const { partition, firstSequence, messages } of partitions) {
      const batch = await encodeRecordBatch(messages, {
        compression,
        ...(compress ? { compress } : {}),
        producerId,
        producerEpoch: args.producerEpoch ?? 0,
        firstSequence: firstSequence ?? 0,
        transactional,
        now,
      });
      batches.push({ partition, batch });
      size += 4 + 4 + batch.length;
    }
    topics.push({ topic, batches });
  }

  const out = Buffer.allocUnsafe(size);
  let offset = writeString(out, 0, args.transactionalId);
  offset = out.writeInt16BE(args.acks, offset);
  offset = out.writeInt32BE(args.timeout, offset);
  offset = out.writeInt32BE(topics.length, offset);
  for (const { topic, batches } of topics) {
    offset = writeString(out, offset, topic);
    offset = out.writeInt32BE(batches.length, offset);
    for (const { partition, batch } of batches) {
      offset = out.writeInt32BE(partition, offset);
      offset = out.writeInt32BE(batch.length, offset);
      offset += batch.copy(out, offset);
    }
  }
  return out;
}

/** What kafkajs's produce/v3/request.js exports: args → the request object its connection sends. */
export function produceV3Request(kafkajs: KafkaJsModules) {
  return (args: ProduceRequestArgs) => ({
    apiKey: kafkajs.produceApiKey,
    apiVersion: 3,
    apiName: "Produce",
    expectResponse: () => args.acks !== 0,
    encode: async () => {
      const body = await encodeProduceRequest(args, kafkajs.lookupCodec);
      const encoder = new kafkajs.Encoder(0);
      encoder.buf = body;
      encoder.offset = body.length;
      return encoder;
    },
  });
}
