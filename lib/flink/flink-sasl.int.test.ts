/**
 * Same SQL, same meaning over SASL: the local Flink cluster runs the Kafka SQL connector shaded, as
 * a Flink SQL deployment does (flink-sql-connector-kafka: kafka-clients relocated to
 * org.apache.flink.kafka.shaded.org.apache.kafka), so a script whose JAAS configs name the shaded
 * login modules — as Flink's documentation writes them — runs unchanged on both engines against
 * the test broker's SASL_PLAINTEXT listener (PLAIN and SCRAM users), writing the same bytes to the
 * same partitions. Kafka's own spelling of the login module, which the embedded engine also takes,
 * is refused by Flink as on any Flink SQL deployment.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { getJob } from "@/lib/jobs/get-job";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import {
  createTopic,
  produce,
  readAll,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { acquireTestFlink } from "@/lib/flink/local-cluster";
import { TEST_SASL_USERS, testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { jobRuntime } from "@/lib/workers/job-runtime-binding";
import { explained } from "@/lib/workers/testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";

const sasl = testInfrastructure().saslBootstrapServers;
const [plainUser, scramUser] = TEST_SASL_USERS;
const SHADED = "org.apache.flink.kafka.shaded.";

let broker: { bootstrapServers: string; release(): Promise<void> };
let flink: { release(): Promise<void> };
let kafka: Kafka;
let worker: TestWorker;
const created: string[] = [];

beforeAll(async () => {
  if (!sasl) return;
  [broker, flink] = await Promise.all([acquireTestBroker(), acquireTestFlink()]);
  kafka = testKafka(broker.bootstrapServers);
  worker = await startTestWorker(jobRuntime);
}, 300_000);

afterAll(async () => {
  for (const id of created.splice(0)) await cancelJob(id).catch(() => undefined);
  await worker?.stop();
  await signOffWorkersOf([process.pid]);
  await Promise.all([broker?.release(), flink?.release()]);
});

/** A table on the SASL listener; `prefix` is "" (Kafka's class names) or the shaded package. */
function saslTable(
  name: string,
  topic: string,
  mechanism: "PLAIN" | "SCRAM-SHA-256",
  prefix: string,
  extra: string,
): string {
  const user = mechanism === "PLAIN" ? plainUser : scramUser;
  const loginModule =
    mechanism === "PLAIN"
      ? "org.apache.kafka.common.security.plain.PlainLoginModule"
      : "org.apache.kafka.common.security.scram.ScramLoginModule";
  return `CREATE TABLE ${name} (id INT, name STRING, age INT) WITH ('connector' = 'kafka', 'topic' = '${topic}',
  'properties.bootstrap.servers' = '${sasl}', 'properties.security.protocol' = 'SASL_PLAINTEXT',
  'properties.sasl.mechanism' = '${mechanism}',
  'properties.sasl.jaas.config' = '${prefix}${loginModule} required username="${user.username}" password="${user.password}";',
  'format' = 'csv'${extra});`;
}

function script(source: string, sink: string, prefix: string): string {
  return `${saslTable("kafka_source", source, "PLAIN", prefix, ", 'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'")}
${saslTable("kafka_sink", sink, "SCRAM-SHA-256", prefix, "")}
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source;`;
}

async function deploy(name: string, sql: string, engine: "embedded" | "flink") {
  const { id } = await createJob({ name, sql, engine, parallelism: 1 });
  created.push(id);
  return id;
}

const ended = (id: string, status: string) =>
  explained(
    id,
    eventually(async () => (await jobStatus(id)) === status, 180_000, `status ${status}`),
  );

async function topicBytes(topic: string, count: number): Promise<string[]> {
  return (await readAll(kafka, topic, { atLeast: count }))
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset)
    .map((r) => `${r.partition}|${r.value?.toString("hex") ?? "-"}`);
}

describe.skipIf(!sasl)("SASL on both engines", () => {
  it("runs a script with Flink's shaded JAAS login modules on both engines: same bytes, same partitions", async () => {
    const source = await createTopic(kafka, uniqueName("sasl-src"), 1);
    await produce(
      kafka,
      source,
      Array.from({ length: 60 }, (_, i) => ({ value: `${i},"name ${i}",${20 + (i % 9)}` })),
    );
    const outputs: Record<string, string> = {};
    for (const engine of ["embedded", "flink"] as const) {
      const sink = await createTopic(kafka, uniqueName(`sasl-${engine}`), 2);
      outputs[engine] = sink;
      const id = await deploy(`sasl-${engine}`, script(source, sink, SHADED), engine);
      expect((await getJob(id)).engine).toBe(engine);
      await ended(id, "FINISHED");
    }
    const embedded = await topicBytes(outputs.embedded, 60);
    expect(embedded).toHaveLength(60);
    expect(await topicBytes(outputs.flink, 60)).toEqual(embedded);
  }, 420_000);

  it("Flink, as a Flink SQL deployment, finds no login module by Kafka's own class name", async () => {
    const source = await createTopic(kafka, uniqueName("sasl-unshaded-src"), 1);
    const sink = await createTopic(kafka, uniqueName("sasl-unshaded-out"), 1);
    await produce(kafka, source, [{ value: `1,"one",30` }]);
    const id = await deploy("sasl-unshaded", script(source, sink, ""), "flink");
    await ended(id, "FAILED");
    const error = (await getJob(id)).runs[0].attempts[0].error!;
    expect([error.message, ...error.causes].join("\n")).toMatch(
      /No LoginModule found for org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule/,
    );
    expect(JSON.stringify(error)).not.toContain(plainUser.password);
  }, 240_000);
});
