/**
 * `npm run bench`: speed and memory goals, measured and reported (never asserted in tests).
 * Ratios compare figures measured in the same run, since absolute timings on shared machines
 * are noisy.
 */
import type { BenchResult } from "@/bench/measure";
import { benchFormats } from "@/bench/formats";
import { benchValidate } from "@/bench/sql";
import { benchRuntime } from "@/bench/runtime";
import { benchFaults } from "@/bench/faults";
import { benchPartitioners } from "@/bench/partitioners";
import { benchVsFlink, writeResult } from "@/bench/vs-flink";
import { benchLatency } from "@/bench/vs-flink/latency";
import { benchLines, type BenchRun } from "@/bench/vs-flink/report";

/** Needs Kafka: KAFKA_BOOTSTRAP_SERVERS, or a local broker started for the run. */
async function runtimeThroughput(): Promise<BenchResult[]> {
  const r = await benchRuntime();
  const name = `Kafka→Kafka CSV job, 1 partition, ${r.records} records of ~${Math.round(r.bytes / r.records)} bytes`;
  return [
    {
      name: `${name}: tributary runtime`,
      figures: {
        "records/s sustained": r.runtime.recordsPerSecond,
        "MB/s": r.runtime.megabytesPerSecond,
        "records/s end to end": r.runtime.endToEnd.recordsPerSecond,
        "CPU µs/record": r.runtime.cpuMicrosPerRecord,
      },
      goal: { text: "sustains at least 100,000 records/s", met: r.goals.recordsPerSecond },
    },
    {
      name: `${name}: plain kafkajs consume→produce loop`,
      figures: {
        "records/s sustained": r.plainLoop.recordsPerSecond,
        "MB/s": r.plainLoop.megabytesPerSecond,
        "records/s end to end": r.plainLoop.endToEnd.recordsPerSecond,
        "CPU µs/record": r.plainLoop.cpuMicrosPerRecord,
      },
    },
    ...(["stock", "tributary"] as const).map((build) => ({
      name: `kafkajs ${build === "stock" ? "as published" : "as Tributary loads it (own produce encoder)"} alone: consume-only + produce-only, CPU per record → one core's ceiling`,
      figures: {
        "consume CPU µs/record": r.kafkajs[build].consumeMicros,
        "produce CPU µs/record": r.kafkajs[build].produceMicros,
        "records/s ceiling": r.kafkajs[build].ceilingRecordsPerSecond,
      },
    })),
    {
      name: "runtime ÷ plain loop",
      figures: { ratio: r.ratio },
      goal: { text: "at least 0.5", met: r.goals.ratio },
    },
  ];
}

function sqlValidation(): BenchResult[] {
  const r = benchValidate(20);
  return [
    {
      name: `validate a ${r.lines}-line script`,
      figures: { "ms median": r.medianMs, "ms mean": r.meanMs, "ms max": r.maxMs },
      goal: { text: "under 50 ms (median)", met: r.medianMs < 50 },
    },
  ];
}

/** Custom partitioners (JS isolate, JAR host) against `fixed` on the same job; needs Kafka and Java. */
async function partitionerThroughput(): Promise<BenchResult[]> {
  const r = await benchPartitioners();
  const name = `Kafka→Kafka CSV job, 1 partition, ${r.records} records of ~100 bytes, sink.partitioner`;
  return [
    { name: `${name} 'fixed'`, figures: { "records/s sustained": r.recordsPerSecond.fixed } },
    {
      name: `${name} = JS module (isolated-vm)`,
      figures: { "records/s sustained": r.recordsPerSecond.js, "ratio to fixed": r.ratios.js },
      goal: { text: "at least 0.6 of fixed", met: r.goals.js },
    },
    {
      name: `${name} = JAR class (JVM partitioner host)`,
      figures: { "records/s sustained": r.recordsPerSecond.jar, "ratio to fixed": r.ratios.jar },
      goal: { text: "at least 0.5 of fixed", met: r.goals.jar },
    },
  ];
}

/** Side by side with real Flink and the Java client ceiling (issue 14); writes bench/results/. */
async function recorded(run: () => Promise<BenchRun>): Promise<BenchResult[]> {
  const result = await run();
  console.log(`results: ${await writeResult(result)}`);
  return benchLines(result);
}

const benches: Array<{
  name: string;
  run: () => Promise<BenchResult[]> | BenchResult[];
  explicit?: boolean;
}> = [
  { name: "sql", run: sqlValidation },
  { name: "formats", run: benchFormats },
  { name: "runtime", run: runtimeThroughput },
  { name: "partitioners", run: partitionerThroughput },
  // Minutes long and needs PostgreSQL: only when asked for by name.
  {
    name: "faults",
    run: () => benchFaults(Number(process.env.TRIBUTARY_BENCH_KILLS) || 30),
    explicit: true,
  },
  // Minutes to an hour (≥ 3M records a configuration, 16 configurations): only when named.
  { name: "vs-flink", run: () => recorded(() => benchVsFlink()), explicit: true },
  { name: "latency", run: () => recorded(() => benchLatency()), explicit: true },
];

const only = process.argv.slice(2).filter((a) => a !== "--");
let missed = 0;
for (const bench of benches) {
  if (only.length > 0 ? !only.includes(bench.name) : bench.explicit) continue;
  for (const result of await bench.run()) {
    const figures = Object.entries(result.figures)
      .map(([k, v]) => `${v.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${k}`)
      .join(", ");
    console.log(`${result.name}: ${figures}`);
    if (result.goal) {
      console.log(`  goal: ${result.goal.text} — ${result.goal.met ? "met" : "NOT met"}`);
      if (!result.goal.met) missed++;
    }
  }
}
if (missed > 0) console.log(`\n${missed} goal(s) not met in this run.`);
// Kafka clients and a broker started for the run may hold the event loop open.
process.exit(0);
