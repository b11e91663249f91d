/**
 * One snapshot of several instances' metrics: a Flink job holds one instance for all its subtasks,
 * and that instance's lastMetrics (what the job page shows now) stands for every subtask, combined
 * per metric as `acrossInstancesOf` says. Pure, browser-safe.
 */
import type { InstanceRates } from "@/lib/events/job-stream-event";
import type { InstanceMetrics } from "@/lib/runtime/job-runtime";
import { acrossInstancesOf, COUNTERS, RATES } from "./metric-names";

export type InstanceSnapshot = InstanceMetrics & InstanceRates;

export function combineInstances(
  instance: number,
  parts: readonly InstanceSnapshot[],
): InstanceSnapshot {
  const combine = (name: string, values: number[]) =>
    values.length === 0
      ? 0
      : acrossInstancesOf(name) === "sum"
        ? values.reduce((a, b) => a + b, 0)
        : Math.max(...values);
  const combined = {
    instance,
    lagByPartition: {},
    assignedPartitions: [],
  } as unknown as InstanceSnapshot;
  const record = combined as unknown as Record<string, number>;
  for (const name of [...COUNTERS, ...RATES, "currentSendTime"] as const)
    record[name] = combine(
      name,
      parts.map((p) => p[name]),
    );
  for (const p of parts) {
    // Each partition is read by one subtask; "records-lag-max" (no per-partition lag) is a max.
    for (const [partition, lag] of Object.entries(p.lagByPartition))
      combined.lagByPartition[partition] = Math.max(combined.lagByPartition[partition] ?? lag, lag);
    for (const partition of p.assignedPartitions)
      if (!combined.assignedPartitions.includes(partition))
        combined.assignedPartitions.push(partition);
    if (p.lastCommitAt && (!combined.lastCommitAt || p.lastCommitAt > combined.lastCommitAt))
      combined.lastCommitAt = p.lastCommitAt;
  }
  return combined;
}
