import { spawn } from "node:child_process";
import path from "node:path";
import { Kafka, logLevel } from "@/lib/kafka/kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureKafkaJars } from "@/lib/kafka/local-broker";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import { createTopic as createTestTopic } from "@/lib/kafka/testing/test-kafka";
import { KafkaDefaultPartitioning, recordSizeInBytes } from "./default-partitioning";
import { murmur2, partitionForKey, toPositive } from "./murmur2";
import { createPartitioner, sinkPartitionerSpec } from "./registry";
import { SinkPartitioning } from "./sink-partitioning";

/**
 * Kafka's own Java code is the oracle: small single-file programs in testing/ run against the
 * cached Kafka jars and print what Utils.murmur2, BuiltInPartitioner, DefaultRecord and a real
 * KafkaProducer do with the same bytes.
 */

const FIXTURES = path.join(import.meta.dirname, "testing");
let classpath: string;

function runJava(source: string, args: string[], stdin: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "java",
      [
        "-Dorg.apache.logging.log4j.level=OFF",
        "-cp",
        classpath,
        path.join(FIXTURES, source),
        ...args,
      ],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out.trimEnd().split("\n"))
        : reject(new Error(`${source} exited with ${code}: ${err}`)),
    );
    child.stdin.end(stdin);
  });
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** A deterministic PRNG (mulberry32), so a failure names keys that can be reproduced. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keys of every length 0..20: ASCII, non-ASCII UTF-8 (cut at the length, so also broken sequences) and random bytes. */
function sampleKeys(): Uint8Array[] {
  const random = prng(20240601);
  const utf8 = new TextEncoder();
  const text = "user-42 Grüße 東京 🚀 ключ ñ";
  const keys: Uint8Array[] = [];
  for (let length = 0; length <= 20; length++) {
    for (let i = 0; i < 5; i++) {
      keys.push(Uint8Array.from({ length }, () => Math.floor(random() * 256)));
      keys.push(Uint8Array.from({ length }, () => 0x20 + Math.floor(random() * 95)));
    }
    keys.push(utf8.encode(text).slice(0, length));
    keys.push(utf8.encode(text).slice(length, length * 2));
    keys.push(new Uint8Array(length).fill(0xff));
    keys.push(new Uint8Array(length).fill(0x80));
  }
  for (const id of [0, 1, 42, -1, 2147483647]) keys.push(utf8.encode(JSON.stringify({ id })));
  return keys;
}

beforeAll(async () => {
  classpath = (await ensureKafkaJars()).classpath;
}, 300_000);

describe("murmur2 against Kafka's Utils.murmur2", () => {
  it("agrees on hash, toPositive and partitionForKey for every sample key", async () => {
    const keys = sampleKeys();
    expect(keys.length).toBeGreaterThan(250);
    const counts = [1, 2, 3, 4, 7, 12, 100];
    const lines = await runJava("Murmur.java", counts.map(String), keys.map(hex).join("\n") + "\n");
    expect(lines).toHaveLength(keys.length);
    const ours = keys.map((key) =>
      [murmur2(key), toPositive(murmur2(key)), ...counts.map((n) => partitionForKey(key, n))].join(
        " ",
      ),
    );
    const mismatches = ours.flatMap((line, i) =>
      line === lines[i] ? [] : [`${hex(keys[i])}: ours ${line}, Kafka ${lines[i]}`],
    );
    expect(mismatches).toEqual([]);
  }, 60_000);
});

describe("record sizes against Kafka's DefaultRecord.sizeInBytes", () => {
  it("agrees for varied deltas, nullable keys and values, and headers", async () => {
    const cases: Array<{
      offsetDelta: number;
      timestampDelta: number;
      key: number;
      value: number;
      headers: Array<[string, number]>;
    }> = [];
    const random = prng(7);
    for (let i = 0; i < 200; i++) {
      const size = () => (random() < 0.15 ? -1 : Math.floor(random() ** 3 * 20000));
      cases.push({
        offsetDelta: Math.floor(random() ** 2 * 5000),
        timestampDelta: Math.floor(random() ** 4 * 1e10) * (random() < 0.1 ? -1 : 1),
        key: size(),
        value: size(),
        headers: Array.from({ length: Math.floor(random() * 3) }, (_, j) => [
          `h${j}é`.repeat(1 + j * 40),
          size(),
        ]),
      });
    }
    const stdin = cases
      .map((c) =>
        [
          c.offsetDelta,
          c.timestampDelta,
          c.key,
          c.value,
          ...c.headers.map(([k, v]) => `${k}:${v}`),
        ].join(" "),
      )
      .join("\n");
    const kafka = (await runJava("RecordSize.java", [], stdin + "\n")).map(Number);
    const bytesOf = (n: number) => (n < 0 ? null : new Uint8Array(n));
    const ours = cases.map((c) =>
      recordSizeInBytes(c.offsetDelta, c.timestampDelta, {
        key: bytesOf(c.key),
        value: bytesOf(c.value),
        headers: c.headers.map(([key, v]) => ({ key, value: bytesOf(v) })),
      }),
    );
    expect(ours).toEqual(kafka);
  }, 60_000);
});

describe("partition choice on a real broker (topic with 4 partitions)", () => {
  let bootstrapServers: string;
  let release: () => Promise<void>;
  let kafka: Kafka;

  beforeAll(async () => {
    ({ bootstrapServers, release } = await acquireTestBroker());
    kafka = new Kafka({
      clientId: "partitioners-test",
      brokers: [bootstrapServers],
      logLevel: logLevel.NOTHING,
    });
  }, 300_000);

  afterAll(async () => {
    await release?.();
  }, 60_000);

  /** A fresh 4-partition topic; the run suffix keeps reruns on a shared broker apart. */
  const run = Date.now().toString(36);
  async function createTopic(name: string): Promise<string> {
    // Records here carry 1970 timestamps; unlimited retention keeps the broker's first retention
    // check (about 30 s after it starts) from deleting them before they are read.
    return createTestTopic(kafka, `${name}-${run}`, 4, { configs: { "retention.ms": "-1" } });
  }

  /** Every record's value → the partition it was read from. */
  async function readPartitions(topic: string, count: number): Promise<Map<string, number>> {
    const consumer = kafka.consumer({
      groupId: `read-${topic}-${Date.now()}`,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen = new Map<string, number>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${seen.size} of ${count} records from ${topic}`)),
        30_000,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.set(message.value!.toString(), partition);
          if (seen.size >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    return seen;
  }

  it("default: keyed records go where the Java producer puts the same key bytes", async () => {
    const keys = sampleKeys()
      .filter((k) => k.length > 0)
      .slice(0, 120);
    keys.push(new Uint8Array(0));
    const javaTopic = await createTopic("partitioner-default-java");
    const oursTopic = await createTopic("partitioner-default-ours");

    const javaPartitions = (
      await runJava(
        "JavaProducer.java",
        [bootstrapServers, javaTopic],
        keys.map(hex).join("\n") + "\n",
      )
    ).map(Number);

    const sink = new SinkPartitioning(
      createPartitioner(sinkPartitionerSpec("default")),
      new KafkaDefaultPartitioning(),
      { parallelInstanceId: 0, parallelInstances: 1 },
    );
    const partitionIds = [0, 1, 2, 3];
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: oursTopic,
      messages: keys.map((key, i) => ({
        key: Buffer.from(key),
        value: String(i),
        partition: sink.partition(null, { key, value: null }, oursTopic, partitionIds),
      })),
    });
    await producer.disconnect();

    const landed = await readPartitions(oursTopic, keys.length);
    const ours = keys.map((_, i) => landed.get(String(i)));
    const javaLanded = await readPartitions(javaTopic, keys.length);
    expect(keys.map((_, i) => javaLanded.get(String(i)))).toEqual(javaPartitions);
    expect(ours).toEqual(javaPartitions);
    expect(new Set(ours).size).toBe(4);
  }, 120_000);

  it("fixed: parallel instance i writes to partition i % 4", async () => {
    const topic = await createTopic("partitioner-fixed");
    const parallelism = 6;
    const producer = kafka.producer();
    await producer.connect();
    for (let instance = 0; instance < parallelism; instance++) {
      const sink = new SinkPartitioning(
        createPartitioner(sinkPartitionerSpec("fixed")),
        new KafkaDefaultPartitioning(),
        {
          parallelInstanceId: instance,
          parallelInstances: parallelism,
        },
      );
      await producer.send({
        topic,
        messages: ["a", "b", "c"].map((key) => ({
          key,
          value: `${instance}/${key}`,
          partition: sink.partition(
            null,
            { key: new TextEncoder().encode(key), value: null },
            topic,
            [0, 1, 2, 3],
          ),
        })),
      });
    }
    await producer.disconnect();
    const landed = await readPartitions(topic, parallelism * 3);
    for (const [value, partition] of landed)
      expect(partition, value).toBe(Number(value.split("/")[0]) % 4);
  }, 120_000);

  it("round-robin (no key): records stay on one partition per batch.size bytes, then move", async () => {
    const topic = await createTopic("partitioner-sticky");
    const choices: number[] = [];
    const draws = [1, 3, 0, 2];
    let draw = 0;
    const sink = new SinkPartitioning(
      createPartitioner(sinkPartitionerSpec("round-robin")),
      new KafkaDefaultPartitioning({ batchSize: 1000, random: () => draws[draw++ % draws.length] }),
      { parallelInstanceId: 0, parallelInstances: 1 },
    );
    const value = (i: number) => `${String(i).padStart(4, "0")}${"x".repeat(96)}`;
    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: 36 }, (_, i) => {
      const partition = sink.partition(
        null,
        { key: null, value: new TextEncoder().encode(value(i)), timestamp: 0 },
        topic,
        [0, 1, 2, 3],
      );
      choices.push(partition);
      return { value: value(i), partition, timestamp: "0" };
    });
    await producer.send({ topic, messages });
    await producer.disconnect();
    // 100-byte values: 9 records per 1000-byte stint (see default-partitioning.test.ts).
    expect(choices).toEqual([
      ...Array(9).fill(1),
      ...Array(9).fill(3),
      ...Array(9).fill(0),
      ...Array(9).fill(2),
    ]);
    const landed = await readPartitions(topic, messages.length);
    expect(messages.map((m) => landed.get(m.value))).toEqual(choices);
  }, 120_000);
});
