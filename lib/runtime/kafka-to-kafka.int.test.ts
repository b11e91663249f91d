/**
 * The spec's Kafka→Kafka CSV example end to end on the real broker: a bounded source over a
 * 3-partition topic, a projection and filter, a CSV sink over 3 partitions, at-least-once.
 */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import { partitionForKey } from "@/lib/partitioners";
import { createTopic, produce, readAll, runScript, uniqueName } from "./testing/run-script";

const broker = brokerForTests();

describe("kafka → kafka, csv, at-least-once", () => {
  it("copies, filters and projects every record of a bounded source", async () => {
    const input = uniqueName("orders");
    const output = uniqueName("big-orders");
    await createTopic(broker.kafka, input, 3);
    await createTopic(broker.kafka, output, 3);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      value: `${i},customer-${i % 7},${(i * 1.5).toFixed(1)}`,
      partition: i % 3,
    }));
    await produce(broker.kafka, input, rows);

    const { job, metrics } = await runScript(`
      CREATE TABLE orders (id BIGINT, customer STRING, amount DOUBLE) WITH (
        'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'properties.group.id' = '${uniqueName("g")}', 'scan.startup.mode' = 'earliest-offset',
        'scan.bounded.mode' = 'latest-offset', 'format' = 'csv');
      CREATE TABLE big_orders (id BIGINT, customer STRING, amount DOUBLE) WITH (
        'connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'format' = 'csv', 'key.format' = 'raw', 'key.fields' = 'customer', 'value.fields-include' = 'ALL');
      INSERT INTO big_orders SELECT id, UPPER(customer), amount FROM orders WHERE amount >= 150;
    `);
    const outcome = await job.outcome;
    expect(outcome).toEqual({ state: "FINISHED" });
    const written = await readAll(broker.kafka, output);
    const expected = rows.map((_, i) => i).filter((i) => i * 1.5 >= 150);
    expect(written).toHaveLength(expected.length);
    const values = written.map((r) => r.value!.toString()).sort();
    expect(values).toEqual(
      expected
        .map(
          (i) =>
            `${i},CUSTOMER-${i % 7},${Number.isInteger(i * 1.5) ? (i * 1.5).toFixed(1) : i * 1.5}`,
        )
        .sort(),
    );
    // The raw key is the customer's UTF-8 bytes; its partition is the Java producer's murmur2 choice.
    for (const r of written) {
      expect(r.key!.toString()).toMatch(/^CUSTOMER-\d$/);
      expect(r.partition).toBe(partitionForKey(new Uint8Array(r.key!), 3));
    }
    const last = metrics[metrics.length - 1];
    expect(last[0].numRecordsIn).toBe(300);
    expect(last[0].numRecordsOut).toBe(expected.length);
  });
});
