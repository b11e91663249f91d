/** upsert-kafka: the primary key is the record key, and buffer-flush reduces changes per key. */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import { createTopic, readAll, runScript, uniqueName } from "./testing/run-script";

const broker = brokerForTests();

const sink = (topic: string, extra = "") => `
  CREATE TABLE u (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
    'connector' = 'upsert-kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
    'key.format' = 'csv', 'value.format' = 'csv'${extra});`;

describe("upsert-kafka", () => {
  it("writes every change keyed by the primary key without a buffer", async () => {
    const topic = uniqueName("upsert");
    await createTopic(broker.kafka, topic, 2);
    const { job } = await runScript(
      `${sink(topic)} INSERT INTO u VALUES (1, 'a'), (1, 'b'), (2, 'c');`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(broker.kafka, topic);
    expect(records.map((r) => `${r.key!.toString()}=${r.value!.toString()}`).sort()).toEqual([
      "1=1,a",
      "1=1,b",
      "2=2,c",
    ]);
  });

  it("reduces changes per key in the buffer (sink.buffer-flush.*), keeping the latest", async () => {
    const topic = uniqueName("upsert-buffered");
    await createTopic(broker.kafka, topic, 2);
    const { job } = await runScript(
      `${sink(topic, ", 'sink.buffer-flush.max-rows' = '100', 'sink.buffer-flush.interval' = '1s'")}
       INSERT INTO u VALUES (1, 'a'), (1, 'b'), (2, 'c');`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(broker.kafka, topic);
    expect(records.map((r) => `${r.key!.toString()}=${r.value!.toString()}`).sort()).toEqual([
      "1=1,b",
      "2=2,c",
    ]);
  });
});
