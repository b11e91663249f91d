/**
 * `npm run bench` for the data plane: a 1-partition Kafka→Kafka CSV job of ~100-byte rows, timed
 * end to end, against a plain kafkajs consume→produce loop on the same broker in the same run.
 * Goals (issue 4): ≥ 100 000 records/s and ≥ 0.5 of the plain loop's rate.
 */
import { acquireTestBroker } from "@/lib/kafka/local-broker";
import { createTopic, plainCopyLoop, produce, testKafka, uniqueName } from "@/lib/kafka/testing";
import { runScript } from "./test-support";

export interface RuntimeBenchResult {
  records: number;
  bytes: number;
  runtime: { seconds: number; recordsPerSecond: number; megabytesPerSecond: number };
  plainLoop: { seconds: number; recordsPerSecond: number; megabytesPerSecond: number };
  ratio: number;
  goals: { recordsPerSecond: boolean; ratio: boolean };
}

function row(i: number): string {
  // ~100 bytes of CSV: id, name, amount, note.
  return `${i},customer-${String(i % 10_000).padStart(5, "0")},${(i % 1000) / 10},note for record ${i} `.padEnd(100, "x");
}

export async function benchRuntime(records = 300_000): Promise<RuntimeBenchResult> {
  const broker = await acquireTestBroker();
  try {
    const kafka = testKafka(broker.bootstrapServers);
    const input = uniqueName("bench-in");
    const baselineOut = uniqueName("bench-plain-out");
    const runtimeOut = uniqueName("bench-runtime-out");
    for (const t of [input, baselineOut, runtimeOut]) await createTopic(kafka, t, 1);
    const rows = Array.from({ length: records }, (_, i) => ({ value: row(i) }));
    const bytes = rows.reduce((n, r) => n + Buffer.byteLength(r.value), 0);
    await produce(kafka, input, rows);

    const plainMs = await plainCopyLoop(broker.bootstrapServers, input, baselineOut, records);

    const started = Date.now();
    const { job } = await runScript(`
      SET 'execution.checkpointing.interval' = '10s';
      CREATE TABLE src (id BIGINT, name STRING, amount DOUBLE, note STRING) WITH (
        'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'properties.group.id' = '${uniqueName("bench")}', 'scan.startup.mode' = 'earliest-offset',
        'scan.bounded.mode' = 'latest-offset', 'format' = 'csv');
      CREATE TABLE dst (id BIGINT, name STRING, amount DOUBLE, note STRING) WITH (
        'connector' = 'kafka', 'topic' = '${runtimeOut}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'format' = 'csv');
      INSERT INTO dst SELECT * FROM src;`);
    const outcome = await job.outcome;
    if (outcome.state !== "FINISHED") throw new Error(`benchmark job failed: ${outcome.failure.message}`);
    const runtimeMs = Date.now() - started;

    const rate = (ms: number) => ({
      seconds: ms / 1000,
      recordsPerSecond: Math.round(records / (ms / 1000)),
      megabytesPerSecond: Number((bytes / 1e6 / (ms / 1000)).toFixed(1)),
    });
    const runtime = rate(runtimeMs);
    const plainLoop = rate(plainMs);
    const ratio = Number((runtime.recordsPerSecond / plainLoop.recordsPerSecond).toFixed(2));
    return {
      records,
      bytes,
      runtime,
      plainLoop,
      ratio,
      goals: { recordsPerSecond: runtime.recordsPerSecond >= 100_000, ratio: ratio >= 0.5 },
    };
  } finally {
    await broker.release();
  }
}

export function formatRuntimeBench(r: RuntimeBenchResult): string {
  const line = (name: string, x: RuntimeBenchResult["runtime"]) =>
    `${name.padEnd(26)} ${String(x.recordsPerSecond).padStart(9)} records/s  ${String(x.megabytesPerSecond).padStart(6)} MB/s  (${x.seconds.toFixed(2)} s)`;
  return [
    `Kafka→Kafka CSV, 1 partition, ${r.records} records of ~${Math.round(r.bytes / r.records)} bytes`,
    line("tributary runtime", r.runtime),
    line("plain kafkajs loop", r.plainLoop),
    `ratio ${r.ratio} (goal ≥ 0.5: ${r.goals.ratio ? "met" : "NOT met"}); rate goal ≥ 100000 records/s: ${r.goals.recordsPerSecond ? "met" : "NOT met"}`,
  ].join("\n");
}
