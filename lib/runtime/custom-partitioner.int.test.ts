/**
 * Custom partitioners named in sink.partitioner: the runtime resolves the class through
 * ctx.resolvePartitioner once per parallel sink instance, opens it with the instance's index and
 * lets it choose the partition of every record; Flink's messages when it cannot.
 */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import type { KafkaPartitioner } from "@/lib/partitioners";
import type { Value } from "@/lib/types/logical-type";
import { createTopic, readAll, runScript, uniqueName } from "./testing/run-script";

const broker = brokerForTests();

const CLASS = "com.example.ReversePartitioner";

const script = (topic: string, rows = 12) => `
  CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '${rows - 1}');
  CREATE TABLE dst (id BIGINT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
    'format' = 'csv', 'key.format' = 'raw', 'key.fields' = 'id', 'value.fields-include' = 'ALL', 'sink.partitioner' = '${CLASS}');
  INSERT INTO dst SELECT id FROM gen;`;

describe("custom partitioner", () => {
  it("chooses every record's partition, one instance per parallel sink instance", async () => {
    const topic = uniqueName("custom");
    await createTopic(broker.kafka, topic, 4);
    const opened: Array<[number, number]> = [];
    const calls: Array<{ topic: string; partitions: readonly number[]; keyLength: number }> = [];
    const resolved: string[] = [];
    const { job } = await runScript(script(topic), {
      parallelism: 2,
      resolvePartitioner: async (className) => {
        resolved.push(className);
        const partitioner: KafkaPartitioner<readonly Value[]> = {
          open: (id, count) => void opened.push([id, count]),
          partition: (record, key, _value, targetTopic, partitions) => {
            calls.push({ topic: targetTopic, partitions, keyLength: key?.length ?? -1 });
            // The highest partition for id 0, then downwards.
            return partitions[partitions.length - 1 - (Number(record[0]) % partitions.length)];
          },
        };
        return partitioner;
      },
    });
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(broker.kafka, topic);
    expect(records).toHaveLength(12);
    for (const r of records) expect(r.partition).toBe(3 - (Number(r.value!.toString()) % 4));
    // One resolution to check the class before the start, then one per instance.
    expect(resolved).toEqual([CLASS, CLASS, CLASS]);
    expect(opened.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(calls).toHaveLength(12);
    expect(calls[0]).toEqual({ topic, partitions: [0, 1, 2, 3], keyLength: 8 });
  });

  it("fails with Flink's message when the class cannot be found", async () => {
    const topic = uniqueName("custom-missing");
    await createTopic(broker.kafka, topic, 2);
    for (const options of [
      {},
      { resolvePartitioner: async () => undefined },
      { resolvePartitioner: async () => Promise.reject(new Error("no such resource")) },
    ]) {
      const { job } = await runScript(script(topic), options);
      const outcome = await job.outcome;
      expect(outcome.state).toBe("FAILED");
      if (outcome.state !== "FAILED") return;
      expect(outcome.failure.message).toBe(
        `Could not find and instantiate partitioner class '${CLASS}'`,
      );
      expect(outcome.failure.retriable).toBe(false);
    }
  });

  it("fails with Flink's message when the object is no KafkaPartitioner", async () => {
    const topic = uniqueName("custom-wrong");
    await createTopic(broker.kafka, topic, 2);
    const { job } = await runScript(script(topic), {
      resolvePartitioner: async () => ({ choose: () => 0 }),
    });
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.message).toBe(
      `Sink partitioner class '${CLASS}' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner`,
    );
  });

  it("fails at the record with the Java producer's message when the partition does not exist", async () => {
    const topic = uniqueName("custom-invalid");
    await createTopic(broker.kafka, topic, 2);
    for (const [chosen, message] of [
      [5, "Invalid partition given with record: 5 is not in the range [0...2)."],
      [-1, "Invalid partition: -1. Partition number should always be non-negative or null."],
    ] as const) {
      const { job } = await runScript(script(topic, 3), {
        resolvePartitioner: async () => ({ partition: () => chosen }),
      });
      const outcome = await job.outcome;
      expect(outcome.state).toBe("FAILED");
      if (outcome.state !== "FAILED") return;
      expect(outcome.failure.message).toBe(`${message} (row 1)`);
      expect(outcome.failure.record).toEqual({ row: 1 });
    }
    expect(await readAll(broker.kafka, topic)).toEqual([]);
  });
});
