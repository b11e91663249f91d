/**
 * Helpers for the runtime's integration tests: topics on the test broker, producing and reading
 * raw records, and running a SQL script through validateScript + runJob. Node-only; tests only.
 */
import { randomUUID } from "node:crypto";
import { Kafka, logLevel, type IHeaders } from "kafkajs";
import { validateScript } from "@/lib/sql/validate";
import { runJob } from "./run-job";
import type { InstanceMetrics, JobRuntimeContext, RunningJob } from "./job-runtime";

export function testKafka(bootstrapServers: string): Kafka {
  return new Kafka({ clientId: "runtime-test", brokers: [bootstrapServers], logLevel: logLevel.NOTHING });
}

export const uniqueName = (base: string) => `${base}-${randomUUID().slice(0, 8)}`;

export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export interface RawRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  partition?: number;
  headers?: IHeaders;
  timestamp?: string;
}

export async function produce(kafka: Kafka, topic: string, records: RawRecord[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += 5000) {
      await producer.send({ topic, messages: records.slice(i, i + 5000).map((r) => ({ ...r, key: r.key ?? null })) });
    }
  } finally {
    await producer.disconnect();
  }
}

export interface ReadRecord {
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

/** Reads every record up to the current end of each partition (read_committed when asked). */
export async function readAll(kafka: Kafka, topic: string, options: { readCommitted?: boolean } = {}): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
  const out: ReadRecord[] = [];
  if (remaining.size === 0) return out;
  const consumer = kafka.consumer({ groupId: uniqueName("reader"), readUncommitted: !options.readCommitted });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => resolve(), 20_000);
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const high = remaining.get(payload.partition);
      if (high !== undefined && Number(payload.lastOffset) + 1 >= high) remaining.delete(payload.partition);
      if (remaining.size === 0) {
        clearTimeout(timer);
        resolve();
      }
    });
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            out.push({ partition: batch.partition, offset: Number(m.offset), key: m.key, value: m.value, headers: m.headers ?? {}, timestamp: m.timestamp });
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

export interface ScriptRun {
  job: RunningJob;
  logs: string[];
  printed: string[];
  metrics: InstanceMetrics[][];
}

export async function runScript(
  script: string,
  options: Partial<Omit<JobRuntimeContext, "plan" | "onMetrics" | "onLog">> & { secrets?: Record<string, string> } = {},
): Promise<ScriptRun> {
  const result = validateScript(script);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !result.plan) throw new Error(`script does not validate: ${errors.map((e) => e.message).join("; ")}`);
  const logs: string[] = [];
  const printed: string[] = [];
  const metrics: InstanceMetrics[][] = [];
  const parallelism = options.parallelism ?? 1;
  const job = await runJob({
    plan: result.plan,
    deploymentId: options.deploymentId ?? uniqueName("dep"),
    parallelism,
    instances: options.instances ?? Array.from({ length: parallelism }, (_, i) => i),
    attemptNumber: options.attemptNumber ?? 1,
    ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
    resolveSecret: async (name) => {
      const value = options.secrets?.[name];
      if (value === undefined) throw new Error(`unknown secret ${name}`);
      return value;
    },
    ...(options.resolvePartitioner ? { resolvePartitioner: options.resolvePartitioner } : {}),
    onMetrics: (m) => metrics.push(m),
    onLog: (level, message) => logs.push(`${level} ${message}`),
    onPrint: (line) => printed.push(line),
  });
  return { job, logs, printed, metrics };
}
