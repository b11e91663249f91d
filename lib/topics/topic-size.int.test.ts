import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { createTopic, produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { adHocProfile } from "./topic-admin-session";
import { describeTopic } from "./describe-topic";
import { listTopics } from "./list-topics";

const infra = testInfrastructure();
const kafka = testKafka(infra.bootstrapServers);
const cluster = adHocProfile(infra.bootstrapServers);

const records = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => ({
    value: `${from + i},${"x".repeat(200)}`,
    partition: (from + i) % 2,
  }));

describe("topic size on disk (DescribeLogDirs)", () => {
  it("is 0 for an empty topic, above the records' bytes once produced, and grows", async () => {
    const topic = await createTopic(kafka, uniqueName("size"), 2);
    const empty = await listTopics({ cluster, search: topic });
    expect(empty.topics).toEqual([
      expect.objectContaining({ name: topic, size: { leaderBytes: 0, replicaBytes: 0 } }),
    ]);

    await produce(kafka, topic, records(100, 0));
    const first = (await listTopics({ cluster, search: topic })).topics[0].size!;
    // 100 values of ~204 bytes, plus record and batch headers.
    expect(first.leaderBytes).toBeGreaterThan(100 * 204);
    // One broker: every replica is a leader.
    expect(first.replicaBytes).toBe(first.leaderBytes);

    await produce(kafka, topic, records(100, 100));
    const details = await describeTopic(cluster, topic);
    expect(details.size!.leaderBytes).toBeGreaterThan(first.leaderBytes + 100 * 204);
    expect(details.partitions.map((p) => p.high)).toEqual([100, 100]);
  });
});
