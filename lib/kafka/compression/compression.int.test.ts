/**
 * The codecs against the Java client: its decompressors read our frames, its consumer reads what
 * a kafkajs producer writes with each codec, and kafkajs reads what its producer writes.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompressionTypes } from "../kafkajs";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import {
  createTopic,
  readAll,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { lateMatchInput, noiseInput, repetitiveInput, textInput } from "./testing/inputs";
import { runKafkaCompression } from "./testing/java";
import { lz4CompressFrame } from "./lz4";
import { snappyCompressStream } from "./snappy";
import { zstdCompress } from "./zstd";
import { registerCompressionCodecs } from "./index";

const CODECS = [
  { name: "snappy", type: CompressionTypes.Snappy, compress: snappyCompressStream },
  { name: "lz4", type: CompressionTypes.LZ4, compress: lz4CompressFrame },
  { name: "zstd", type: CompressionTypes.ZSTD, compress: zstdCompress },
] as const;

const INPUTS: Record<string, () => Uint8Array> = {
  text: textInput,
  "late-match": lateMatchInput,
  noise: () => noiseInput(150_000),
  repetitive: repetitiveInput,
};

interface TestRecord {
  key: Buffer | null;
  value: Buffer;
}

/** Small and large records; the 200 KiB one spans several LZ4 blocks and snappy chunks. */
function testRecords(codec: string): TestRecord[] {
  const records: TestRecord[] = Array.from({ length: 300 }, (_, i) => ({
    key: i % 10 === 0 ? null : Buffer.from(`${codec}-key-${i}`),
    value: Buffer.from(
      `{"codec":"${codec}","n":${i},"text":"${"ä€ compressible ".repeat(i % 40)}"}`,
    ),
  }));
  records.push({
    key: Buffer.from("large"),
    value: Buffer.concat([textInput(), Buffer.alloc(40_000, "a"), textInput()]),
  });
  records.push({ key: Buffer.from("noise"), value: Buffer.from(noiseInput(70_000)) });
  return records;
}

const toLines = (records: TestRecord[]) =>
  records
    .map((r) => `${r.key ? r.key.toString("base64") : ""}\t${r.value.toString("base64")}`)
    .join("\n") + "\n";

let dir: string;
let bootstrap: string;
let kafka: Kafka;

beforeAll(async () => {
  await registerCompressionCodecs();
  bootstrap = testInfrastructure().bootstrapServers;
  kafka = testKafka(bootstrap);
  dir = await mkdtemp(path.join(os.tmpdir(), "kafka-compression-int-"));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(CODECS)("$name", ({ name, type, compress }) => {
  it("Kafka's own decompressor reads our frames", async () => {
    const args: string[] = [];
    const expected = new Map<string, Uint8Array>();
    for (const [input, make] of Object.entries(INPUTS)) {
      const data = make();
      const source = path.join(dir, `${name}-${input}.compressed`);
      await writeFile(source, await compress(data));
      args.push(source, `${source}.out`);
      expected.set(`${source}.out`, data);
    }
    await runKafkaCompression(["decompress", name, "2", ...args]);
    for (const [out, data] of expected) {
      const decoded = await readFile(out);
      expect(decoded.length, out).toBe(data.length);
      expect(Buffer.compare(decoded, Buffer.from(data)), out).toBe(0);
    }
  });

  it("a Java KafkaConsumer reads what a kafkajs producer wrote", async () => {
    const topic = await createTopic(kafka, uniqueName(`compression-kafkajs-${name}`), 1);
    const records = testRecords(name);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      // Two sends: two record batches, each compressed whole.
      const half = records.length / 2;
      for (const part of [records.slice(0, half), records.slice(half)]) {
        await producer.send({
          topic,
          compression: type,
          messages: part.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
        });
      }
    } finally {
      await producer.disconnect();
    }
    const out = path.join(dir, `${topic}.read`);
    await runKafkaCompression(["consume", bootstrap, topic, String(records.length), out]);
    expect(await readFile(out, "utf8")).toBe(toLines(records));
  });

  it("kafkajs reads what a Java KafkaProducer wrote with compression.type", async () => {
    const topic = await createTopic(kafka, uniqueName(`compression-java-${name}`), 1);
    const records = testRecords(name);
    const file = path.join(dir, `${topic}.records`);
    await writeFile(file, toLines(records));
    await runKafkaCompression(["produce", bootstrap, topic, name, file]);
    const read = await readAll(kafka, topic);
    expect(read).toHaveLength(records.length);
    expect(read.map((r) => ({ key: r.key, value: r.value }))).toEqual(records);
  });
});
