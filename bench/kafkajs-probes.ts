/**
 * Probes for `npm run bench`: the plain kafkajs consume→produce loop and kafkajs's own cost a
 * record (both in child processes, bench/kafkajs-probe.mjs), and the steady-state rate at which a
 * copy filled a topic.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Kafka, logLevel } from "@/lib/kafka/kafkajs";

export interface KafkaJsCost {
  /** CPU µs a record to fetch and decode (kafkajs consumer, eachBatch doing nothing). */
  consumeMicros: number;
  /** CPU µs a record to encode and send (kafkajs producer, acks=all). */
  produceMicros: number;
}

/** kafkajs as published, or as Tributary loads it (lib/kafka/kafkajs.ts). */
export type KafkaJsBuild = "stock" | "tributary";

function probe<T>(build: KafkaJsBuild, command: "copy" | "cost", args: string[]): Promise<T> {
  const script = path.join(import.meta.dirname, "kafkajs-probe.mjs");
  const node = build === "tributary" ? ["--import", "tsx", script] : [script];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, command, ...args], {
      env: { ...process.env, KAFKAJS: build },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0)
        reject(new Error(`kafkajs probe '${command}' (${build}) exited with ${code}`));
      else resolve(JSON.parse(out.trim().split("\n").at(-1)!) as T);
    });
  });
}

/** A plain kafkajs loop copies `count` records from input to output; CPU µs a record of its process. */
export function plainCopyLoop(
  build: KafkaJsBuild,
  bootstrap: string,
  input: string,
  output: string,
  count: number,
) {
  return probe<{ cpuMicrosPerRecord: number }>(build, "copy", [
    bootstrap,
    input,
    output,
    String(count),
  ]);
}

/** kafkajs's own cost a record: consuming `input` (eachBatch only counts), and producing 100-byte records to `output`. */
export function measureKafkaJsCost(
  build: KafkaJsBuild,
  bootstrap: string,
  input: string,
  output: string,
  count: number,
): Promise<KafkaJsCost> {
  return probe<KafkaJsCost>(build, "cost", [bootstrap, input, output, String(count)]);
}

/**
 * The producer timestamps (CreateTime, taken when a request is encoded) of a 1-partition topic's
 * first and last record: their distance is how long the copy took once it was running, without
 * start-up (group join, first fetch) and teardown (leaving the group).
 */
export async function producedSpanMs(
  bootstrapServers: string,
  topic: string,
  count: number,
): Promise<number> {
  const kafka = new Kafka({
    clientId: "bench-span",
    brokers: [bootstrapServers],
    logLevel: logLevel.NOTHING,
  });
  const at = async (offset: number): Promise<number> => {
    const consumer = kafka.consumer({
      groupId: `bench-span-${randomUUID().slice(0, 8)}`,
      maxBytesPerPartition: 64 * 1024,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    try {
      let found!: (timestamp: number) => void;
      const timestamp = new Promise<number>((resolve) => (found = resolve));
      await consumer.run({
        eachBatch: async ({ batch }) => {
          const m = batch.messages.find((x) => Number(x.offset) === offset);
          if (m) found(Number(m.timestamp));
        },
      });
      consumer.seek({ topic, partition: 0, offset: String(offset) });
      return await timestamp;
    } finally {
      await consumer.disconnect();
    }
  };
  return (await at(count - 1)) - (await at(0));
}
