/**
 * Restarts of a Flink job are Tributary's attempts, as on the embedded engine (the shared local
 * Flink 1.20.3 cluster, the real broker, a real worker): the job runs with Flink's restart strategy
 * `none`, a failure ends it FAILED, the attempt takes Flink's exception, the job's restart
 * strategy (the script's `restart-strategy.*`) decides, and the next attempt resubmits from the
 * latest completed checkpoint Flink kept — exactly-once, nothing lost, nothing written twice.
 * The fault: a JAR partitioner that throws while a file exists (built here from Java source).
 * A bad source record is not retried (a restart would read it again), on Flink as embedded.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { getJob } from "@/lib/jobs/get-job";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import {
  createTopic,
  produce,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { acquireTestFlink } from "@/lib/flink/local-cluster";
import { FlinkRestClient } from "@/lib/flink/rest-client";
import { buildJar } from "@/lib/resources/build-jar";
import { flinkApiClasspath } from "@/lib/resources/jvm-host/host-jars";
import { uploadFile } from "@/lib/resources/testing/upload";
import { jobRuntime } from "@/lib/workers/job-runtime-binding";
import {
  duplicates,
  explained,
  kafkaJobSql,
  runCheckpoint,
  sinkRows,
} from "@/lib/workers/testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";

let broker: { bootstrapServers: string; release(): Promise<void> };
let flink: { restUrl: string; release(): Promise<void> };
let kafka: Kafka;
let worker: TestWorker;
let jarId: string;
let faultDir: string;
const faultFile = () => path.join(faultDir, "fail-now");
const created: string[] = [];

const flaky = (file: string) => `package com.acme;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.table.data.RowData;
public class Flaky implements KafkaPartitioner<RowData> {
  @Override public int partition(RowData row, byte[] key, byte[] value, String topic, int[] partitions) {
    if (new java.io.File(${JSON.stringify(file)}).exists())
      throw new RuntimeException("injected fault: the fault file exists");
    return partitions[0];
  }
}`;

beforeAll(async () => {
  [broker, flink] = await Promise.all([acquireTestBroker(), acquireTestFlink()]);
  kafka = testKafka(broker.bootstrapServers);
  worker = await startTestWorker(jobRuntime);
  faultDir = await fs.mkdtemp(path.join(os.tmpdir(), "tributary-flink-fault-"));
  const jar = await buildJar(
    { "com/acme/Flaky.java": flaky(faultFile()) },
    await flinkApiClasspath(),
  );
  const upload = await uploadFile(jar, "flaky.jar", uniqueName("flaky"));
  expect(upload.status).toBe(201);
  jarId = ((await upload.json()) as { id: string }).id;
}, 300_000);

afterAll(async () => {
  for (const id of created.splice(0)) await cancelJob(id).catch(() => undefined);
  await worker?.stop();
  await signOffWorkersOf([process.pid]);
  await fs.rm(faultDir, { recursive: true, force: true });
  await Promise.all([broker?.release(), flink?.release()]);
});

const latestRun = (id: string) =>
  prisma().jobRun.findFirstOrThrow({ where: { jobId: id }, orderBy: { startedAt: "desc" } });

describe("restarts of a Flink job", () => {
  it("are attempts: Flink's exception on the failed one, the next resubmitted from the latest checkpoint, exactly-once", async () => {
    const input = await createTopic(kafka, uniqueName("restart-in"), 1);
    const output = await createTopic(kafka, uniqueName("restart-out"), 1);
    const sql = kafkaJobSql({
      bootstrapServers: broker.bootstrapServers,
      input,
      output,
      groupId: uniqueName("restart-group"),
      guarantee: "exactly-once",
      checkpointInterval: "1 s",
      settings: `SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '3 s';`,
    }).replace(
      "'sink.delivery-guarantee' = 'exactly-once'",
      "'sink.delivery-guarantee' = 'exactly-once', 'properties.transaction.timeout.ms' = '300000', 'sink.partitioner' = 'com.acme.Flaky'",
    );
    await produce(
      kafka,
      input,
      Array.from({ length: 100 }, (_, i) => ({ value: `${i},row-${i}` })),
    );
    const { id } = await createJob({
      name: "flink-restarts",
      sql,
      engine: "flink",
      parallelism: 1,
      resourceIds: [jarId],
    });
    created.push(id);
    await explained(
      id,
      eventually(
        async () => (await sinkRows(kafka, output, { readCommitted: true })).length >= 100,
        120_000,
        "the first 100 rows committed",
      ),
    );
    // Flink's completed checkpoint is the run's: where a restart resubmits from.
    await explained(
      id,
      eventually(
        async () => /\/chk-\d+$/.test((await runCheckpoint(id))?.savepointPath ?? ""),
        30_000,
        "a Flink checkpoint recorded on the run",
      ),
    );
    const first = (await latestRun(id)).flinkJobId!;

    await fs.writeFile(faultFile(), "");
    await produce(kafka, input, [{ value: "100,row-100" }]);
    const failed = await explained(
      id,
      eventually(
        async () => {
          const attempt = (await getJob(id)).runs[0].attempts.find((a) => a.attemptNumber === 1);
          return attempt?.status === "FAILED" && attempt;
        },
        60_000,
        "attempt 1 FAILED",
      ),
    );
    await fs.rm(faultFile());
    expect([failed.error!.message, ...failed.error!.causes].join("\n")).toMatch(
      /RuntimeException: injected fault/,
    );
    expect(failed.error!.retriable).toBe(true);
    expect((await new FlinkRestClient(flink.restUrl).job(first)).state).toBe("FAILED");

    const second = await explained(
      id,
      eventually(
        async () => {
          const j = (await latestRun(id)).flinkJobId;
          return j !== first && j;
        },
        60_000,
        "attempt 2's Flink job",
      ),
    );
    await produce(
      kafka,
      input,
      Array.from({ length: 99 }, (_, k) => ({ value: `${101 + k},row-${101 + k}` })),
    );
    const rows = await explained(
      id,
      eventually(
        async () => {
          const r = await sinkRows(kafka, output, { readCommitted: true });
          return new Set(r.map((x) => x.id)).size >= 200 && r;
        },
        120_000,
        "all 200 rows committed",
      ),
    );
    expect(duplicates(rows)).toEqual([]);
    expect(rows).toHaveLength(200);
    const job = await getJob(id);
    expect(job.status).toBe("RUNNING");
    expect(job.runs[0].attempts.map((a) => [a.attemptNumber, a.status])).toEqual([
      [2, "RUNNING"],
      [1, "FAILED"],
    ]);
    const logs = await prisma().jobLog.findMany({ where: { jobId: id } });
    expect(
      logs.some(
        (l) =>
          l.message.startsWith(`Submitted to Flink as job ${second}`) &&
          /restored from checkpoint file:.*\/chk-\d+/.test(l.message),
      ),
      logs.map((l) => l.message).join("\n"),
    ).toBe(true);
  }, 400_000);

  it("does not retry a bad source record, whatever the restart strategy (a restart reads it again)", async () => {
    const input = await createTopic(kafka, uniqueName("bad-in"), 1);
    const output = await createTopic(kafka, uniqueName("bad-out"), 1);
    await produce(kafka, input, [{ value: "1,ok" }, { value: "not-a-number,boom" }]);
    const sql = `SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '5';
CREATE TABLE src (id BIGINT, label STRING) WITH ('connector' = 'kafka', 'topic' = '${input}',
  'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'properties.group.id' = 'g',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'csv');
CREATE TABLE snk (id BIGINT, label STRING) WITH ('connector' = 'kafka', 'topic' = '${output}',
  'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'format' = 'csv');
INSERT INTO snk SELECT id, label FROM src;`;
    const { id } = await createJob({ name: "bad-record", sql, engine: "flink" });
    created.push(id);
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "FAILED", 120_000, "status FAILED"),
    );
    const job = await getJob(id);
    expect(job.runs[0].attempts).toHaveLength(1);
    const error = job.runs[0].attempts[0].error!;
    expect(error.retriable).toBe(false);
    expect([error.message, ...error.causes].join("\n")).toMatch(/Failed to deserialize CSV row/);
    const run = await latestRun(id);
    expect((run.error as { causes: string[] }).causes.at(-1)).toBe(
      "The failure is not retriable; restarting would fail the same way.",
    );
  }, 180_000);
});
