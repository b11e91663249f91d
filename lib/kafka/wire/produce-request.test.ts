/**
 * Tributary's produce-request encoder must put exactly kafkajs's bytes on the wire — the same
 * request, batch header, sequence numbers and records — only faster. Pinned here against kafkajs's
 * own v3 request encoder, and the batches read back with kafkajs's decoder.
 */
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { crc32c } from "./crc32c";
import { encodeProduceRequest, type ProduceRequestArgs } from "./produce-request";
import { encodeRecordBatch } from "./record-batch";

const require = createRequire(import.meta.url);
const kafkajsProduceV3 = require("kafkajs/src/protocol/requests/produce/v3/request.js") as (
  args: unknown,
) => { encode(): Promise<{ buffer: Buffer }> };
const { lookupCodec } = require("kafkajs/src/protocol/message/compression/index.js");
const Long = require("kafkajs/src/utils/long.js");
const Decoder = require("kafkajs/src/protocol/decoder.js");
const { crc32C: kafkajsCrc } = {
  crc32C: require("kafkajs/src/protocol/recordBatch/crc32C/crc32C.js"),
};
const decodeRecordBatch = require("kafkajs/src/protocol/recordBatch/v0/decoder.js");

const NOW = 1_764_000_000_000;

afterEach(() => vi.restoreAllMocks());

beforeAll(() => {
  // The reference must be kafkajs's own encoder, not the replacement lib/kafka/kafkajs.ts installs.
  expect(kafkajsProduceV3.toString()).not.toContain("encodeProduceRequest");
});

async function kafkajsBytes(args: ProduceRequestArgs): Promise<Buffer> {
  vi.spyOn(Date, "now").mockReturnValue(NOW);
  const request = kafkajsProduceV3({ ...args, producerId: args.producerId ?? Long.fromInt(-1) });
  return (await request.encode()).buffer;
}

const ours = (args: ProduceRequestArgs) => encodeProduceRequest(args, lookupCodec, NOW);

const value = (n: number, fill = "x") => Buffer.alloc(n, fill);

/** A batch of a producer that is neither idempotent nor transactional. */
const plainBatch = {
  producerId: -1n,
  producerEpoch: 0,
  firstSequence: 0,
  transactional: false,
  now: NOW,
};

describe("produce request encoding", () => {
  it("writes kafkajs's bytes for keyless records without timestamps (the sink's common case)", async () => {
    const args: ProduceRequestArgs = {
      acks: -1,
      timeout: 30_000,
      topicData: [
        {
          topic: "orders",
          partitions: [
            {
              partition: 0,
              firstSequence: 0,
              messages: Array.from({ length: 500 }, () => ({ key: null, value: value(100) })),
            },
          ],
        },
      ],
    };
    expect((await ours(args)).equals(await kafkajsBytes(args))).toBe(true);
  });

  it("writes kafkajs's bytes for keys, tombstones, strings, headers, timestamps and several partitions and topics", async () => {
    const messages = (p: number) => [
      {
        key: Buffer.from([1, 2, 3]),
        value: Buffer.from("héllo wörld"),
        timestamp: String(NOW - 5000 - p),
        headers: { a: "1", ü: [Buffer.from([0]), "zwei"] },
      },
      { key: "k", value: null, timestamp: String(NOW - 10_000) },
      { key: Buffer.alloc(0), value: Buffer.alloc(0), timestamp: String(NOW) },
      { key: null, value: value(20_000, "y"), timestamp: String(NOW - 1), headers: {} },
    ];
    const args: ProduceRequestArgs = {
      acks: 1,
      timeout: 1234,
      topicData: [
        {
          topic: "a",
          partitions: [
            { partition: 0, firstSequence: 0, messages: messages(0) },
            { partition: 7, firstSequence: 0, messages: messages(7) },
          ],
        },
        {
          topic: "tøpic-b",
          partitions: [{ partition: 2, firstSequence: 0, messages: messages(2) }],
        },
      ],
    };
    expect((await ours(args)).equals(await kafkajsBytes(args))).toBe(true);
  });

  it("writes kafkajs's bytes for transactional batches with producer id, epoch and sequences", async () => {
    const args: ProduceRequestArgs = {
      acks: -1,
      timeout: 30_000,
      transactionalId: "tx-prefix-0-0",
      producerId: Long.fromValue(123_456_789_012n),
      producerEpoch: 7,
      topicData: [
        {
          topic: "out",
          partitions: [
            { partition: 0, firstSequence: 42, messages: [{ key: null, value: value(10) }] },
            {
              partition: 1,
              firstSequence: 2_147_483_000,
              messages: [
                { key: null, value: value(10) },
                { key: null, value: value(11) },
              ],
            },
          ],
        },
      ],
    };
    expect((await ours(args)).equals(await kafkajsBytes(args))).toBe(true);
  });

  it("writes kafkajs's bytes when timestamps are years apart (varlong deltas past 2^31) and out of order", async () => {
    const args: ProduceRequestArgs = {
      acks: -1,
      timeout: 30_000,
      topicData: [
        {
          topic: "t",
          partitions: [
            {
              partition: 0,
              messages: [
                { value: "late", timestamp: "1700000000000" },
                { value: "early", timestamp: "1000000000000" },
                { value: "middle", timestamp: 1_500_000_000_000 },
              ],
            },
          ],
        },
      ],
    };
    expect((await ours(args)).equals(await kafkajsBytes(args))).toBe(true);
  });

  it("writes kafkajs's bytes for gzip batches, whose records are compressed after the count", async () => {
    const args: ProduceRequestArgs = {
      acks: -1,
      timeout: 30_000,
      compression: 1,
      topicData: [
        {
          topic: "z",
          partitions: [
            {
              partition: 3,
              firstSequence: 5,
              messages: Array.from({ length: 50 }, (_, i) => ({
                key: String(i),
                value: `row ${i}`,
              })),
            },
          ],
        },
      ],
    };
    const mine = await ours(args);
    expect(mine.equals(await kafkajsBytes(args))).toBe(true);
  });

  it("reads back with kafkajs's decoder: offsets, keys, values, headers, timestamps", async () => {
    const batch = await encodeRecordBatch(
      [
        { key: "id-1", value: "a", headers: { trace: "t1" } },
        { key: null, value: null, timestamp: NOW + 5 },
      ],
      { ...plainBatch, compression: 0 },
    );
    const decoded = await decodeRecordBatch(new Decoder(batch));
    expect(
      decoded.records.map(
        (r: {
          offset: string;
          key: Buffer | null;
          value: Buffer | null;
          timestamp: string;
          headers: Record<string, Buffer>;
        }) => ({
          offset: r.offset,
          key: r.key?.toString() ?? null,
          value: r.value?.toString() ?? null,
          timestamp: r.timestamp,
          headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.toString()])),
        }),
      ),
    ).toEqual([
      { offset: "0", key: "id-1", value: "a", timestamp: String(NOW), headers: { trace: "t1" } },
      { offset: "1", key: null, value: null, timestamp: String(NOW + 5), headers: {} },
    ]);
    expect(decoded.maxTimestamp).toBe(String(NOW + 5));
  });

  it("gives a header with a null value the -1 length the Java client writes (kafkajs cannot encode it)", async () => {
    const batch = await encodeRecordBatch([{ value: "v", headers: { h: null } }], {
      ...plainBatch,
      compression: 0,
    });
    // ... header count 1, key "h" (len 1 → zigzag 2), value length -1 (zigzag 1)
    expect([...batch.subarray(batch.length - 4)]).toEqual([0x02, 0x02, "h".charCodeAt(0), 0x01]);
  });

  it("checksums with CRC-32C as kafkajs does, at every length and offset", () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff));
    for (const [start, end] of [
      [0, 0],
      [0, 1],
      [0, 7],
      [0, 8],
      [3, 300],
      [21, 299],
      [0, 300],
    ]) {
      expect(crc32c(bytes, start, end)).toBe(kafkajsCrc(bytes.subarray(start, end)));
    }
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283); // the standard check value
  });

  it("compresses with the registered codec and keeps the batch readable", async () => {
    const batch = await encodeRecordBatch([{ value: "compressed" }], {
      compression: 1,
      compress: async (records) => (await lookupCodec(1)).compress({ buffer: records }),
      ...plainBatch,
    });
    expect(batch.readInt16BE(21) & 0x07).toBe(1);
    expect(gunzipSync(batch.subarray(61)).includes(Buffer.from("compressed"))).toBe(true);
  });
});
