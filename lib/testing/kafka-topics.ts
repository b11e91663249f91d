/**
 * Topic creation for integration tests. kafkajs's `waitForLeaders` gives up on the
 * UNKNOWN_TOPIC_OR_PARTITION a KRaft broker answers for a moment after creating a topic (its
 * metadata cache lags the controller), so this waits until every partition has a leader.
 */
import { randomUUID } from "node:crypto";
import { createKafka } from "@/lib/kafka/connection";

export interface TestTopicOptions {
  partitions?: number;
  /** Topic configs, e.g. { "cleanup.policy": "compact" }. */
  configs?: Record<string, string>;
  /** The name; a unique one with this prefix is made when absent. */
  topic?: string;
  prefix?: string;
}

export async function createTestTopic(bootstrapServers: string, opts: TestTopicOptions = {}): Promise<string> {
  const topic = opts.topic ?? `${opts.prefix ?? "test"}-${randomUUID().slice(0, 8)}`;
  const partitions = opts.partitions ?? 1;
  const admin = createKafka(bootstrapServers).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: partitions,
          configEntries: Object.entries(opts.configs ?? {}).map(([name, value]) => ({ name, value })),
        },
      ],
      waitForLeaders: false,
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        const ready = topics[0]?.partitions ?? [];
        if (ready.length === partitions && ready.every((p) => p.leader >= 0)) return topic;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      if (Date.now() > deadline) throw new Error(`Topic '${topic}' has no leader for every partition after 15 s.`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await admin.disconnect();
  }
}
