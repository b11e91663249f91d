/**
 * Kafka helpers for integration tests and benchmarks (kept in lib/kafka, the only place that
 * imports kafkajs): topics, producing raw records, and reading a topic to its current end.
 */
import { randomUUID } from "node:crypto";
import type { IHeaders } from "kafkajs";
import { Kafka, kafkajsInternals, logLevel } from "../kafkajs";
import { waitForLeaders } from "../topic-admin";

export type { Kafka, IHeaders };

export function testKafka(bootstrapServers: string): Kafka {
  return new Kafka({
    clientId: "runtime-test",
    brokers: [bootstrapServers],
    logLevel: logLevel.NOTHING,
  });
}

export const uniqueName = (base: string) => `${base}-${randomUUID().slice(0, 8)}`;

export interface TopicOptions {
  /** Topic configs, e.g. { "cleanup.policy": "compact" }. */
  configs?: Record<string, string>;
}

/**
 * Creates a topic and returns once every partition has a leader that serves it. Not kafkajs's `waitForLeaders`:
 * it gives up on the UNKNOWN_TOPIC_OR_PARTITION a KRaft broker answers for a moment after
 * creating a topic (its metadata cache lags the controller), so this polls the metadata instead.
 */
export async function createTopic(
  kafka: Kafka,
  topic: string,
  partitions: number,
  options: TopicOptions = {},
): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: partitions,
          configEntries: Object.entries(options.configs ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        },
      ],
      waitForLeaders: false,
    });
    await waitForLeaders(admin, topic, partitions);
    return topic;
  } finally {
    await admin.disconnect();
  }
}

/** Grows a topic to `total` partitions and returns once each has a leader. */
export async function addPartitions(kafka: Kafka, topic: string, total: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createPartitions({ topicPartitions: [{ topic, count: total }] });
    await waitForLeaders(admin, topic, total);
  } finally {
    await admin.disconnect();
  }
}

/** Commits offsets for a consumer group (as a previous consumer of the group would have). */
export async function commitGroupOffsets(
  kafka: Kafka,
  groupId: string,
  topic: string,
  offsets: Array<{ partition: number; offset: number }>,
): Promise<void> {
  // As a reader outside the group commits (kafkajs's admin.setOffsets joins the group: seconds).
  const cluster = kafkajsInternals.createCluster(kafka, {
    metadataMaxAge: 300_000,
    allowAutoTopicCreation: false,
    isolationLevel: 1,
  });
  await cluster.connect();
  try {
    const coordinator = await cluster.findGroupCoordinator({ groupId });
    await coordinator.offsetCommit({
      groupId,
      groupGenerationId: -1,
      memberId: "",
      retentionTime: -1,
      topics: [
        {
          topic,
          partitions: offsets.map((o) => ({ partition: o.partition, offset: String(o.offset) })),
        },
      ],
    });
  } finally {
    await cluster.disconnect();
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
      await producer.send({
        topic,
        messages: records.slice(i, i + 5000).map((r) => ({ ...r, key: r.key ?? null })),
      });
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

/**
 * Reads every record up to the current end of each partition (read_committed when asked). With
 * `atLeast`, reads again until that many records are there (up to 20 s): after a transaction
 * commits, its markers — and so the end a read_committed reader sees — follow a moment later.
 */
export async function readAll(
  kafka: Kafka,
  topic: string,
  options: { readCommitted?: boolean; atLeast?: number } = {},
): Promise<ReadRecord[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const records = await readToEnd(kafka, topic, options.readCommitted ?? false);
    if (records.length >= (options.atLeast ?? 0) || Date.now() > deadline) return records;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function readToEnd(
  kafka: Kafka,
  topic: string,
  readCommitted: boolean,
): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]),
  );
  const out: ReadRecord[] = [];
  if (remaining.size === 0) return out;
  const consumer = kafka.consumer({
    groupId: uniqueName("reader"),
    readUncommitted: !readCommitted,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => resolve(), 20_000);
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const high = remaining.get(payload.partition);
      if (high !== undefined && Number(payload.lastOffset) + 1 >= high)
        remaining.delete(payload.partition);
      if (remaining.size === 0) {
        clearTimeout(timer);
        resolve();
      }
    });
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            out.push({
              partition: batch.partition,
              offset: Number(m.offset),
              key: m.key,
              value: m.value,
              headers: m.headers ?? {},
              timestamp: m.timestamp,
            });
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
