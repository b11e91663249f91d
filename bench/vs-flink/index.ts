/**
 * `npm run bench -- vs-flink`: Tributary side by side with real Flink and with the client
 * ceiling, on one broker in one run (issue 14). For each configuration — CSV or JSON,
 * at-least-once or exactly-once, 1 partition at parallelism 1 or 4 partitions at parallelism 2,
 * pinned to one core or not — the same input topic is copied by `tributary run`, by the same
 * SQL on a Flink mini-cluster, and by a bare kafka-clients byte copy, each into a fresh topic.
 * Results go to bench/results/vs-flink-<time>.json.
 *
 * TRIBUTARY_BENCH_RECORDS (default 3,000,000) sets the records a configuration copies; the
 * comma lists TRIBUTARY_BENCH_FORMATS, _GUARANTEES, _LAYOUTS, _PINNING and _CONTENDERS narrow
 * the matrix; TRIBUTARY_BENCH_CHECKPOINT_MS (default 1000) the checkpoint interval.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import { createTopic, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { repositoryRoot } from "@/lib/devstack/maven-jars";
import { ensureBenchJava } from "../java";
import { cpuAt } from "../proc-cpu";
import { startContender } from "./contenders";
import { describeMachine } from "./machine";
import {
  LAYOUTS,
  type Contender,
  type Format,
  type Guarantee,
  type Layout,
  type Pinning,
} from "./job";
import type { BenchRun, Measurement } from "./report";
import { fillInput, readOutputSpan } from "./topics";

export interface Matrix {
  records: number;
  checkpointIntervalMs: number;
  formats: Format[];
  guarantees: Guarantee[];
  layouts: Layout[];
  pinnings: Pinning[];
  contenders: Contender[];
}

function list<T extends string>(value: string | undefined, all: readonly T[], name: string): T[] {
  if (!value) return [...all];
  const chosen = value.split(",").map((s) => s.trim()) as T[];
  const unknown = chosen.filter((c) => !all.includes(c));
  if (unknown.length > 0)
    throw new Error(`${name}: unknown ${unknown.join(", ")}; one of ${all.join(", ")}`);
  return chosen;
}

/** The configurations to run, from the environment. */
export function matrixFromEnv(env: Record<string, string | undefined> = process.env): Matrix {
  const positive = (name: string, fallback: number) => {
    if (env[name] === undefined || env[name] === "") return fallback;
    const n = Number(env[name]);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} wants a positive integer, not '${env[name]}'`);
    return n;
  };
  return {
    records: positive("TRIBUTARY_BENCH_RECORDS", 3_000_000),
    checkpointIntervalMs: positive("TRIBUTARY_BENCH_CHECKPOINT_MS", 1000),
    formats: list(env.TRIBUTARY_BENCH_FORMATS, ["csv", "json"], "TRIBUTARY_BENCH_FORMATS"),
    guarantees: list(
      env.TRIBUTARY_BENCH_GUARANTEES,
      ["at-least-once", "exactly-once"],
      "TRIBUTARY_BENCH_GUARANTEES",
    ),
    layouts: list(env.TRIBUTARY_BENCH_LAYOUTS, ["1x1", "4x2"], "TRIBUTARY_BENCH_LAYOUTS"),
    pinnings: list(env.TRIBUTARY_BENCH_PINNING, ["pinned", "unpinned"], "TRIBUTARY_BENCH_PINNING"),
    contenders: list(
      env.TRIBUTARY_BENCH_CONTENDERS,
      ["tributary", "flink", "bytecopy"],
      "TRIBUTARY_BENCH_CONTENDERS",
    ),
  };
}

export async function writeResult(run: BenchRun): Promise<string> {
  const dir = path.join(repositoryRoot(), "bench", "results");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${run.bench}-${run.startedAt.replace(/[:.]/g, "-")}.json`);
  await writeFile(file, JSON.stringify(run, null, 2) + "\n");
  return file;
}

export async function benchVsFlink(
  matrix: Matrix = matrixFromEnv(),
  onMeasurement: (m: Measurement) => void = () => {},
): Promise<BenchRun> {
  const startedAt = new Date().toISOString();
  const java = await ensureBenchJava();
  const machine = describeMachine({ flink: java.flinkVersion, kafka: java.kafkaClientsVersion });
  const broker = await acquireTestBroker();
  const measurements: Measurement[] = [];
  try {
    const bootstrap = broker.bootstrapServers;
    const kafka = testKafka(bootstrap);
    for (const format of matrix.formats)
      for (const layout of matrix.layouts) {
        const { partitions, parallelism } = LAYOUTS[layout];
        const input = await createTopic(
          kafka,
          uniqueName(`bench-${format}-${layout}-in`),
          partitions,
        );
        const bytes = await fillInput(kafka, input, format, matrix.records, partitions);
        for (const guarantee of matrix.guarantees)
          for (const pinning of matrix.pinnings)
            for (const contender of matrix.contenders) {
              const name = uniqueName(`bench-${contender}`);
              const output = await createTopic(kafka, `${name}-out`, partitions);
              const proc = await startContender({
                contender,
                pinned: pinning === "pinned",
                java,
                format,
                guarantee,
                parallelism,
                bootstrap,
                input,
                output,
                name,
                checkpointIntervalMs: matrix.checkpointIntervalMs,
                bounded: true,
              });
              const { endedAt } = await proc.done;
              const span = await readOutputSpan(kafka, output, matrix.records);
              const steadyMs = Math.max(1, span.lastMs - span.firstMs);
              const steadyCpuMs =
                cpuAt(proc.samples, span.lastMs) - cpuAt(proc.samples, span.firstMs);
              const totalCpuMs = proc.samples.at(-1)?.cpuMs ?? 0;
              const m: Measurement = {
                contender,
                format,
                guarantee,
                layout,
                pinning,
                records: matrix.records,
                bytes,
                steadySeconds: steadyMs / 1000,
                recordsPerSecond: Math.round(matrix.records / (steadyMs / 1000)),
                megabytesPerSecond: Math.round((bytes / 1e6 / (steadyMs / 1000)) * 10) / 10,
                cpuMicrosPerRecord: Math.round(((steadyCpuMs * 1000) / matrix.records) * 100) / 100,
                totalCpuMicrosPerRecord:
                  Math.round(((totalCpuMs * 1000) / matrix.records) * 100) / 100,
                endToEndSeconds: (endedAt - proc.startedAt) / 1000,
              };
              measurements.push(m);
              onMeasurement(m);
            }
      }
  } finally {
    await broker.release();
  }
  return {
    bench: "vs-flink",
    startedAt,
    machine,
    records: matrix.records,
    checkpointIntervalMs: matrix.checkpointIntervalMs,
    measurements,
    latency: [],
  };
}
