/** upsert-kafka: the primary key is the record key, and buffer-flush reduces changes per key. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireTestBroker } from "@/lib/kafka/local-broker";
import { createTopic, readAll, runScript, testKafka, uniqueName, type Kafka } from "./test-support";

let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
});
afterAll(async () => broker.release());

const sink = (topic: string, extra = "") => `
  CREATE TABLE u (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
    'connector' = 'upsert-kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
    'key.format' = 'csv', 'value.format' = 'csv'${extra});`;

describe("upsert-kafka", () => {
  it("writes every change keyed by the primary key without a buffer", async () => {
    const topic = uniqueName("upsert");
    await createTopic(kafka, topic, 2);
    const { job } = await runScript(`${sink(topic)} INSERT INTO u VALUES (1, 'a'), (1, 'b'), (2, 'c');`);
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(kafka, topic);
    expect(records.map((r) => `${r.key!.toString()}=${r.value!.toString()}`).sort()).toEqual(["1=1,a", "1=1,b", "2=2,c"]);
  });

  it("reduces changes per key in the buffer (sink.buffer-flush.*), keeping the latest", async () => {
    const topic = uniqueName("upsert-buffered");
    await createTopic(kafka, topic, 2);
    const { job } = await runScript(
      `${sink(topic, ", 'sink.buffer-flush.max-rows' = '100', 'sink.buffer-flush.interval' = '1s'")}
       INSERT INTO u VALUES (1, 'a'), (1, 'b'), (2, 'c');`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const records = await readAll(kafka, topic);
    expect(records.map((r) => `${r.key!.toString()}=${r.value!.toString()}`).sort()).toEqual(["1=1,b", "2=2,c"]);
  });
});
