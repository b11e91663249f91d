/**
 * What the side-by-side benchmark concluded, computed from its measurements alone (pure, so it is
 * unit-tested and the README table is rendered from the JSON a run wrote): the ratios between
 * contenders of the same configuration, the issue's targets and whether a run met them.
 */
import type { Contender, Format, Guarantee, Layout, Pinning } from "./job";

export interface Configuration {
  format: Format;
  guarantee: Guarantee;
  layout: Layout;
  pinning: Pinning;
}

export interface Measurement extends Configuration {
  contender: Contender;
  records: number;
  /** Value bytes copied. */
  bytes: number;
  /** Between the first and last output record's producer timestamps. */
  steadySeconds: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  /** CPU of the contender's process (all threads) between those two moments, a record. */
  cpuMicrosPerRecord: number;
  /** CPU of the whole process (start-up, planning, JIT, teardown included), a record. */
  totalCpuMicrosPerRecord: number;
  /** From spawn to exit. */
  endToEndSeconds: number;
}

export interface LatencyMeasurement {
  contender: Contender;
  format: Format;
  guarantee: Guarantee;
  layout: Layout;
  pinning: Pinning;
  ratePerSecond: number;
  records: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  java: string;
  flink: string;
  kafka: string;
  /** 1-minute load average when the run started: a loaded machine makes every figure lower. */
  loadAverage: number;
}

export interface BenchRun {
  bench: "vs-flink" | "latency";
  startedAt: string;
  machine: Machine;
  /** Records a throughput configuration copies. */
  records: number;
  checkpointIntervalMs: number;
  measurements: Measurement[];
  latency: LatencyMeasurement[];
}

/** The record count below which Flink's JIT warm-up flatters Tributary (issue 14). */
export const MIN_RECORDS_FOR_TARGETS = 3_000_000;

export const configurationKey = (c: Configuration) =>
  `${c.format} ${c.guarantee} ${c.layout} ${c.pinning}`;

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface Ratio {
  name: string;
  configuration: string;
  value: number;
}

function find(ms: readonly Measurement[], c: Configuration, contender: Contender) {
  return ms.find((m) => m.contender === contender && configurationKey(m) === configurationKey(c));
}

/** Every ratio between contenders of one configuration, and exactly-once ÷ at-least-once of each. */
export function ratios(ms: readonly Measurement[]): Ratio[] {
  const out: Ratio[] = [];
  const configurations = [
    ...new Map(ms.map((m) => [configurationKey(m), m as Configuration])).values(),
  ];
  for (const c of configurations) {
    const configuration = configurationKey(c);
    const t = find(ms, c, "tributary");
    const f = find(ms, c, "flink");
    const b = find(ms, c, "bytecopy");
    const add = (
      name: string,
      x: Measurement | undefined,
      y: Measurement | undefined,
      cpu = false,
    ) => {
      if (!x || !y) return;
      const value = cpu
        ? x.cpuMicrosPerRecord / y.cpuMicrosPerRecord
        : x.recordsPerSecond / y.recordsPerSecond;
      if (Number.isFinite(value)) out.push({ name, configuration, value: round2(value) });
    };
    add("tributary ÷ flink (records/s)", t, f);
    add("tributary ÷ byte copy (records/s)", t, b);
    add("flink ÷ byte copy (records/s)", f, b);
    add("flink ÷ tributary (CPU µs/record)", f, t, true);
    add("byte copy ÷ tributary (CPU µs/record)", b, t, true);
    if (c.guarantee === "exactly-once") {
      for (const contender of ["tributary", "flink", "bytecopy"] as const) {
        add(
          `${contender}: exactly-once ÷ at-least-once (records/s)`,
          find(ms, c, contender),
          find(ms, { ...c, guarantee: "at-least-once" }, contender),
        );
      }
    }
  }
  return out;
}

export interface TargetResult {
  target: string;
  /** The measured figure, or undefined when the run did not measure what the target needs. */
  value?: number;
  met?: boolean;
  /** Met or not, a run shorter than MIN_RECORDS_FOR_TARGETS does not decide the target. */
  indicative: boolean;
}

const SPEC: Omit<Configuration, "pinning"> = {
  format: "csv",
  guarantee: "at-least-once",
  layout: "1x1",
};

/** The issue's targets, each on the spec's CSV job (1 partition, parallelism 1). */
export function targets(
  ms: readonly Measurement[],
  latency: readonly LatencyMeasurement[],
  records: number,
): TargetResult[] {
  const indicative = records < MIN_RECORDS_FOR_TARGETS;
  const rate = (contender: Contender, c: Configuration) => find(ms, c, contender)?.recordsPerSecond;
  const ratio = (target: string, x: number | undefined, y: number | undefined, min: number) => {
    const value = x !== undefined && y ? round2(x / y) : undefined;
    return { target, value, met: value === undefined ? undefined : value >= min, indicative };
  };
  const unpinned = { ...SPEC, pinning: "unpinned" } as const;
  const pinned = { ...SPEC, pinning: "pinned" } as const;
  const out: TargetResult[] = [
    ratio(
      "≥ 1.5× Flink unpinned (CSV, at-least-once, 1 partition)",
      rate("tributary", unpinned),
      rate("flink", unpinned),
      1.5,
    ),
    ratio(
      "≥ 2× Flink pinned to one core (CSV, at-least-once, 1 partition)",
      rate("tributary", pinned),
      rate("flink", pinned),
      2,
    ),
  ];
  for (const pinning of ["unpinned", "pinned"] as const)
    out.push(
      ratio(
        `exactly-once ≥ 0.7× at-least-once (CSV, 1 partition, ${pinning})`,
        rate("tributary", { ...SPEC, guarantee: "exactly-once", pinning }),
        rate("tributary", { ...SPEC, pinning }),
        0.7,
      ),
    );
  out.push(
    ratio(
      "≥ 0.7× the Java byte copy pinned to one core (CSV, at-least-once, 1 partition)",
      rate("tributary", pinned),
      rate("bytecopy", pinned),
      0.7,
    ),
  );
  const p99 = latency.find(
    (l) => l.contender === "tributary" && l.guarantee === "at-least-once",
  )?.p99Ms;
  out.push({
    target: "p99 latency < 50 ms at 5,000 records/s (at-least-once)",
    value: p99,
    met: p99 === undefined ? undefined : p99 < 50,
    // Latency does not depend on the throughput runs' length.
    indicative: false,
  });
  return out;
}

const fmt = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function targetLine(t: TargetResult): string {
  const verdict = t.met === undefined ? "not measured in this run" : t.met ? "met" : "NOT met";
  const value = t.value === undefined ? "" : ` (${fmt(t.value, 2)})`;
  return `${t.target}: ${verdict}${value}${t.indicative && t.met !== undefined ? ` — indicative only, fewer than ${fmt(MIN_RECORDS_FOR_TARGETS)} records` : ""}`;
}

const CONTENDER_NAMES: Record<Contender, string> = {
  tributary: "Tributary",
  flink: "Flink",
  bytecopy: "Java byte copy",
};

/** The README's table: one row per configuration, the contenders side by side. */
export function markdownTables(run: BenchRun, latency?: BenchRun): string {
  const m = run.machine;
  const lines = [
    `Measured ${run.startedAt.slice(0, 16).replace("T", " ")} UTC on ${m.cpuModel}, ${m.cores} cores, ${fmt(m.memoryGiB)} GiB, load average ${fmt(m.loadAverage, 1)} at the start; Node ${m.node}, Java ${m.java}, Flink ${m.flink} (mini-cluster), Kafka ${m.kafka}; ${fmt(run.records)} records a configuration, checkpoints every ${fmt(run.checkpointIntervalMs)} ms.`,
    "",
    "| format | guarantee | partitions × parallelism | pinned | Tributary rec/s (MB/s, CPU µs/rec) | Flink rec/s (MB/s, CPU µs/rec) | Java byte copy rec/s (MB/s, CPU µs/rec) | Tributary ÷ Flink | Tributary ÷ byte copy |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const configurations = [
    ...new Map(run.measurements.map((x) => [configurationKey(x), x as Configuration])).values(),
  ];
  const all = ratios(run.measurements);
  for (const c of configurations) {
    const cell = (contender: Contender) => {
      const x = find(run.measurements, c, contender);
      return x
        ? `${fmt(x.recordsPerSecond)} (${fmt(x.megabytesPerSecond, 1)}, ${fmt(x.cpuMicrosPerRecord, 2)})`
        : "–";
    };
    const r = (name: string) => {
      const v = all.find((x) => x.configuration === configurationKey(c) && x.name === name)?.value;
      return v === undefined ? "–" : fmt(v, 2);
    };
    lines.push(
      `| ${c.format} | ${c.guarantee} | ${c.layout.replace("x", " × ")} | ${c.pinning === "pinned" ? "1 core" : "no"} | ${cell("tributary")} | ${cell("flink")} | ${cell("bytecopy")} | ${r("tributary ÷ flink (records/s)")} | ${r("tributary ÷ byte copy (records/s)")} |`,
    );
  }
  const latencies = latency?.latency ?? run.latency;
  if (latencies.length > 0) {
    lines.push(
      "",
      `End-to-end latency (produce into the source → consumed from the sink) at a fixed rate${latency ? `, measured ${latency.startedAt.slice(0, 16).replace("T", " ")} UTC (load average ${fmt(latency.machine.loadAverage, 1)})` : ""}:`,
      "",
      "| engine | guarantee | format | rate | records | p50 ms | p99 ms | max ms |",
      "|---|---|---|---|---|---|---|---|",
      ...latencies.map(
        (l) =>
          `| ${CONTENDER_NAMES[l.contender]} | ${l.guarantee} | ${l.format} | ${fmt(l.ratePerSecond)}/s | ${fmt(l.records)} | ${fmt(l.p50Ms, 1)} | ${fmt(l.p99Ms, 1)} | ${fmt(l.maxMs, 1)} |`,
      ),
    );
  }
  lines.push(
    "",
    "Targets of issue 14:",
    "",
    ...targets(run.measurements, latencies, run.records).map((t) => `- ${targetLine(t)}`),
  );
  return lines.join("\n");
}

/** Nearest-rank percentile of ascending-sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface BenchLine {
  name: string;
  figures: Record<string, number>;
  goal?: { text: string; met: boolean };
}

/** A run as `npm run bench` prints results: each measurement, every ratio, each target. */
export function benchLines(run: BenchRun): BenchLine[] {
  const lines: BenchLine[] = run.measurements.map((m) => ({
    name: `${configurationKey(m)}, ${fmt(m.records)} records: ${CONTENDER_NAMES[m.contender]}`,
    figures: {
      "records/s sustained": m.recordsPerSecond,
      "MB/s": m.megabytesPerSecond,
      "CPU µs/record": m.cpuMicrosPerRecord,
      "CPU µs/record with start-up": m.totalCpuMicrosPerRecord,
      "s end to end": m.endToEndSeconds,
    },
  }));
  for (const r of ratios(run.measurements))
    lines.push({ name: `${r.configuration}: ${r.name}`, figures: { ratio: r.value } });
  for (const l of run.latency)
    lines.push({
      name: `latency at ${fmt(l.ratePerSecond)} records/s, ${l.format} ${l.guarantee} ${l.layout} ${l.pinning}: ${CONTENDER_NAMES[l.contender]}`,
      figures: { "ms p50": l.p50Ms, "ms p99": l.p99Ms, "ms max": l.maxMs, records: l.records },
    });
  for (const t of targets(run.measurements, run.latency, run.records))
    if (t.met !== undefined)
      lines.push({
        name: `target: ${t.target}`,
        figures: { value: t.value ?? NaN },
        goal: {
          text: `${t.target}${t.indicative ? ` (indicative only: fewer than ${fmt(MIN_RECORDS_FOR_TARGETS)} records)` : ""}`,
          met: t.met,
        },
      });
  return lines;
}
