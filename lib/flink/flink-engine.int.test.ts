/**
 * The Flink engine on a real local Flink 1.20.3 cluster (one for every Flink test file: see
 * scripts/test.ts) and the real broker, through the real lifecycle: a worker claims the flink
 * job's instance and runs the Flink job runtime. Both engines write the same bytes to the same
 * partitions; stateful queries (GROUP BY into upsert-kafka, a TUMBLE window into JSON, an interval
 * join) run on Flink with their results checked; stop with savepoint and redeploy loses and
 * duplicates nothing (exactly-once); cancel; a failing Flink job's exception is the attempt's.
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { getJob } from "@/lib/jobs/get-job";
import { redeployJob } from "@/lib/jobs/redeploy-job";
import { stopJobWithOffsets } from "@/lib/jobs/stop-job-with-offsets";
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
import { FlinkRestClient } from "@/lib/flink/rest-client";
import { checkHealth } from "@/lib/health/check-health";
import { findFreePort } from "@/lib/net/ports";
import { jobRuntime } from "@/lib/workers/job-runtime-binding";
import { runFlinkJob } from "@/lib/flink/flink-job-runtime";
import { duplicates, explained, kafkaJobSql, sinkRows } from "@/lib/workers/testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "@/lib/workers/testing/test-workers";

let broker: { bootstrapServers: string; release(): Promise<void> };
let flink: { gatewayUrl: string; restUrl: string; release(): Promise<void> };
let kafka: Kafka;
let rest: FlinkRestClient;
let worker: TestWorker;
const created: string[] = [];

beforeAll(async () => {
  [broker, flink] = await Promise.all([acquireTestBroker(), acquireTestFlink()]);
  kafka = testKafka(broker.bootstrapServers);
  rest = new FlinkRestClient(flink.restUrl);
  worker = await startTestWorker(jobRuntime);
}, 300_000);

afterEach(async () => {
  for (const id of created.splice(0)) await cancelJob(id).catch(() => undefined);
});

afterAll(async () => {
  await worker?.stop();
  await signOffWorkersOf([process.pid]);
  await Promise.all([broker?.release(), flink?.release()]);
});

async function deploy(
  name: string,
  sql: string,
  engine: "embedded" | "flink" | "auto",
  parallelism = 1,
) {
  const { id } = await createJob({ name, sql, engine, parallelism });
  created.push(id);
  return id;
}

const waitStatus = (id: string, status: string, ms = 120_000) =>
  explained(
    id,
    eventually(async () => (await jobStatus(id)) === status, ms, `status ${status}`),
  );

async function flinkJobOf(id: string): Promise<string> {
  return eventually(
    async () =>
      (
        await prisma().jobRun.findFirst({
          where: { jobId: id },
          orderBy: { startedAt: "desc" },
        })
      )?.flinkJobId ?? undefined,
    120_000,
    "the Flink job id",
  );
}

function kafkaTable(name: string, columns: string, topic: string, extra = ""): string {
  return `CREATE TABLE ${name} (${columns}) WITH ('connector' = 'kafka', 'topic' = '${topic}',
  'properties.bootstrap.servers' = '${broker.bootstrapServers}'${extra});`;
}

const bounded = `, 'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'`;

/** Every record of a topic as "partition|key|value" in partition and offset order. */
async function topicBytes(topic: string, count: number): Promise<string[]> {
  const records = await readAll(kafka, topic, { atLeast: count });
  return records
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset)
    .map(
      (r) => `${r.partition}|${r.key?.toString("hex") ?? "-"}|${r.value?.toString("hex") ?? "-"}`,
    );
}

describe("the Flink engine", () => {
  it("shows the cluster in the console's health", async () => {
    const { flink: health } = (await checkHealth()).components;
    expect(health).toMatchObject({ ok: true, version: "1.20.3", taskManagers: 1, slotsTotal: 8 });
  });

  it("writes the same bytes to the same partitions as the embedded engine (the spec's CSV job, keyed JSON)", async () => {
    const source = await createTopic(kafka, uniqueName("same-src"), 1);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      value: `${i},"name ${i}, ""q"" ${"é".repeat(i % 3)}",${20 + (i % 50)}`,
    }));
    await produce(kafka, source, rows);
    const outputs: Record<string, { csv: string; json: string }> = {};
    for (const engine of ["embedded", "flink"] as const) {
      const csv = await createTopic(kafka, uniqueName(`same-csv-${engine}`), 1);
      const json = await createTopic(kafka, uniqueName(`same-json-${engine}`), 3);
      outputs[engine] = { csv, json };
      const sql = `${kafkaTable("kafka_source", "id INT, name STRING, age INT", source, `${bounded}, 'format' = 'csv'`)}
${kafkaTable("kafka_sink", "id INT, name STRING, age INT", csv, `, 'format' = 'csv'`)}
${kafkaTable("keyed_sink", "id INT, name STRING, age INT", json, `, 'key.format' = 'json', 'key.fields' = 'id', 'value.format' = 'json'`)}
BEGIN STATEMENT SET;
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source;
INSERT INTO keyed_sink SELECT id, UPPER(name), age * 2 FROM kafka_source WHERE age > 30;
END;`;
      const id = await deploy(`same-${engine}`, sql, engine);
      expect((await getJob(id)).engine).toBe(engine);
      await waitStatus(id, "FINISHED");
    }
    const csvE = await topicBytes(outputs.embedded.csv, 300);
    const csvF = await topicBytes(outputs.flink.csv, 300);
    expect(csvE).toHaveLength(300);
    expect(csvF).toEqual(csvE);
    const jsonE = await topicBytes(outputs.embedded.json, 1);
    const jsonF = await topicBytes(outputs.flink.json, jsonE.length);
    expect(jsonE.length).toBeGreaterThan(100);
    expect(new Set(jsonE.map((r) => r.split("|")[0])).size).toBe(3);
    expect(jsonF.sort()).toEqual(jsonE.sort());
  }, 300_000);

  it("auto runs a GROUP BY count into upsert-kafka on Flink", async () => {
    const source = await createTopic(kafka, uniqueName("count-src"), 2);
    const output = await createTopic(kafka, uniqueName("count-out"), 2);
    await produce(
      kafka,
      source,
      Array.from({ length: 120 }, (_, i) => ({ value: `user-${i % 4},${i}`, partition: i % 2 })),
    );
    const sql = `${kafkaTable("clicks", "who STRING, n INT", source, `${bounded}, 'format' = 'csv'`)}
CREATE TABLE counts (who STRING, clicks BIGINT, total BIGINT, PRIMARY KEY (who) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
  'key.format' = 'csv', 'value.format' = 'json');
INSERT INTO counts SELECT who, COUNT(*), SUM(n) FROM clicks GROUP BY who;`;
    const id = await deploy("group-count", sql, "auto", 2);
    const job = await getJob(id);
    expect(job.engine).toBe("flink");
    expect(job.engineReason).toMatch(/GROUP BY/);
    await waitStatus(id, "FINISHED");
    const latest = new Map<string, { clicks: number; total: number }>();
    for (const r of await readAll(kafka, output))
      latest.set(
        r.key!.toString(),
        JSON.parse(r.value!.toString()) as { clicks: number; total: number },
      );
    for (let u = 0; u < 4; u++) {
      const ns = Array.from({ length: 30 }, (_, k) => u + 4 * k);
      expect(latest.get(`user-${u}`)).toEqual({
        who: `user-${u}`,
        clicks: 30,
        total: ns.reduce((a, b) => a + b, 0),
      });
    }
    const logs = await prisma().jobLog.findMany({ where: { jobId: id } });
    expect(logs.some((l) => l.message.startsWith("Submitted to Flink as job"))).toBe(true);
  }, 180_000);

  it("runs a TUMBLE window into a Kafka JSON topic on Flink", async () => {
    const source = await createTopic(kafka, uniqueName("win-src"), 1);
    const output = await createTopic(kafka, uniqueName("win-out"), 1);
    // Events 0..59 one per second from 2024-01-01 00:00:00: six 10-second windows of 10 each.
    await produce(
      kafka,
      source,
      Array.from({ length: 60 }, (_, i) => ({
        value: `${i},2024-01-01 00:00:${String(i).padStart(2, "0")}`,
      })),
    );
    const sql = `${kafkaTable("events", "n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND", source, `${bounded}, 'format' = 'csv'`)}
${kafkaTable("windows", "window_start TIMESTAMP(3), window_end TIMESTAMP(3), cnt BIGINT, total INT", output, `, 'format' = 'json'`)}
INSERT INTO windows SELECT window_start, window_end, COUNT(*), SUM(n)
  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end;`;
    const id = await deploy("tumble", sql, "auto");
    expect((await getJob(id)).engine).toBe("flink");
    await waitStatus(id, "FINISHED");
    const windows = (await readAll(kafka, output, { atLeast: 6 })).map(
      (r) =>
        JSON.parse(r.value!.toString()) as { window_start: string; cnt: number; total: number },
    );
    expect(windows.map((w) => [w.window_start, w.cnt, w.total])).toEqual(
      Array.from({ length: 6 }, (_, w) => [
        `2024-01-01 00:00:${String(w * 10).padStart(2, "0")}`,
        10,
        Array.from({ length: 10 }, (_, k) => w * 10 + k).reduce((a, b) => a + b, 0),
      ]),
    );
  }, 180_000);

  it("auto runs a Top-N (ROW_NUMBER, rn <= 2) into upsert-kafka on Flink", async () => {
    const source = await createTopic(kafka, uniqueName("topn-src"), 2);
    const output = await createTopic(kafka, uniqueName("topn-out"), 2);
    // user-u's amounts: (u * 7 + i * 13) % 50 for i < 12, all distinct per user.
    const amount = (u: number, i: number) => (u * 7 + i * 13) % 50;
    await produce(
      kafka,
      source,
      Array.from({ length: 36 }, (_, k) => {
        const u = k % 3;
        const i = Math.floor(k / 3);
        return { value: `user-${u},url-${u}-${i},${amount(u, i)}`, partition: u % 2 };
      }),
    );
    const sql = `${kafkaTable("clicks", "user_id STRING, url STRING, amount INT", source, `${bounded}, 'format' = 'csv'`)}
CREATE TABLE top2 (user_id STRING, rn BIGINT, url STRING, amount INT, PRIMARY KEY (user_id, rn) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
  'key.format' = 'csv', 'value.format' = 'json');
INSERT INTO top2 SELECT user_id, rn, url, amount FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC) AS rn FROM clicks) WHERE rn <= 2;`;
    const id = await deploy("top-n", sql, "auto");
    const job = await getJob(id);
    expect(job.engine).toBe("flink");
    expect(job.engineReason).toMatch(/Top-N/);
    await waitStatus(id, "FINISHED");
    // The topic read as upsert-kafka reads it: the latest value per key, a tombstone deletes.
    const latest = new Map<string, { url: string; amount: number } | null>();
    for (const r of await readAll(kafka, output))
      latest.set(
        r.key!.toString(),
        r.value ? (JSON.parse(r.value.toString()) as { url: string; amount: number }) : null,
      );
    const expected = new Map<
      string,
      { user_id: string; rn: number; url: string; amount: number }
    >();
    for (let u = 0; u < 3; u++) {
      const ranked = Array.from({ length: 12 }, (_, i) => i).sort(
        (a, b) => amount(u, b) - amount(u, a),
      );
      ranked.slice(0, 2).forEach((i, r) =>
        expected.set(`user-${u},${r + 1}`, {
          user_id: `user-${u}`,
          rn: r + 1,
          url: `url-${u}-${i}`,
          amount: amount(u, i),
        }),
      );
    }
    expect(new Map([...latest].filter(([, v]) => v !== null))).toEqual(expected);
  }, 180_000);

  it("auto runs an OVER aggregation (ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) into Kafka JSON on Flink", async () => {
    const source = await createTopic(kafka, uniqueName("over-src"), 1);
    const output = await createTopic(kafka, uniqueName("over-out"), 1);
    // user-u clicks at second 3i + u with amount i + 10u, i < 8.
    const at = (s: number) => `2024-01-01 00:00:${String(s).padStart(2, "0")}`;
    await produce(
      kafka,
      source,
      Array.from({ length: 24 }, (_, k) => {
        const u = k % 3;
        const i = Math.floor(k / 3);
        return { value: `user-${u},url-${i},${i + 10 * u},${at(3 * i + u)}` };
      }),
    );
    const sql = `${kafkaTable("clicks", "user_id STRING, url STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND", source, `${bounded}, 'format' = 'csv'`)}
${kafkaTable("totals", "user_id STRING, url STRING, total INT, cnt BIGINT", output, `, 'format' = 'json'`)}
INSERT INTO totals SELECT user_id, url,
  SUM(amount) OVER (PARTITION BY user_id ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
  COUNT(*) OVER (PARTITION BY user_id ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
  FROM clicks;`;
    const id = await deploy("over-agg", sql, "auto");
    const job = await getJob(id);
    expect(job.engine).toBe("flink");
    expect(job.engineReason).toMatch(/OVER aggregation/);
    await waitStatus(id, "FINISHED");
    const rows = (await readAll(kafka, output, { atLeast: 24 })).map(
      (r) =>
        JSON.parse(r.value!.toString()) as {
          user_id: string;
          url: string;
          total: number;
          cnt: number;
        },
    );
    expect(rows).toHaveLength(24);
    for (let u = 0; u < 3; u++) {
      const mine = rows.filter((r) => r.user_id === `user-${u}`);
      expect(mine).toEqual(
        Array.from({ length: 8 }, (_, i) => {
          const window = Array.from({ length: Math.min(i + 1, 3) }, (_, k) => i - k + 10 * u);
          return {
            user_id: `user-${u}`,
            url: `url-${i}`,
            total: window.reduce((a, b) => a + b, 0),
            cnt: window.length,
          };
        }),
      );
    }
  }, 180_000);

  // The validator refuses JOIN until it learns it (another branch): the runtime is driven directly.
  it("runs an interval join on Flink", async () => {
    const orders = await createTopic(kafka, uniqueName("orders"), 1);
    const shipments = await createTopic(kafka, uniqueName("shipments"), 1);
    const output = await createTopic(kafka, uniqueName("joined"), 1);
    const at = (minutes: number) =>
      `2024-01-01 ${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00`;
    await produce(
      kafka,
      orders,
      Array.from({ length: 10 }, (_, i) => ({ value: `${i},${i * 10},${at(i)}` })),
    );
    // Even orders ship within the hour, odd ones two hours later: only even ones join.
    await produce(
      kafka,
      shipments,
      Array.from({ length: 10 }, (_, i) => ({
        value: `${i},carrier-${i},${at(i + (i % 2 === 0 ? 30 : 120))}`,
      })),
    );
    const sql = `${kafkaTable("orders", "id INT, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts", orders, `${bounded}, 'format' = 'csv'`)}
${kafkaTable("shipments", "order_id INT, carrier STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts", shipments, `${bounded}, 'format' = 'csv'`)}
${kafkaTable("joined", "id INT, amount INT, carrier STRING", output, `, 'format' = 'csv'`)}
INSERT INTO joined SELECT o.id, o.amount, s.carrier FROM orders o, shipments s
  WHERE o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '1' HOUR;`;
    const logs: string[] = [];
    const job = await runFlinkJob({
      // The Flink engine submits the SQL; the embedded plan is not needed.
      plan: { jobs: [] },
      engine: "flink",
      sql,
      jobId: uniqueName("interval-join"),
      parallelism: 1,
      instances: [0],
      attemptNumber: 1,
      resolveSecret: () => Promise.reject(new Error("no secrets here")),
      onMetrics: () => {},
      onLog: (level, message) => logs.push(`${level} ${message}`),
    });
    const outcome = await job.outcome;
    expect(outcome, logs.join("\n")).toEqual({ state: "FINISHED" });
    const rows = (await readAll(kafka, output, { atLeast: 5 }))
      .map((r) => r.value!.toString())
      .sort();
    expect(rows).toEqual([0, 2, 4, 6, 8].map((i) => `${i},${i * 10},carrier-${i}`));
  }, 180_000);

  it("stops with a savepoint and redeploys from it: nothing lost, nothing duplicated (exactly-once)", async () => {
    const input = await createTopic(kafka, uniqueName("sp-in"), 2);
    const output = await createTopic(kafka, uniqueName("sp-out"), 2);
    // Flink's exactly-once sink asks for a 1 h transaction timeout unless told: more than a
    // broker allows by default (transaction.max.timeout.ms, 15 min).
    const sql = kafkaJobSql({
      bootstrapServers: broker.bootstrapServers,
      input,
      output,
      groupId: uniqueName("sp-group"),
      guarantee: "exactly-once",
      checkpointInterval: "1 s",
    }).replace(
      "'sink.delivery-guarantee' = 'exactly-once'",
      "'sink.delivery-guarantee' = 'exactly-once', 'properties.transaction.timeout.ms' = '300000'",
    );
    await produce(
      kafka,
      input,
      Array.from({ length: 200 }, (_, i) => ({ value: `${i},row-${i}`, partition: i % 2 })),
    );
    const id = await deploy("savepoint", sql, "flink", 2);
    const first = await flinkJobOf(id);
    await explained(
      id,
      eventually(
        async () => (await sinkRows(kafka, output, { readCommitted: true })).length >= 200,
        120_000,
        "the first 200 rows committed",
      ),
    );
    // Flink's metrics became the job's samples, per subtask: records in add up to the 200 read.
    await explained(
      id,
      eventually(
        async () => {
          const last = new Map<number, number>();
          const samples = await prisma().metricSample.findMany({
            where: { jobId: id, name: "numRecordsIn" },
            orderBy: { at: "desc" },
          });
          for (const m of samples) if (!last.has(m.instance!)) last.set(m.instance!, m.value);
          return last.size === 2 && [...last.values()].reduce((a, b) => a + b, 0) === 200;
        },
        30_000,
        "numRecordsIn samples of both subtasks adding up to 200",
      ),
    );
    // The job's one instance's snapshot (what the job page shows now) stands for both subtasks.
    await eventually(
      async () =>
        (await getJob(id)).runs[0].attempts[0].instances[0]?.lastMetrics?.numRecordsIn === 200,
      10_000,
      "the instance's snapshot counting the 200 records of both subtasks",
    );
    await stopJobWithOffsets(id);
    await waitStatus(id, "STOPPED", 60_000);
    const stopped = await getJob(id);
    expect(stopped.resumeFrom?.savepointPath).toMatch(/savepoint-/);
    await eventually(
      async () => (await rest.job(first)).state === "FINISHED",
      30_000,
      "Flink FINISHED",
    );

    await produce(
      kafka,
      input,
      Array.from({ length: 200 }, (_, k) => ({
        value: `${200 + k},row-${200 + k}`,
        partition: k % 2,
      })),
    );
    await redeployJob(id, { startFrom: "last-stop" });
    const second = await eventually(
      async () => {
        const j = await flinkJobOf(id);
        return j !== first && j;
      },
      120_000,
      "the redeployed Flink job",
    );
    expect(second).not.toBe(first);
    const rows = await explained(
      id,
      eventually(
        async () => {
          const r = await sinkRows(kafka, output, { readCommitted: true });
          return new Set(r.map((x) => x.id)).size >= 400 && r;
        },
        120_000,
        "all 400 rows committed",
      ),
    );
    expect(duplicates(rows)).toEqual([]);
    expect(rows).toHaveLength(400);
  }, 400_000);

  it("a draining worker stops its Flink job with a savepoint; the next worker resubmits from it", async () => {
    const input = await createTopic(kafka, uniqueName("drain-in"), 1);
    const output = await createTopic(kafka, uniqueName("drain-out"), 1);
    const sql = kafkaJobSql({
      bootstrapServers: broker.bootstrapServers,
      input,
      output,
      groupId: uniqueName("dg"),
    });
    await produce(
      kafka,
      input,
      Array.from({ length: 50 }, (_, i) => ({ value: `${i},row-${i}` })),
    );
    const id = await deploy("drain", sql, "flink");
    const first = await flinkJobOf(id);
    await explained(
      id,
      eventually(
        async () => (await sinkRows(kafka, output)).length >= 50,
        60_000,
        "the first 50 rows",
      ),
    );
    await worker.stop();
    worker = await startTestWorker(jobRuntime);
    const second = await eventually(
      async () => {
        const j = await flinkJobOf(id);
        return j !== first && j;
      },
      120_000,
      "the resubmitted Flink job",
    );
    expect((await rest.job(first)).state).toBe("FINISHED");
    // The worker stores log lines every 200 ms: the submission's line follows the job id.
    await eventually(
      async () =>
        (await prisma().jobLog.findMany({ where: { jobId: id } })).some(
          (l) =>
            l.message.includes(`Submitted to Flink as job ${second}`) &&
            /restored from savepoint file:.*savepoint-/.test(l.message),
        ),
      10_000,
      "the resubmission, restored from the savepoint, in the job's log",
    );
    await produce(
      kafka,
      input,
      Array.from({ length: 50 }, (_, k) => ({ value: `${50 + k},row-${50 + k}` })),
    );
    const rows = await explained(
      id,
      eventually(
        async () => {
          const r = await sinkRows(kafka, output);
          return new Set(r.map((x) => x.id)).size >= 100 && r;
        },
        60_000,
        "all 100 rows",
      ),
    );
    // The savepoint holds the source's position: nothing read again from the start.
    expect(duplicates(rows)).toEqual([]);
  }, 300_000);

  it("cancels a Flink job", async () => {
    const input = await createTopic(kafka, uniqueName("cancel-in"), 1);
    const output = await createTopic(kafka, uniqueName("cancel-out"), 1);
    const sql = kafkaJobSql({
      bootstrapServers: broker.bootstrapServers,
      input,
      output,
      groupId: uniqueName("cg"),
    });
    const id = await deploy("cancel", sql, "flink");
    const flinkJob = await flinkJobOf(id);
    await waitStatus(id, "RUNNING");
    await eventually(
      async () => (await rest.job(flinkJob)).state === "RUNNING",
      60_000,
      "Flink RUNNING",
    );
    await cancelJob(id);
    await waitStatus(id, "CANCELLED", 15_000);
    expect((await rest.job(flinkJob)).state).toBe("CANCELED");
  }, 180_000);

  it("records a failing Flink job's exception and cause chain as the attempt's error", async () => {
    const input = await createTopic(kafka, uniqueName("fail-in"), 1);
    const output = await createTopic(kafka, uniqueName("fail-out"), 1);
    await produce(kafka, input, [{ value: "1,ok" }, { value: "not-a-number,boom" }]);
    const sql = `${kafkaTable("src", "id BIGINT, label STRING", input, `${bounded}, 'format' = 'csv'`)}
${kafkaTable("snk", "id BIGINT, label STRING", output, `, 'format' = 'csv'`)}
INSERT INTO snk SELECT id, label FROM src;`;
    const id = await deploy("failing", sql, "flink");
    await waitStatus(id, "FAILED");
    const job = await getJob(id);
    const attempt = job.runs[0].attempts[0];
    expect(attempt.status).toBe("FAILED");
    const chain = [attempt.error!.message, ...attempt.error!.causes].join("\n");
    expect(chain).toMatch(/Failed to deserialize CSV row/);
    expect(chain).toMatch(/not-a-number/);
  }, 180_000);

  it("links a Flink job that cannot reach its brokers to the connectivity diagnosis", async () => {
    const closed = `127.0.0.1:${await findFreePort()}`;
    const timeouts = `, 'properties.default.api.timeout.ms' = '3000', 'properties.request.timeout.ms' = '2000'`;
    const sql = `CREATE TABLE src (id INT) WITH ('connector' = 'kafka', 'topic' = 'nowhere',
  'properties.bootstrap.servers' = '${closed}', 'properties.group.id' = 'g',
  'scan.startup.mode' = 'earliest-offset', 'format' = 'csv'${timeouts});
CREATE TABLE snk (id INT) WITH ('connector' = 'kafka', 'topic' = 'nowhere-out',
  'properties.bootstrap.servers' = '${closed}', 'format' = 'csv');
INSERT INTO snk SELECT id FROM src;`;
    const logs: string[] = [];
    const job = await runFlinkJob({
      plan: { jobs: [] },
      engine: "flink",
      sql,
      jobId: uniqueName("unreachable"),
      parallelism: 1,
      instances: [0],
      attemptNumber: 1,
      resolveSecret: () => Promise.reject(new Error("no secrets here")),
      onMetrics: () => {},
      onLog: (level, message) => logs.push(`${level} ${message}`),
    });
    const outcome = await job.outcome;
    expect(outcome.state, logs.join("\n")).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect([outcome.failure.message, ...outcome.failure.causes].join("\n")).toMatch(
      /Timed out waiting for a node assignment/,
    );
    expect(outcome.failure.retriable).toBe(true);
    expect(outcome.failure.hint).toEqual({ kind: "diagnose-kafka", bootstrapServers: closed });
  }, 120_000);

  it("resolves secrets only for Flink and masks them in what it reports", async () => {
    const output = await createTopic(kafka, uniqueName("secret-out"), 1);
    const secret = "s3cr3t-value-xyz";
    // Flink refuses a multi-character CSV delimiter, quoting the value it got.
    const sql = `CREATE TABLE gen (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
${kafkaTable("snk", "id INT", output, `, 'format' = 'csv', 'csv.field-delimiter' = '\${secret_values.delim}'`)}
INSERT INTO snk SELECT id FROM gen;`;
    const logs: string[] = [];
    const asked: string[] = [];
    const job = await runFlinkJob({
      // The Flink engine submits the SQL; the embedded plan is not needed.
      plan: { jobs: [] },
      engine: "flink",
      sql,
      jobId: uniqueName("secret"),
      parallelism: 1,
      instances: [0],
      attemptNumber: 1,
      resolveSecret: async (name) => {
        asked.push(name);
        return secret;
      },
      onMetrics: () => {},
      onLog: (level, message) => logs.push(`${level} ${message}`),
    });
    const outcome = await job.outcome;
    expect(asked).toEqual(["delim"]);
    expect(outcome.state).toBe("FAILED");
    const text = JSON.stringify(outcome) + logs.join("\n");
    expect(text).toContain("******");
    expect(text).not.toContain(secret);
  }, 120_000);

  it("tributary run --engine flink runs a script on Flink and exits 0 when it finishes", async () => {
    const output = await createTopic(kafka, uniqueName("cli-out"), 1);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tributary-cli-flink-"));
    const file = path.join(dir, "count.sql");
    await fs.writeFile(
      file,
      `CREATE TABLE gen (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '50', 'fields.id.min' = '0', 'fields.id.max' = '4');
CREATE TABLE counts (id INT, c BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = '${output}',
  'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'key.format' = 'csv', 'value.format' = 'csv');
INSERT INTO counts SELECT id, COUNT(*) FROM gen GROUP BY id;`,
    );
    const root = path.resolve(import.meta.dirname, "../..");
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(root, "bin/tributary.mjs"), "run", "--engine", "auto", file],
        {
          env: process.env,
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    await fs.rm(dir, { recursive: true, force: true });
    expect(run.stderr).toMatch(/Engine: flink \(auto: /);
    expect(run.code, run.stderr).toBe(0);
    const latest = new Map<string, number>();
    for (const r of await readAll(kafka, output, { atLeast: 5 }))
      latest.set(r.key!.toString(), Number(r.value!.toString().split(",")[1]));
    expect([...latest.values()].reduce((a, b) => a + b, 0)).toBe(50);
  }, 180_000);
});
