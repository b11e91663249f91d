/**
 * Tributary's fetched-batch decoder (record-batch-decoder.ts, which lib/kafka/kafkajs.ts puts in
 * place of kafkajs's protocol/recordBatch/v0/decoder.js) and the reader's batch (fetched-batch.ts)
 * must give exactly what kafkajs's own give: the same records, field by field, the same
 * position after each batch, the same errors. Pinned here against kafkajs's originals.
 */
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/formats/testing/seeded-random";
import "../kafkajs";
import { FetchedBatch, offsetAtLeast } from "./fetched-batch";
import { encodeRecordBatch, type BatchMessage } from "./record-batch";

const require = createRequire(import.meta.url);
const Decoder = require("kafkajs/src/protocol/decoder.js") as new (buffer: Buffer) => {
  offset: number;
};

/** kafkajs's own module, loaded fresh past the replacement in require's cache. */
function original<T>(id: string): T {
  const file = require.resolve(id);
  const saved = require.cache[file];
  delete require.cache[file];
  try {
    return require(file) as T;
  } finally {
    if (saved) require.cache[file] = saved;
    else delete require.cache[file];
  }
}

type DecodeBatch = (decoder: unknown) => Promise<unknown>;
const ours = require("kafkajs/src/protocol/recordBatch/v0/decoder.js") as DecodeBatch;
const theirs = original<DecodeBatch>("kafkajs/src/protocol/recordBatch/v0/decoder.js");
const KafkaJsBatch = require("kafkajs/src/consumer/batch.js") as new (
  topic: string,
  fetchedOffset: string,
  data: unknown,
) => { messages: unknown[]; rawMessages: unknown[]; highWatermark: string };

async function batch(
  messages: BatchMessage[],
  o: { baseOffset?: bigint; attributes?: number; gzip?: boolean } = {},
): Promise<Buffer> {
  const bytes = await encodeRecordBatch(messages, {
    compression: o.gzip ? 1 : 0,
    compress: async (records) => gzipSync(records),
    producerId: 4711n,
    producerEpoch: 3,
    firstSequence: 0,
    transactional: false,
    now: 1_764_000_000_000,
  });
  bytes.writeBigInt64BE(o.baseOffset ?? 0n, 0);
  if (o.attributes !== undefined) bytes.writeInt16BE(bytes.readInt16BE(21) | o.attributes, 21);
  return bytes;
}

/** Every batch of `bytes` in turn, as decodeMessages reads them: records or the error, and the position. */
async function decodeAll(decode: DecodeBatch, bytes: Buffer) {
  const decoder = new Decoder(bytes);
  const out: unknown[] = [];
  while (decoder.offset + 49 <= bytes.length) {
    try {
      out.push(await decode(decoder));
    } catch (e) {
      out.push({ error: (e as Error).name, message: (e as Error).message });
      break;
    }
    out.push(decoder.offset);
  }
  return out;
}

async function expectSameAsKafkaJs(bytes: Buffer) {
  const a = await decodeAll(ours, bytes);
  expect(a).toStrictEqual(await decodeAll(theirs, bytes));
  return a;
}

const NOW = 1_764_000_000_000;
const value = (i: number) => Buffer.from(`${i},${NOW + i},customer-${i % 100},${i / 10},note ${i}`);

describe("fetched record batches decode as kafkajs decodes them", () => {
  it("is installed in kafkajs in place of its own decoder", () => {
    expect(ours).not.toBe(theirs);
  });

  it("plain records: offsets, timestamps, keys, tombstones and headers", async () => {
    const messages: BatchMessage[] = Array.from({ length: 300 }, (_, i) => ({
      key: i % 3 === 0 ? null : Buffer.from(`k${i}`),
      value: i % 7 === 0 ? null : value(i),
      timestamp: NOW + i * 13,
      ...(i % 11 === 0 ? { headers: { a: "1", b: [Buffer.from([0, 1]), "zwei"], ü: "é" } } : {}),
    }));
    const decoded = await expectSameAsKafkaJs(await batch(messages, { baseOffset: 123_456_789n }));
    const first = (decoded[0] as { records: Array<{ offset: string; timestamp: string }> })
      .records[5];
    expect(first.offset).toBe("123456794");
    expect(first.timestamp).toBe(String(NOW + 65));
  });

  it("offsets near and past 2^53, negative and huge timestamp deltas", async () => {
    const messages: BatchMessage[] = [
      { value: value(1), timestamp: -1 },
      { value: value(2), timestamp: NOW },
      { value: value(3), timestamp: 2 ** 52 },
      { value: value(4), timestamp: 0 },
    ];
    for (const baseOffset of [
      0n,
      2n ** 53n - 3n,
      2n ** 53n + 1n,
      2n ** 62n,
      9_007_199_254_740_000n,
    ])
      await expectSameAsKafkaJs(await batch(messages, { baseOffset }));
    await expectSameAsKafkaJs(await batch([{ value: value(1), timestamp: 2 ** 51 }]));
  });

  it("log-append time, control and transactional batches, gzip, several batches in a row", async () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({
      value: value(i),
      timestamp: NOW + i,
    }));
    const bytes = Buffer.concat([
      await batch(messages, { attributes: 0x08, baseOffset: 10n }),
      await batch(messages.slice(0, 1), { attributes: 0x30, baseOffset: 60n }),
      await batch(messages, { attributes: 0x10, baseOffset: 61n }),
      await batch(messages, { gzip: true, baseOffset: 111n }),
    ]);
    const decoded = await expectSameAsKafkaJs(bytes);
    expect(decoded).toHaveLength(8);
  });

  it("a batch cut off by the fetch's size limit fails as kafkajs's does (KafkaJSPartialMessageError)", async () => {
    const whole = await batch(Array.from({ length: 20 }, (_, i) => ({ value: value(i) })));
    const r = seededRandom(14);
    for (let i = 0; i < 200; i++) {
      const cut = 49 + r.int(whole.length - 49);
      const decoded = await expectSameAsKafkaJs(Buffer.concat([whole, whole.subarray(0, cut)]));
      expect(decoded[2]).toMatchObject({ error: "KafkaJSPartialMessageError" });
    }
  });

  it("corrupted records decode, or fail, exactly as kafkajs decodes them", async () => {
    const r = seededRandom(15);
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: i % 2 ? Buffer.from("key") : null,
      value: value(i),
      timestamp: NOW + i,
      ...(i % 5 === 0 ? { headers: { h: "v" } } : {}),
    }));
    const whole = await batch(messages, { baseOffset: 1000n });
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.from(whole);
      for (let m = 1 + r.int(3); m > 0; m--)
        bytes[61 + r.int(bytes.length - 61)] = r.pick([0, 1, 2, 0x7f, 0x80, 0xff, r.int(256)]);
      await expectSameAsKafkaJs(bytes);
    }
  });
});

describe("the reader's batch filters as kafkajs's Batch does", () => {
  it("compares offsets as numbers, however long", () => {
    const pairs: Array<[string, string]> = [
      ["10", "9"],
      ["9", "10"],
      ["123", "123"],
      ["9007199254740993", "9007199254740992"],
      ["99999999999999999999", "100000000000000000000"],
      ["-1", "0"],
      ["0", "-1"],
    ];
    for (const [a, b] of pairs)
      expect(offsetAtLeast(a, b), `${a} >= ${b}`).toBe(BigInt(a) >= BigInt(b));
  });

  it("keeps records from the fetched offset on, without control records and aborted transactions", () => {
    const r = seededRandom(16);
    for (let round = 0; round < 300; round++) {
      const base = r.pick([0, 5, 1_000_000, 2 ** 53 - 40]);
      const messages = Array.from({ length: 1 + r.int(40) }, (_, i) => {
        const control = r.next() < 0.1;
        const producerId = String(r.int(3));
        return {
          offset: String(BigInt(base) + BigInt(i)),
          key: control ? Buffer.from([0, 0, 0, r.int(2)]) : Buffer.from("k"),
          value: Buffer.from("v"),
          isControlRecord: control,
          batchContext: {
            producerId,
            inTransaction: r.next() < 0.5,
            firstOffset: String(BigInt(base) + BigInt(i)),
            lastOffsetDelta: 0,
          },
        };
      });
      const fetched = String(BigInt(base) + BigInt(r.int(10)));
      const data = {
        partition: 0,
        highWatermark: String(base + 100),
        abortedTransactions:
          r.next() < 0.5
            ? []
            : [
                {
                  producerId: String(r.int(3)),
                  firstOffset: String(BigInt(base) + BigInt(r.int(20))),
                },
              ],
        messages,
      };
      const a = new FetchedBatch("t", fetched, data);
      const b = new KafkaJsBatch("t", fetched, data);
      expect(a.messages).toStrictEqual(b.messages);
      expect(a.rawMessages).toBe(b.rawMessages);
      expect(a.highWatermark).toBe(b.highWatermark);
    }
  });
});
