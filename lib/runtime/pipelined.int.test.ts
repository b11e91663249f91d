/**
 * Pipelining across cores (issue 14, item 1): the same job run on the event loop
 * (TRIBUTARY_CPU_THREADS=0) and with a CPU thread per instance writes the same bytes to the same
 * partitions in the same order — keys, values, headers, timestamps — for CSV, JSON and Avro with
 * metadata columns, fails at the same record with the same words, counts the same, and leaves no
 * thread behind however it ends.
 */
import { afterEach, describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import { runningCpuThreads } from "./cpu-thread/cpu-thread";
import type { InstanceMetrics, JobOutcome } from "./job-runtime";
import {
  createTopic,
  produce,
  readAll,
  runScript,
  uniqueName,
  waitUntil,
  type RawRecord,
  type ReadRecord,
} from "./testing/run-script";

const broker = brokerForTests();

const IN_LOOP = "runs on the event loop";
const THREADED = "on a CPU thread of its own";

afterEach(() => {
  delete process.env.TRIBUTARY_CPU_THREADS;
});

/** Runs the script once in-loop and once pipelined; returns both runs' logs, outcomes and final metrics. */
async function bothWays(script: (way: "loop" | "thread") => string, parallelism = 1) {
  const runs = [];
  for (const way of ["loop", "thread"] as const) {
    if (way === "loop") process.env.TRIBUTARY_CPU_THREADS = "0";
    else delete process.env.TRIBUTARY_CPU_THREADS;
    const run = await runScript(script(way), { parallelism });
    const outcome = await run.job.outcome;
    runs.push({ way, outcome, logs: run.logs, metrics: totals(run.metrics.at(-1) ?? []) });
    expect(runningCpuThreads()).toHaveLength(0);
  }
  const [loop, thread] = runs;
  expect(loop.logs.some((l) => l.includes(IN_LOOP))).toBe(true);
  expect(thread.logs.some((l) => l.includes(THREADED))).toBe(true);
  return { loop, thread };
}

function totals(metrics: InstanceMetrics[]) {
  const sum = (f: (m: InstanceMetrics) => number) => metrics.reduce((n, m) => n + f(m), 0);
  return {
    numRecordsIn: sum((m) => m.numRecordsIn),
    numBytesIn: sum((m) => m.numBytesIn),
    numRecordsInErrors: sum((m) => m.numRecordsInErrors),
    numRecordsOut: sum((m) => m.numRecordsOut),
    numBytesOut: sum((m) => m.numBytesOut),
  };
}

/**
 * A topic's records by partition in offset order, every byte of them (offsets themselves left
 * out: transaction markers take offsets where checkpoints happened to fall). Records from
 * different source partitions interleave as their fetches happened to arrive — on either path,
 * as in Flink — so within a partition they are grouped by the source partition `sourceOf`
 * reads from the value, each group in the order it was written.
 */
function contents(records: ReadRecord[], sourceOf: (value: string) => number) {
  const hex = (b: Buffer | null) => (b === null ? null : b.toString("hex"));
  const source = (r: ReadRecord) => sourceOf(r.value?.toString("utf8") ?? "");
  return [...records]
    .sort((a, b) => a.partition - b.partition || source(a) - source(b) || a.offset - b.offset)
    .map((r) => ({
      partition: r.partition,
      key: hex(r.key),
      value: hex(r.value),
      timestamp: r.timestamp,
      headers: Object.entries(r.headers).map(([k, v]) => [
        k,
        ([] as Array<Buffer | string | undefined>)
          .concat(v)
          .map((x) => (Buffer.isBuffer(x) ? hex(x) : x)),
      ]),
    }));
}

const table = (name: string, columns: string, topic: string, options: string) => `
  CREATE TABLE ${name} (${columns}) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${broker.bootstrapServers}', ${options});`;
/** Reads to the end it finds at the start, a few KiB per fetch: many batches in flight at once. */
const boundedSmallFetches =
  "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'properties.max.partition.fetch.bytes' = '4096'";

function csvRecords(count: number, partitions: number): RawRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `k${i % 97}`,
    value: `k${i % 97},${i},${(i * 1.25).toFixed(2)},name ${i}`,
    partition: i % partitions,
    timestamp: String(1_700_000_000_000 + i),
    headers: i % 3 === 0 ? { trace: `t${i}`, hop: [`a${i}`, `b${i}`] } : {},
  }));
}

/** The source partition a value names after `marker` (`…@2:17` names partition 2). */
const sourceAfter = (marker: string) => (value: string) => {
  const at = value.lastIndexOf(marker);
  if (at < 0) throw new Error(`no source partition in ${value}`);
  return Number.parseInt(value.slice(at + marker.length), 10);
};
const oneSource = () => 0;

async function outputOf(
  topic: string,
  sourceOf: (value: string) => number,
  { readCommitted = false, atLeast = 1 } = {},
) {
  return contents(await readAll(broker.kafka, topic, { readCommitted, atLeast }), sourceOf);
}

describe("a pipelined job writes what the in-loop path writes", () => {
  it("CSV with key, headers, timestamp and offset metadata, Calc and a filter, keyed into 3 partitions", async () => {
    const input = uniqueName("pl-csv-in");
    await createTopic(broker.kafka, input, 3);
    await produce(broker.kafka, input, csvRecords(6_000, 3));
    const outputs = { loop: uniqueName("pl-csv-loop"), thread: uniqueName("pl-csv-thread") };
    for (const t of Object.values(outputs)) await createTopic(broker.kafka, t, 3);
    const { loop, thread } = await bothWays(
      (way) => `
      ${table(
        "src",
        `k STRING, n INT, price DOUBLE, name STRING,
         ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', hs MAP<STRING, BYTES> METADATA FROM 'headers',
         off BIGINT METADATA FROM 'offset' VIRTUAL, part INT METADATA FROM 'partition' VIRTUAL`,
        input,
        `'format' = 'csv', ${boundedSmallFetches}`,
      )}
      ${table(
        "dst",
        "k STRING, n BIGINT, price DOUBLE, label STRING, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', hs MAP<STRING, BYTES> METADATA FROM 'headers'",
        outputs[way],
        "'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'csv', 'value.fields-include' = 'ALL'",
      )}
      INSERT INTO dst SELECT k, CAST(n AS BIGINT) * 3, price / 3, CONCAT(UPPER(name), '@', CAST(part AS STRING), ':', CAST(off AS STRING)), ts, hs
        FROM src WHERE MOD(n, 7) <> 3;`,
    );
    expect(thread.outcome).toEqual({ state: "FINISHED" });
    expect(loop.outcome).toEqual({ state: "FINISHED" });
    const csvSource = sourceAfter("@");
    const expected = await outputOf(outputs.loop, csvSource, { atLeast: 5_143 });
    expect(expected).toHaveLength(6_000 - 857);
    expect(new Set(expected.map((r) => r.partition)).size).toBe(3);
    expect(await outputOf(outputs.thread, csvSource, { atLeast: 5_143 })).toEqual(expected);
    expect(thread.metrics).toEqual(loop.metrics);
    expect(loop.metrics).toMatchObject({ numRecordsIn: 6_000, numRecordsOut: 5_143 });
  });

  it("JSON at parallelism 2 with the fixed partitioner, exactly-once: one thread per instance", async () => {
    const input = uniqueName("pl-json-in");
    await createTopic(broker.kafka, input, 4);
    await produce(
      broker.kafka,
      input,
      Array.from({ length: 4_000 }, (_, i) => ({
        value: JSON.stringify({
          id: i,
          d: i / 7,
          big: 10_000_000_000 + i,
          amount: Number((i / 1000).toFixed(3)),
          tags: [i % 5, i % 11],
          nested: { a: i % 13, b: `b${i}` },
          when: "2024-01-02 03:04:05.678",
        }),
        partition: i % 4,
        timestamp: String(1_700_000_000_000 + i),
      })),
    );
    const outputs = { loop: uniqueName("pl-json-loop"), thread: uniqueName("pl-json-thread") };
    for (const t of Object.values(outputs)) await createTopic(broker.kafka, t, 2);
    const columns =
      "id INT, d DOUBLE, big BIGINT, amount DECIMAL(10, 3), tags ARRAY<INT>, nested ROW<a INT, b STRING>, `when` TIMESTAMP(3), part INT METADATA FROM 'partition' VIRTUAL, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'";
    const { loop, thread } = await bothWays(
      (way) => `
      SET 'execution.checkpointing.interval' = '1 s';
      ${table("src", columns, input, `'format' = 'json', ${boundedSmallFetches}`)}
      ${table(
        "dst",
        "id INT, d DOUBLE, big BIGINT, amount DECIMAL(10, 3), tags ARRAY<INT>, a INT, b STRING, `when` TIMESTAMP(3), f FLOAT, p INT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'",
        outputs[way],
        `'format' = 'json', 'sink.partitioner' = 'fixed', 'sink.delivery-guarantee' = 'exactly-once',
         'sink.transactional-id-prefix' = '${uniqueName("pl-tx")}'`,
      )}
      INSERT INTO dst SELECT id, d * 1.5, big - id, amount * 2, tags, nested.a, nested.b, \`when\`, CAST(d AS FLOAT), part, ts FROM src;`,
      2,
    );
    // One line for the INSERT, covering both instances.
    expect(thread.logs.filter((l) => l.includes(THREADED))).toHaveLength(1);
    expect(thread.outcome).toEqual({ state: "FINISHED" });
    const jsonSource = sourceAfter('"p":');
    const committed = { readCommitted: true, atLeast: 4_000 };
    const expected = await outputOf(outputs.loop, jsonSource, committed);
    expect(expected).toHaveLength(4_000);
    expect(new Set(expected.map((r) => r.partition))).toEqual(new Set([0, 1]));
    expect(await outputOf(outputs.thread, jsonSource, committed)).toEqual(expected);
    expect(thread.metrics).toEqual(loop.metrics);
  });

  it("Avro with a key, header and timestamp metadata written, then read back into an upsert-kafka sink", async () => {
    // One source partition: the whole order of the output is the in-loop path's.
    const input = uniqueName("pl-avro-csv");
    await createTopic(broker.kafka, input, 1);
    await produce(broker.kafka, input, csvRecords(3_000, 1));
    const avro = { loop: uniqueName("pl-avro-loop"), thread: uniqueName("pl-avro-thread") };
    const upsert = { loop: uniqueName("pl-upsert-loop"), thread: uniqueName("pl-upsert-thread") };
    for (const t of [...Object.values(avro), ...Object.values(upsert)])
      await createTopic(broker.kafka, t, 2);
    const avroColumns =
      "k STRING, n INT, price DOUBLE, name STRING, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', hs MAP<STRING, BYTES> METADATA FROM 'headers'";
    const written = await bothWays(
      (way) => `
      ${table("src", avroColumns, input, `'format' = 'csv', ${boundedSmallFetches}`)}
      ${table("dst", avroColumns, avro[way], "'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'avro'")}
      INSERT INTO dst SELECT k, n, price, name, ts, hs FROM src;`,
    );
    expect(written.loop.outcome).toEqual({ state: "FINISHED" });
    expect(written.thread.outcome).toEqual({ state: "FINISHED" });
    const expected = await outputOf(avro.loop, oneSource, { atLeast: 3_000 });
    expect(expected).toHaveLength(3_000);
    expect(new Set(expected.map((r) => r.partition))).toEqual(new Set([0, 1]));
    expect(await outputOf(avro.thread, oneSource, { atLeast: 3_000 })).toEqual(expected);

    const readBack = await bothWays(
      (way) => `
      ${table(
        "src",
        `${avroColumns}, off BIGINT METADATA FROM 'offset' VIRTUAL, part INT METADATA FROM 'partition' VIRTUAL`,
        avro.loop,
        `'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'avro', ${boundedSmallFetches}`,
      )}
      CREATE TABLE dst (k STRING, total DOUBLE, last_name STRING, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
        hs MAP<STRING, BYTES> METADATA FROM 'headers', PRIMARY KEY (k) NOT ENFORCED) WITH (
        'connector' = 'upsert-kafka', 'topic' = '${upsert[way]}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'key.format' = 'csv', 'value.format' = 'json');
      INSERT INTO dst SELECT k, price * n, CONCAT(name, '#', CAST(part AS STRING), ':', CAST(off AS STRING)), ts, hs FROM src;`,
    );
    expect(readBack.thread.outcome).toEqual({ state: "FINISHED" });
    const upsertSource = sourceAfter("#");
    const upserts = await outputOf(upsert.loop, upsertSource, { atLeast: 3_000 });
    expect(upserts).toHaveLength(3_000);
    expect(await outputOf(upsert.thread, upsertSource, { atLeast: 3_000 })).toEqual(upserts);
    expect(readBack.thread.metrics).toEqual(readBack.loop.metrics);
  });
});

describe("a pipelined job fails and counts as the in-loop path does", () => {
  async function failedBothWays(
    sourceOptions: string,
    columns: string,
    query: string,
    records: RawRecord[],
  ) {
    const input = uniqueName("pl-bad-in");
    await createTopic(broker.kafka, input, 2);
    await produce(broker.kafka, input, records);
    const out = uniqueName("pl-bad-out");
    await createTopic(broker.kafka, out, 1);
    return bothWays(
      () => `
      ${table("src", columns, input, `${sourceOptions}, ${boundedSmallFetches}`)}
      ${table("dst", "id INT NOT NULL, v STRING", out, "'format' = 'csv'")}
      ${query}`,
    );
  }
  const rows = (bad: Record<number, string>) =>
    Array.from({ length: 2_000 }, (_, i) => ({
      value: bad[i] ?? `${i},v${i}`,
      partition: i % 2,
    }));
  const failure = (outcome: JobOutcome) =>
    outcome.state === "FAILED" ? outcome.failure : undefined;

  it("a record that does not decode fails the job with its topic, partition and offset", async () => {
    const { loop, thread } = await failedBothWays(
      "'format' = 'csv'",
      "id INT, v STRING",
      "INSERT INTO dst SELECT id, v FROM src;",
      rows({ 1_501: "not-a-number,x" }),
    );
    expect(failure(loop.outcome)).toMatchObject({
      message: expect.stringContaining("Failed to deserialize consumer record"),
      record: { partition: 1, offset: "750" },
    });
    expect(thread.outcome).toEqual(loop.outcome);
  });

  it("ignore-parse-errors skips and counts the same records", async () => {
    const { loop, thread } = await failedBothWays(
      "'format' = 'csv', 'csv.ignore-parse-errors' = 'true'",
      "id INT, v STRING",
      "INSERT INTO dst SELECT id, v FROM src WHERE id IS NOT NULL;",
      rows({ 10: "x,y,z,w", 1_001: "nope,1" }),
    );
    expect(loop.outcome).toEqual({ state: "FINISHED" });
    expect(thread.outcome).toEqual({ state: "FINISHED" });
    expect(loop.metrics.numRecordsInErrors).toBeGreaterThan(0);
    expect(thread.metrics).toEqual(loop.metrics);
  });

  it("NOT NULL and a failing CAST fail at the same record with the same words", async () => {
    const notNull = await failedBothWays(
      "'format' = 'csv', 'csv.null-literal' = 'NULL'",
      "id INT, v STRING",
      "INSERT INTO dst SELECT id, v FROM src;",
      rows({ 1_200: "NULL,empty id" }),
    );
    expect(failure(notNull.loop.outcome)?.message).toMatch(/Column 'id' is NOT NULL/);
    expect(notNull.thread.outcome).toEqual(notNull.loop.outcome);

    const cast = await failedBothWays(
      "'format' = 'csv'",
      "id STRING, v STRING",
      "INSERT INTO dst SELECT CAST(id AS INT), v FROM src;",
      rows({ 333: "3x3,v" }),
    );
    expect(failure(cast.loop.outcome)).toMatchObject({
      message: expect.stringContaining("Could not evaluate the query for a record"),
      record: { partition: 1, offset: "166" },
    });
    expect(cast.thread.outcome).toEqual(cast.loop.outcome);
  });
});

describe("CPU threads end with their job", () => {
  async function unbounded(parallelism: number) {
    const input = uniqueName("pl-live-in");
    await createTopic(broker.kafka, input, 2);
    const out = uniqueName("pl-live-out");
    await createTopic(broker.kafka, out, 1);
    const run = await runScript(
      `SET 'execution.checkpointing.interval' = '500 ms';
      ${table("src", "id INT, v STRING", input, "'format' = 'csv', 'scan.startup.mode' = 'earliest-offset'")}
      ${table("dst", "id INT, v STRING", out, "'format' = 'csv'")}
      INSERT INTO dst SELECT id, UPPER(v) FROM src;`,
      { parallelism },
    );
    await produce(
      broker.kafka,
      input,
      Array.from({ length: 1_000 }, (_, i) => ({ value: `${i},v${i}`, partition: i % 2 })),
    );
    await waitUntil(
      "the job copied the backlog",
      () => (run.metrics.at(-1) ?? []).reduce((n, m) => n + m.numRecordsOut, 0) >= 1_000,
    );
    return { ...run, input, out };
  }

  it("one thread per instance while it runs; none after a cancel", async () => {
    const { job, logs } = await unbounded(2);
    expect(logs.some((l) => l.includes(THREADED))).toBe(true);
    expect(runningCpuThreads()).toHaveLength(2);
    await job.cancel();
    await job.outcome;
    expect(runningCpuThreads()).toHaveLength(0);
  });

  it("none after a stop with offsets, which cover exactly what reached the sink", async () => {
    const { job, input, out } = await unbounded(1);
    const point = await job.stopWithOffsets();
    expect(runningCpuThreads()).toHaveLength(0);
    const written = await readAll(broker.kafka, out, { atLeast: 1_000 });
    expect(written).toHaveLength(1_000);
    expect(point.offsets[input]).toEqual({ 0: "500", 1: "500" });
  });

  it("a thread that dies fails the job with a clear error instead of hanging", async () => {
    const { job } = await unbounded(1);
    const [thread] = runningCpuThreads();
    // A batch for a chain leaf the thread does not have throws outside its record handling.
    await expect(
      thread
        .offload(99, () => undefined)
        .process("t", 0, [{ key: null, value: null, offset: "0", timestamp: "0" }]),
    ).rejects.toThrow(/CPU thread of instance 0 of INSERT INTO dst/);
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state === "FAILED")
      expect(outcome.failure.message).toMatch(
        /^The CPU thread of instance 0 of INSERT INTO dst (failed|stopped unexpectedly)/,
      );
    expect(runningCpuThreads()).toHaveLength(0);
  });
});
