/**
 * Retention of metric samples: 1-s samples for an hour, 1-min buckets for a day, 10-min buckets
 * for a week, nothing older. Compaction rolls a tier into the next once a whole target bucket
 * has aged out, so every bucket is written exactly once. A week of one instance is then about
 * 3,600 + 1,440 + 1,008 samples per metric instead of 604,800.
 */
import { aggregateOf } from "./metric-names";

export interface Tier {
  resolutionS: number;
  keepMs: number;
}

export const TIERS: readonly Tier[] = [
  { resolutionS: 1, keepMs: 3_600_000 },
  { resolutionS: 60, keepMs: 86_400_000 },
  { resolutionS: 600, keepMs: 7 * 86_400_000 },
];

export type CompactionStep =
  | { kind: "rollup"; fromResolutionS: number; toResolutionS: number; before: Date }
  | { kind: "delete"; resolutionS: number; before: Date };

/** The start of the bucket of width `resolutionS` that contains `atMs` (buckets align to the epoch). */
export function bucketStart(atMs: number, resolutionS: number): number {
  const width = resolutionS * 1000;
  return Math.floor(atMs / width) * width;
}

export function compactionSteps(nowMs: number, tiers: readonly Tier[] = TIERS): CompactionStep[] {
  const steps: CompactionStep[] = [];
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i];
    const next = tiers[i + 1];
    if (next) {
      // Only whole buckets of the next tier: everything before the bucket the cutoff falls in.
      const before = bucketStart(nowMs - tier.keepMs, next.resolutionS);
      steps.push({
        kind: "rollup",
        fromResolutionS: tier.resolutionS,
        toResolutionS: next.resolutionS,
        before: new Date(before),
      });
    } else {
      steps.push({
        kind: "delete",
        resolutionS: tier.resolutionS,
        before: new Date(nowMs - tier.keepMs),
      });
    }
  }
  return steps;
}

/**
 * The tier to read for a time range: the finest one that still holds its start. A tier holds
 * samples back to where compaction last cut it — the start of the next tier's bucket that its
 * keep time falls in — so a range of exactly the keep time, asked a moment ago, still reads it.
 */
export function resolutionFor(
  fromMs: number,
  nowMs: number,
  tiers: readonly Tier[] = TIERS,
): number {
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i];
    const next = tiers[i + 1];
    const oldest = next ? bucketStart(nowMs - tier.keepMs, next.resolutionS) : nowMs - tier.keepMs;
    if (fromMs >= oldest) return tier.resolutionS;
  }
  return tiers[tiers.length - 1].resolutionS;
}

export interface Point {
  atMs: number;
  value: number;
}

/** Combines points into buckets as compaction does (the same rule as the SQL in compact-metrics.ts). */
export function downsample(name: string, points: readonly Point[], resolutionS: number): Point[] {
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    const b = bucketStart(p.atMs, resolutionS);
    const list = buckets.get(b);
    if (list) list.push(p.value);
    else buckets.set(b, [p.value]);
  }
  const combine =
    aggregateOf(name) === "max"
      ? (v: number[]) => Math.max(...v)
      : (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([atMs, values]) => ({ atMs, value: combine(values) }));
}
