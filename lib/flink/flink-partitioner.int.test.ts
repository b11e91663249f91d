/**
 * Custom partitioners on the Flink engine (the shared local Flink 1.20.3 cluster, the real
 * broker, a real worker): a JAR resource uploaded through the API and attached at deploy is
 * ADDed JAR in the job's SQL Gateway session, so Flink's own Kafka sink runs the class named in
 * sink.partitioner — and writes the same bytes to the same partitions as the embedded engine's
 * JVM partitioner host, for the spec's Kafka→Kafka CSV job and for ARRAY/MAP/MULTISET/ROW columns
 * (which both engines hand over as Flink's RowData types). The JAR copy under the data dir is
 * removed when the job ends. A JavaScript partitioner cannot run on Flink: auto keeps it on the
 * embedded engine, and engine flink is refused.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
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
import { buildJar } from "@/lib/resources/build-jar";
import { flinkApiClasspath } from "@/lib/resources/jvm-host/host-jars";
import { uploadFile } from "@/lib/resources/testing/upload";
import {
  expectedNestedPartition,
  NESTED_COLUMNS,
  NESTED_PARTITIONER_CLASS,
  NESTED_PARTITIONER_SOURCE,
  nestedJson,
  nestedRecords,
} from "@/lib/resources/testing/nested-partitioner";
import { jobRuntime } from "@/lib/workers/job-runtime-binding";
import { explained } from "@/lib/workers/testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";

let broker: { bootstrapServers: string; release(): Promise<void> };
let flink: { release(): Promise<void> };
let kafka: Kafka;
let worker: TestWorker;
let jarId: string;
const created: string[] = [];

const BY_AGE = `package com.acme;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.table.data.RowData;
public class ByAge implements KafkaPartitioner<RowData> {
  @Override public int partition(RowData row, byte[] key, byte[] value, String topic, int[] partitions) {
    int spread = row.getInt(2) * 31 + row.getString(1).toString().length();
    return partitions[Math.floorMod(spread, partitions.length)];
  }
}`;

beforeAll(async () => {
  [broker, flink] = await Promise.all([acquireTestBroker(), acquireTestFlink()]);
  kafka = testKafka(broker.bootstrapServers);
  worker = await startTestWorker(jobRuntime);
  const jar = await buildJar(
    { "com/acme/ByAge.java": BY_AGE, ...NESTED_PARTITIONER_SOURCE },
    await flinkApiClasspath(),
  );
  const upload = await uploadFile(jar, "acme-partitioners.jar", uniqueName("acme"));
  expect(upload.status).toBe(201);
  jarId = ((await upload.json()) as { id: string }).id;
}, 300_000);

afterAll(async () => {
  for (const id of created.splice(0)) await cancelJob(id).catch(() => undefined);
  await worker?.stop();
  await signOffWorkersOf([process.pid]);
  await Promise.all([broker?.release(), flink?.release()]);
});

async function deploy(name: string, sql: string, engine: "embedded" | "flink" | "auto") {
  const { id } = await createJob({
    name,
    sql,
    engine,
    parallelism: 1,
    resourceIds: [jarId],
  });
  created.push(id);
  return id;
}

const finished = (id: string) =>
  explained(
    id,
    eventually(async () => (await jobStatus(id)) === "FINISHED", 180_000, "status FINISHED"),
  );

function kafkaTable(name: string, columns: string, topic: string, extra: string): string {
  return `CREATE TABLE ${name} (${columns}) WITH ('connector' = 'kafka', 'topic' = '${topic}',
  'properties.bootstrap.servers' = '${broker.bootstrapServers}'${extra});`;
}

const bounded = `, 'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'`;

async function topicBytes(topic: string, count: number): Promise<string[]> {
  const records = await readAll(kafka, topic, { atLeast: count });
  return records
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset)
    .map((r) => `${r.partition}|${r.value?.toString("hex") ?? "-"}`);
}

async function spooledJarsOf(id: string): Promise<string[]> {
  const dir = path.join(config.dataDir(), "flink-jars");
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  return entries.filter((e) => e.startsWith(id.replace(/[^A-Za-z0-9_-]/g, "_")));
}

describe("custom partitioners on the Flink engine", () => {
  it("runs the spec's Kafka→Kafka CSV job with a JAR partitioner: same bytes, same partitions on both engines", async () => {
    const source = await createTopic(kafka, uniqueName("jar-src"), 1);
    await produce(
      kafka,
      source,
      Array.from({ length: 200 }, (_, i) => ({
        value: `${i},"name ${"x".repeat(i % 7)}",${18 + (i % 60)}`,
        partition: 0,
      })),
    );
    const outputs: Record<string, string> = {};
    for (const engine of ["embedded", "flink"] as const) {
      const sink = await createTopic(kafka, uniqueName(`jar-${engine}`), 4);
      outputs[engine] = sink;
      const sql = `${kafkaTable("kafka_source", "id INT, name STRING, age INT", source, `${bounded}, 'format' = 'csv'`)}
${kafkaTable("kafka_sink", "id INT, name STRING, age INT", sink, `, 'format' = 'csv', 'sink.partitioner' = 'com.acme.ByAge'`)}
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source;`;
      const id = await deploy(`jar-${engine}`, sql, engine);
      expect((await getJob(id)).engine).toBe(engine);
      await finished(id);
      if (engine === "flink")
        await eventually(
          async () => (await spooledJarsOf(id)).length === 0,
          30_000,
          "the JAR copy removed",
        );
    }
    const embedded = await topicBytes(outputs.embedded, 200);
    const onFlink = await topicBytes(outputs.flink, 200);
    expect(embedded).toHaveLength(200);
    expect(new Set(embedded.map((r) => r.split("|")[0])).size).toBe(4);
    expect(onFlink).toEqual(embedded);
  }, 420_000);

  it("hands ARRAY, MAP, MULTISET and ROW columns to the class as Flink does, on both engines", async () => {
    const source = await createTopic(kafka, uniqueName("nested-src"), 1);
    const records = nestedRecords(40);
    await produce(
      kafka,
      source,
      records.map((r) => ({ value: nestedJson(r), partition: 0 })),
    );
    for (const engine of ["flink", "embedded"] as const) {
      const sink = await createTopic(kafka, uniqueName(`nested-${engine}`), 5);
      const sql = `${kafkaTable("src", NESTED_COLUMNS, source, `${bounded}, 'format' = 'json'`)}
${kafkaTable("dst", NESTED_COLUMNS, sink, `, 'format' = 'json', 'sink.partitioner' = '${NESTED_PARTITIONER_CLASS}'`)}
INSERT INTO dst SELECT * FROM src;`;
      await finished(await deploy(`nested-${engine}`, sql, engine));
      const written = await readAll(kafka, sink, { atLeast: records.length });
      expect(written).toHaveLength(records.length);
      for (const w of written) {
        const id = (JSON.parse(w.value!.toString()) as { id: number }).id;
        expect(w.partition, `${engine}: record ${id}`).toBe(
          expectedNestedPartition(records[id], 5),
        );
      }
    }
  }, 420_000);

  it("keeps a JavaScript partitioner on the embedded engine and refuses engine flink for it", async () => {
    const js = await uploadFile(
      Buffer.from(
        "export class Last { partition(r, k, v, t, partitions) { return partitions.at(-1); } }",
      ),
      "last.mjs",
      uniqueName("last-js"),
    );
    expect(js.status).toBe(201);
    const jsId = ((await js.json()) as { id: string }).id;
    const topic = await createTopic(kafka, uniqueName("js-only"), 2);
    const sql = `CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
${kafkaTable("dst", "id BIGINT", topic, `, 'format' = 'csv', 'sink.partitioner' = 'Last'`)}
INSERT INTO dst SELECT id FROM gen;`;
    await expect(
      createJob({ name: "js-flink", sql, engine: "flink", resourceIds: [jsId] }),
    ).rejects.toThrow(
      "The Flink engine cannot run this script (the sink dst's sink.partitioner 'Last' is a JavaScript partitioner, which only the embedded engine runs (Flink loads partitioner classes from JARs)); deploy it with engine 'embedded' or 'auto', or attach a JAR partitioner.",
    );
    const { id } = await createJob({ name: "js-auto", sql, resourceIds: [jsId] });
    created.push(id);
    const job = await getJob(id);
    expect(job.engine).toBe("embedded");
    expect(job.engineReason).toMatch(/'Last' is a JavaScript partitioner/);
    await finished(id);
    expect((await readAll(kafka, topic, { atLeast: 5 })).map((r) => r.partition)).toEqual([
      1, 1, 1, 1, 1,
    ]);
  }, 240_000);
});
