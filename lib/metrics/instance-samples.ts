/**
 * One second of an instance's counters turned into samples: the counters themselves, their rates
 * against the previous report, the consumer's lag (max and per partition), send time and last
 * commit. Pure.
 */
import type { InstanceMetrics } from "@/lib/runtime/job-runtime";
import type { InstanceRates } from "@/lib/events/job-stream-event";
import { COUNTERS, partitionLagName } from "./metric-names";

export interface Sample {
  name: string;
  value: number;
}

export interface Reading {
  metrics: InstanceMetrics;
  atMs: number;
}

const RATE_OF = {
  numRecordsIn: "numRecordsInPerSecond",
  numRecordsOut: "numRecordsOutPerSecond",
  numBytesIn: "numBytesInPerSecond",
  numBytesOut: "numBytesOutPerSecond",
} as const;

export function ratesOf(current: Reading, previous: Reading | undefined): InstanceRates {
  const rates = {
    numRecordsInPerSecond: 0,
    numRecordsOutPerSecond: 0,
    numBytesInPerSecond: 0,
    numBytesOutPerSecond: 0,
  };
  if (!previous) return rates;
  const seconds = (current.atMs - previous.atMs) / 1000;
  if (seconds <= 0) return rates;
  for (const [counter, rate] of Object.entries(RATE_OF) as Array<
    [keyof typeof RATE_OF, keyof InstanceRates]
  >) {
    // A counter that went down belongs to a new runtime (restart, takeover): no rate this second.
    const delta = current.metrics[counter] - previous.metrics[counter];
    rates[rate] = delta >= 0 ? delta / seconds : 0;
  }
  return rates;
}

export function samplesOf(current: Reading, previous: Reading | undefined): Sample[] {
  const m = current.metrics;
  const samples: Sample[] = COUNTERS.map((name) => ({ name, value: m[name] }));
  for (const [name, value] of Object.entries(ratesOf(current, previous)))
    samples.push({ name, value });
  samples.push({ name: "currentSendTime", value: m.currentSendTime });
  const lags = Object.entries(m.lagByPartition);
  if (lags.length > 0) {
    samples.push({ name: "records-lag-max", value: Math.max(...lags.map(([, lag]) => lag)) });
    for (const [partition, lag] of lags)
      samples.push({ name: partitionLagName(partition), value: lag });
  }
  if (m.lastCommitAt) {
    const t = Date.parse(m.lastCommitAt);
    if (Number.isFinite(t)) samples.push({ name: "lastCommitTime", value: t });
  }
  return samples.filter((s) => Number.isFinite(s.value));
}
