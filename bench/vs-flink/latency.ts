/**
 * `npm run bench -- latency`: end-to-end latency at a fixed rate (issue 14). A producer in this
 * process writes rows at TRIBUTARY_BENCH_RATE records/s (default 5,000) for
 * TRIBUTARY_BENCH_LATENCY_SECONDS (default 30, after TRIBUTARY_BENCH_LATENCY_WARMUP_SECONDS at the
 * same rate, default 5, not measured) into the source of an unbounded job; each row carries the µs
 * it was handed to the producer, and a read_committed consumer of the sink notes when it arrived. For Tributary and Flink (TRIBUTARY_BENCH_CONTENDERS), at-least-once and
 * exactly-once (TRIBUTARY_BENCH_GUARANTEES), the spec's CSV job on 1 partition, unpinned.
 */
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import { createTopic, testKafka, uniqueName, type Kafka } from "@/lib/kafka/testing/test-kafka";
import { ensureBenchJava } from "../java";
import { startContender, type ContenderProcess } from "./contenders";
import { matrixFromEnv } from "./index";
import { describeMachine } from "./machine";
import {
  nowMicros,
  row,
  rowId,
  sentAtMicros,
  type Contender,
  type Format,
  type Guarantee,
} from "./job";
import { percentile, type BenchRun, type LatencyMeasurement } from "./report";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rows with a negative id only wait for the job to run; they are not measured. */
const PROBE_ID = -1;

export async function benchLatency(
  env: Record<string, string | undefined> = process.env,
): Promise<BenchRun> {
  const matrix = matrixFromEnv(env);
  const rate = Number(env.TRIBUTARY_BENCH_RATE) || 5000;
  const seconds = Number(env.TRIBUTARY_BENCH_LATENCY_SECONDS) || 30;
  const warmupSeconds = Number(env.TRIBUTARY_BENCH_LATENCY_WARMUP_SECONDS ?? 5) || 0;
  const contenders = matrix.contenders.filter(
    (c): c is Exclude<Contender, "bytecopy"> => c !== "bytecopy",
  );
  const startedAt = new Date().toISOString();
  const java = await ensureBenchJava();
  const machine = describeMachine({ flink: java.flinkVersion, kafka: java.kafkaClientsVersion });
  const broker = await acquireTestBroker();
  const latency: LatencyMeasurement[] = [];
  try {
    const kafka = testKafka(broker.bootstrapServers);
    for (const guarantee of matrix.guarantees)
      for (const contender of contenders) {
        const l = await measure(kafka, broker.bootstrapServers, {
          contender,
          guarantee,
          format: "csv",
          rate,
          seconds,
          warmupSeconds,
          checkpointIntervalMs: matrix.checkpointIntervalMs,
          java,
        });
        console.error(`latency ${contender} ${guarantee}: p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms`);
        latency.push(l);
      }
  } finally {
    await broker.release();
  }
  return {
    bench: "latency",
    startedAt,
    machine,
    records: 0,
    checkpointIntervalMs: matrix.checkpointIntervalMs,
    measurements: [],
    latency,
  };
}

async function measure(
  kafka: Kafka,
  bootstrap: string,
  o: {
    contender: Exclude<Contender, "bytecopy">;
    guarantee: Guarantee;
    format: Format;
    rate: number;
    seconds: number;
    warmupSeconds: number;
    checkpointIntervalMs: number;
    java: Awaited<ReturnType<typeof ensureBenchJava>>;
  },
): Promise<LatencyMeasurement> {
  const name = uniqueName(`bench-latency-${o.contender}`);
  const input = await createTopic(kafka, `${name}-in`, 1);
  const output = await createTopic(kafka, `${name}-out`, 1);
  const latenciesMs: number[] = [];
  // The first rows at the rate only warm the job up (JIT, first fetches): not measured.
  const warmup = o.rate * o.warmupSeconds;
  let arrivedTotal = 0;
  let probeArrived = false;
  const consumer = kafka.consumer({ groupId: `${name}-reader`, minBytes: 1, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: output, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const arrived = nowMicros();
      for (const m of batch.messages) {
        const value = m.value!.toString();
        const id = rowId(o.format, value);
        if (id === PROBE_ID) probeArrived = true;
        else {
          arrivedTotal++;
          if (id >= warmup) latenciesMs.push((arrived - sentAtMicros(o.format, value)) / 1000);
        }
      }
    },
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let proc: ContenderProcess | undefined;
  try {
    proc = await startContender({
      ...o,
      pinned: false,
      parallelism: 1,
      bootstrap,
      input,
      output,
      name,
      bounded: false,
    });
    const failed = proc.done.then(() => {
      throw new Error(`${o.contender} ended before it was stopped`);
    });
    failed.catch(() => {});
    // Until the job copies (JVM start, planning, group join, the first checkpoint for exactly-once).
    const readyBy = Date.now() + 300_000;
    while (!probeArrived) {
      if (Date.now() > readyBy) throw new Error(`${o.contender} copied nothing within 300 s`);
      await Promise.race([
        producer.send({
          topic: input,
          messages: [{ value: row(o.format, PROBE_ID, nowMicros()) }],
        }),
        failed,
      ]);
      await Promise.race([sleep(500), failed]);
    }
    const total = o.rate * (o.warmupSeconds + o.seconds);
    const start = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) * o.rate) / 1000));
      if (due > sent) {
        const messages = [];
        for (; sent < due; sent++) messages.push({ value: row(o.format, sent, nowMicros()) });
        await Promise.race([producer.send({ topic: input, messages }), failed]);
      } else await sleep(1);
    }
    const drainBy = Date.now() + 60_000;
    while (arrivedTotal < total && Date.now() < drainBy) await Promise.race([sleep(100), failed]);
    if (arrivedTotal < total)
      throw new Error(
        `${o.contender}: ${arrivedTotal} of ${total} records arrived within 60 s of the last`,
      );
  } finally {
    if (proc) {
      proc.stop();
      const killAfter = setTimeout(() => process.kill(proc!.pid, "SIGKILL"), 30_000);
      await proc.done.catch(() => {});
      clearTimeout(killAfter);
    }
    await producer.disconnect();
    await consumer.disconnect();
  }
  const sorted = latenciesMs.sort((a, b) => a - b);
  const ms = (x: number) => Math.round(x * 10) / 10;
  return {
    contender: o.contender,
    format: o.format,
    guarantee: o.guarantee,
    layout: "1x1",
    pinning: "unpinned",
    ratePerSecond: o.rate,
    records: sorted.length,
    p50Ms: ms(percentile(sorted, 50)),
    p99Ms: ms(percentile(sorted, 99)),
    maxMs: ms(sorted[sorted.length - 1]),
  };
}
