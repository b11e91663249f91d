/**
 * What reaches the wire: key and value bytes under key/value options, writable metadata
 * (timestamp, headers), the partition each partitioner picks (compared with the Java producer's
 * rule), SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256, and the print sink's lines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import { partitionForKey } from "@/lib/partitioners";
import { TEST_SASL_USERS } from "@/lib/devstack/testing/test-infrastructure";
import {
  createTopic,
  readAll,
  runScript,
  testKafka,
  uniqueName,
  type Kafka,
} from "./testing/run-script";

let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
});
afterAll(async () => broker.release());

describe("bytes, metadata and partitions on the wire", () => {
  it("writes json keys (EXCEPT_KEY, prefix), timestamp and headers; the key decides the partition", async () => {
    const topic = uniqueName("keyed");
    await createTopic(kafka, topic, 4);
    const { job } = await runScript(`
      CREATE TABLE dst (k_id INT, name STRING, amount DOUBLE,
        ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', hs MAP<STRING, BYTES> METADATA FROM 'headers') WITH (
        'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'key.format' = 'json', 'key.fields' = 'k_id', 'key.fields-prefix' = 'k_',
        'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY');
      INSERT INTO dst VALUES
        (1, 'a', 1.5, TO_TIMESTAMP_LTZ(1700000000000, 3), MAP['source', X'0102']),
        (2, 'b', 2.0, TO_TIMESTAMP_LTZ(1700000000001, 3), MAP['source', X'03']);`);
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(kafka, topic);
    const byKey = new Map(records.map((r) => [r.key!.toString(), r]));
    // key.fields-prefix is stripped from the key format's field names.
    const one = byKey.get('{"id":1}')!;
    expect(one.value!.toString()).toBe('{"name":"a","amount":1.5}');
    expect(one.timestamp).toBe("1700000000000");
    expect([...(one.headers.source as Buffer)]).toEqual([1, 2]);
    expect(one.partition).toBe(partitionForKey(new TextEncoder().encode('{"id":1}'), 4));
    const two = byKey.get('{"id":2}')!;
    expect(two.value!.toString()).toBe('{"name":"b","amount":2.0}');
    expect(two.partition).toBe(partitionForKey(new TextEncoder().encode('{"id":2}'), 4));
  });

  it("fixed: each parallel instance writes to partitions[instance % count]", async () => {
    const topic = uniqueName("fixed");
    await createTopic(kafka, topic, 3);
    const { job } = await runScript(
      `CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '19');
       CREATE TABLE dst (id BIGINT) WITH ('connector' = 'kafka', 'topic' = '${topic}',
         'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'format' = 'csv', 'sink.partitioner' = 'fixed');
       INSERT INTO dst SELECT id FROM gen;`,
      { parallelism: 2 },
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(kafka, topic);
    expect(records).toHaveLength(20);
    // SequenceGenerator: instance 0 emits the even ids, instance 1 the odd ones.
    for (const r of records) expect(r.partition).toBe(Number(r.value!.toString()) % 2);
  });

  it("round-robin (no key): the producer's sticky partition takes a small job whole", async () => {
    const topic = uniqueName("sticky");
    await createTopic(kafka, topic, 4);
    const { job } = await runScript(
      `CREATE TABLE dst (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${topic}',
         'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'format' = 'csv', 'sink.partitioner' = 'round-robin');
       INSERT INTO dst VALUES (1, 'a'), (2, 'b'), (3, 'c');`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(kafka, topic);
    expect(records.map((r) => r.value!.toString())).toEqual(["1,a", "2,b", "3,c"]);
    expect(new Set(records.map((r) => r.partition)).size).toBe(1);
  });

  it("prints Flink's print format", async () => {
    const { job, printed } = await runScript(
      `CREATE TABLE p (id INT, name STRING) WITH ('connector' = 'print', 'print-identifier' = 'out');
       INSERT INTO p VALUES (1, 'a'), (2, CAST(NULL AS STRING));`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect(printed).toEqual(["out> +I[1, a]", "out> +I[2, null]"]);
  });
});

const sasl = process.env.TRIBUTARY_TEST_SASL_BOOTSTRAP_SERVERS;

describe.skipIf(!sasl)("SASL_PLAINTEXT", () => {
  for (const [mechanism, user, module] of [
    ["PLAIN", TEST_SASL_USERS[0], "org.apache.kafka.common.security.plain.PlainLoginModule"],
    [
      "SCRAM-SHA-256",
      TEST_SASL_USERS[1],
      "org.apache.flink.kafka.shaded.org.apache.kafka.common.security.scram.ScramLoginModule",
    ],
  ] as const) {
    it(`writes with ${mechanism}, the password coming from a secret and never logged`, async () => {
      const topic = uniqueName(`sasl-${mechanism.toLowerCase()}`);
      await createTopic(kafka, topic, 2);
      const { job, logs } = await runScript(
        `CREATE TABLE dst (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'format' = 'csv',
           'properties.bootstrap.servers' = '${sasl}', 'properties.security.protocol' = 'SASL_PLAINTEXT',
           'properties.sasl.mechanism' = '${mechanism}',
           'properties.sasl.jaas.config' = '${module} required username="${user.username}" password="\${secret_values.kafka_password}";');
         INSERT INTO dst VALUES (1), (2);`,
        { secrets: { kafka_password: user.password } },
      );
      expect(await job.outcome).toEqual({ state: "FINISHED" });
      expect((await readAll(kafka, topic)).map((r) => r.value!.toString()).sort()).toEqual([
        "1",
        "2",
      ]);
      expect(logs.join("\n")).not.toContain(user.password);
    });
  }

  it("fails with a clear message on a wrong password, without the password", async () => {
    const topic = uniqueName("sasl-bad");
    await createTopic(kafka, topic, 1);
    const { job } = await runScript(
      `CREATE TABLE dst (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'format' = 'csv',
         'properties.bootstrap.servers' = '${sasl}', 'properties.security.protocol' = 'SASL_PLAINTEXT',
         'properties.sasl.mechanism' = 'PLAIN',
         'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="${TEST_SASL_USERS[0].username}" password="wrong-password-123";');
       INSERT INTO dst VALUES (1);`,
    );
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(JSON.stringify(outcome.failure)).not.toContain("wrong-password-123");
    expect(outcome.failure.message).toContain("SASL");
  });
});
