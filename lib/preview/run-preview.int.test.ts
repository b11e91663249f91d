import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { createTopic, produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { runPreview } from "./run-preview";

const infra = testInfrastructure();
const kafka = testKafka(infra.bootstrapServers);
const noSecrets = async (name: string) => {
  throw new Error(`no secret ${name}`);
};

async function endOffsets(topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic))
      .map((o) => [o.partition, o.high])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
  } finally {
    await admin.disconnect();
  }
}

/** Errors of a group coordinator that is still being elected or loading its offsets. */
const COORDINATOR_NOT_READY = new Set([
  "COORDINATOR_LOAD_IN_PROGRESS",
  "COORDINATOR_NOT_AVAILABLE",
  "GROUP_COORDINATOR_NOT_AVAILABLE",
  "NOT_COORDINATOR",
  "NOT_COORDINATOR_FOR_GROUP",
]);

/**
 * The group's committed offsets. A group nobody used yet lands on a coordinator that may still be
 * loading __consumer_offsets: its "not ready" answers are waited out (the question is what is
 * committed, not whether the coordinator is up), any other error fails the test.
 */
async function committed(group: string, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const [t] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        return t.partitions.map((p) => p.offset);
      } catch (e) {
        const type = (e as { type?: string }).type ?? "";
        if (!COORDINATOR_NOT_READY.has(type) || attempt >= 50) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

describe("preview", () => {
  it("runs the spec's Kafka→Kafka script on a sample, writing nothing and committing nothing", async () => {
    const source = await createTopic(kafka, uniqueName("pv-src"), 1);
    const sink = await createTopic(kafka, uniqueName("pv-sink"), 3);
    await produce(
      kafka,
      source,
      Array.from({ length: 30 }, (_, i) => ({ value: `${i},name-${i},${20 + i}` })),
    );
    const group = uniqueName("pv-group");
    const sql = `CREATE TEMPORARY TABLE kafka_source (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '${source}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}',
  'properties.group.id' = '${group}',
  'properties.auto.offset.reset' = 'earliest',
  'format' = 'csv'
);
CREATE TEMPORARY TABLE kafka_sink (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '${sink}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}',
  'format' = 'csv'
);
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source;`;
    const before = await endOffsets(sink);
    const result = await runPreview({ sql, rows: 10, resolveSecret: noSecrets });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    const [view] = result.sinks;
    expect(view.topics).toEqual([{ topic: sink, partitions: 3 }]);
    expect(view.rows).toHaveLength(10);
    expect(view.rows[0]).toMatchObject({ kind: "+I", cells: ["0", "name-0", "20"] });
    expect(view.rows[0].source).toMatchObject({ topic: source, partition: 0, offset: "0" });
    expect(view.records).toHaveLength(10);
    // Flink's csv (no line separator); no key.
    expect(view.records![3].value).toMatchObject({
      text: "3,name-3,23",
      hex: Buffer.from("3,name-3,23").toString("hex"),
    });
    expect(view.records![3].key).toBeNull();
    for (const r of view.records!) expect([0, 1, 2]).toContain(r.partition);

    expect(result.sources).toEqual([
      expect.objectContaining({
        connector: "kafka",
        read: 10,
        startOffsets: { [`${source}-0`]: 0 },
      }),
    ]);

    expect(await endOffsets(sink)).toEqual(before);
    expect(await committed(group, source)).toEqual(["-1"]);
  });

  it("shows the partitions the Java producer's murmur2 picks for a keyed default-partitioner table", async () => {
    const sink = await createTopic(kafka, uniqueName("pv-keyed"), 5);
    const sql = `CREATE TABLE keyed (k STRING, v INT) WITH (
  'connector' = 'kafka', 'topic' = '${sink}', 'properties.bootstrap.servers' = '${infra.bootstrapServers}',
  'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'json', 'sink.partitioner' = 'default'
);
INSERT INTO keyed VALUES ('21', 1), ('foobar', 2), ('abc', 3), ('a-little-bit-long-string', 4);`;
    const result = await runPreview({ sql, resolveSecret: noSecrets });
    expect(result.failure).toBeUndefined();
    const records = result.sinks[0].records!;
    // Kafka's UtilsTest.testMurmur2 hashes; partition = toPositive(hash) % 5.
    expect(records.map((r) => [r.key?.text, r.partition])).toEqual([
      ["21", 0],
      ["foobar", 1],
      ["abc", 2],
      ["a-little-bit-long-string", 2],
    ]);
    expect(records[1].value?.text).toBe('{"k":"foobar","v":2}');
    expect(await endOffsets(sink)).toEqual([0, 1, 2, 3, 4].map((p) => [p, "0"]));
  });

  it("stops at N rows of datagen and reports a parse failure with the record's coordinates", async () => {
    const datagen = await runPreview({
      sql: `CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen');
CREATE TABLE p (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO p SELECT id FROM g;`,
      rows: 7,
      resolveSecret: noSecrets,
    });
    expect(datagen.sinks[0].rows).toHaveLength(7);

    const source = await createTopic(kafka, uniqueName("pv-bad"), 1);
    await produce(kafka, source, [{ value: "1,a" }, { value: "not-a-number,b" }]);
    const bad = await runPreview({
      sql: `CREATE TABLE s (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${source}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'csv');
CREATE TABLE p (id INT, name STRING) WITH ('connector' = 'print');
INSERT INTO p SELECT * FROM s;`,
      resolveSecret: noSecrets,
    });
    expect(bad.ok).toBe(false);
    expect(bad.failure?.record).toMatchObject({ topic: source, partition: 0, offset: "1" });
    expect(bad.sinks[0].rows).toHaveLength(1);
  });
});
