import { describe, expect, it } from "vitest";
import {
  benchLines,
  markdownTables,
  percentile,
  ratios,
  targets,
  type BenchRun,
  type LatencyMeasurement,
  type Measurement,
} from "./report";
import type { Contender, Guarantee, Pinning } from "./job";

function m(
  contender: Contender,
  recordsPerSecond: number,
  extra: Partial<Measurement> = {},
): Measurement {
  return {
    contender,
    format: "csv",
    guarantee: "at-least-once",
    layout: "1x1",
    pinning: "unpinned",
    records: 3_000_000,
    bytes: 270_000_000,
    steadySeconds: 3_000_000 / recordsPerSecond,
    recordsPerSecond,
    megabytesPerSecond: 10,
    cpuMicrosPerRecord: 1_000_000 / recordsPerSecond,
    totalCpuMicrosPerRecord: 2_000_000 / recordsPerSecond,
    endToEndSeconds: 20,
    ...extra,
  };
}

const at = (guarantee: Guarantee, pinning: Pinning) => ({ guarantee, pinning });

const latency = (p99Ms: number, guarantee: Guarantee = "at-least-once"): LatencyMeasurement => ({
  contender: "tributary",
  format: "csv",
  guarantee,
  layout: "1x1",
  pinning: "unpinned",
  ratePerSecond: 5000,
  records: 150_000,
  p50Ms: p99Ms / 4,
  p99Ms,
  maxMs: p99Ms * 2,
});

/** A full run of the spec's job: unpinned and pinned, both guarantees, three contenders. */
const spec: Measurement[] = [
  m("tributary", 300_000),
  m("flink", 150_000),
  m("bytecopy", 400_000),
  m("tributary", 240_000, at("exactly-once", "unpinned")),
  m("flink", 120_000, at("exactly-once", "unpinned")),
  m("tributary", 200_000, at("at-least-once", "pinned")),
  m("flink", 120_000, at("at-least-once", "pinned")),
  m("bytecopy", 250_000, at("at-least-once", "pinned")),
  m("tributary", 120_000, at("exactly-once", "pinned")),
];

describe("ratios", () => {
  it("compares contenders of the same configuration only, rates and CPU a record", () => {
    const r = ratios(spec);
    const get = (configuration: string, name: string) =>
      r.find((x) => x.configuration === configuration && x.name === name)?.value;
    expect(get("csv at-least-once 1x1 unpinned", "tributary ÷ flink (records/s)")).toBe(2);
    expect(get("csv at-least-once 1x1 unpinned", "tributary ÷ byte copy (records/s)")).toBe(0.75);
    expect(get("csv at-least-once 1x1 unpinned", "flink ÷ byte copy (records/s)")).toBe(0.38);
    // Flink spends twice Tributary's CPU a record when it copies half as fast on the same CPU.
    expect(get("csv at-least-once 1x1 unpinned", "flink ÷ tributary (CPU µs/record)")).toBe(2);
    expect(get("csv at-least-once 1x1 pinned", "tributary ÷ flink (records/s)")).toBe(1.67);
    expect(
      get("csv exactly-once 1x1 unpinned", "tributary: exactly-once ÷ at-least-once (records/s)"),
    ).toBe(0.8);
    expect(
      get("csv exactly-once 1x1 pinned", "tributary: exactly-once ÷ at-least-once (records/s)"),
    ).toBe(0.6);
    // No byte copy in the exactly-once runs: no ratio to it rather than a made-up one.
    expect(
      get("csv exactly-once 1x1 unpinned", "tributary ÷ byte copy (records/s)"),
    ).toBeUndefined();
    expect(
      get("csv exactly-once 1x1 unpinned", "bytecopy: exactly-once ÷ at-least-once (records/s)"),
    ).toBeUndefined();
  });
});

describe("targets", () => {
  it("says which of the issue's targets a full run met", () => {
    const t = targets(spec, [latency(30)], 3_000_000);
    expect(t.map((x) => [x.target, x.value, x.met])).toEqual([
      ["≥ 1.5× Flink unpinned (CSV, at-least-once, 1 partition)", 2, true],
      ["≥ 2× Flink pinned to one core (CSV, at-least-once, 1 partition)", 1.67, false],
      ["exactly-once ≥ 0.7× at-least-once (CSV, 1 partition, unpinned)", 0.8, true],
      ["exactly-once ≥ 0.7× at-least-once (CSV, 1 partition, pinned)", 0.6, false],
      ["≥ 0.7× the Java byte copy pinned to one core (CSV, at-least-once, 1 partition)", 0.8, true],
      ["p99 latency < 50 ms at 5,000 records/s (at-least-once)", 30, true],
    ]);
    expect(t.every((x) => !x.indicative)).toBe(true);
  });

  it("marks a short run's throughput targets indicative and leaves unmeasured ones open", () => {
    const t = targets(
      [m("tributary", 300_000), m("flink", 100_000)],
      [latency(80, "exactly-once")],
      100_000,
    );
    expect(t[0]).toMatchObject({ value: 3, met: true, indicative: true });
    expect(t.slice(1).map((x) => x.met)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // Only the at-least-once latency counts for the p99 target.
    expect(t[5].value).toBeUndefined();
  });
});

describe("rendering", () => {
  const run: BenchRun = {
    bench: "vs-flink",
    startedAt: "2026-12-04T19:11:42.363Z",
    machine: {
      cpuModel: "AMD EPYC",
      cores: 2,
      memoryGiB: 24,
      node: "v20.20.2",
      java: "openjdk 17.0.15",
      flink: "1.20.3",
      kafka: "4.4.0",
      loadAverage: 0.4,
    },
    records: 3_000_000,
    checkpointIntervalMs: 1000,
    measurements: spec,
    latency: [],
  };

  it("renders one table row per configuration with the contenders side by side", () => {
    const md = markdownTables(run, {
      ...run,
      bench: "latency",
      measurements: [],
      latency: [latency(30)],
    });
    expect(md).toContain(
      "Measured 2026-12-04 19:11 UTC on AMD EPYC, 2 cores, 24 GiB, load average 0.4",
    );
    expect(md).toContain(
      "| csv | at-least-once | 1 × 1 | no | 300,000 (10.0, 3.33) | 150,000 (10.0, 6.67) | 400,000 (10.0, 2.50) | 2.00 | 0.75 |",
    );
    expect(md).toContain(
      "| csv | exactly-once | 1 × 1 | 1 core | 120,000 (10.0, 8.33) | – | – | – | – |",
    );
    expect(md).toContain(
      "| Tributary | at-least-once | csv | 5,000/s | 150,000 | 7.5 | 30.0 | 60.0 |",
    );
    expect(md).toContain(
      "- ≥ 2× Flink pinned to one core (CSV, at-least-once, 1 partition): NOT met (1.67)",
    );
    expect(md).toContain("- p99 latency < 50 ms at 5,000 records/s (at-least-once): met (30.00)");
  });

  it("prints each measurement, ratio and measured target as bench lines with goals", () => {
    const lines = benchLines(run);
    expect(lines[0]).toMatchObject({
      name: "csv at-least-once 1x1 unpinned, 3,000,000 records: Tributary",
      figures: { "records/s sustained": 300_000 },
    });
    const goals = lines.filter((l) => l.goal).map((l) => l.goal!.met);
    expect(goals).toEqual([true, false, true, false, true]);
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
