/**
 * The metrics a job's instances report, named as Flink names them (operator/task I/O metrics,
 * KafkaWriter's currentSendTime, the Kafka consumer's records-lag-max), and how each one is
 * combined when samples are downsampled or summed over instances. Browser-safe.
 */
export const COUNTERS = [
  "numRecordsIn",
  "numRecordsOut",
  "numBytesIn",
  "numBytesOut",
  "numRecordsOutErrors",
  "numRecordsInErrors",
] as const;

/** Flink's meters: the per-second rate of each counter (Flink appends "PerSecond"). */
export const RATES = [
  "numRecordsInPerSecond",
  "numRecordsOutPerSecond",
  "numBytesInPerSecond",
  "numBytesOutPerSecond",
] as const;

export const GAUGES = ["currentSendTime", "records-lag-max", "lastCommitTime"] as const;

/** Lag of one partition: `records-lag:<topic>-<partition>` (the consumer's per-partition records-lag). */
export const PARTITION_LAG_PREFIX = "records-lag:";

export type Aggregate = "max" | "avg";

/**
 * Counters only grow, so a bucket keeps its largest value (its last); lags and commit times keep
 * their worst/newest; rates and send times average.
 */
export function aggregateOf(name: string): Aggregate {
  if ((COUNTERS as readonly string[]).includes(name)) return "max";
  if (
    name === "records-lag-max" ||
    name === "lastCommitTime" ||
    name.startsWith(PARTITION_LAG_PREFIX)
  )
    return "max";
  return "avg";
}

export function partitionLagName(topicPartition: string): string {
  return PARTITION_LAG_PREFIX + topicPartition;
}

/**
 * How one metric of several instances (a Flink job's subtasks, summed into its one instance's
 * snapshot) combines: counters and their rates add up; a gauge keeps its worst or newest value
 * (the slowest send, the largest lag, the latest commit).
 */
export function acrossInstancesOf(name: string): "sum" | "max" {
  return (COUNTERS as readonly string[]).includes(name) ||
    (RATES as readonly string[]).includes(name)
    ? "sum"
    : "max";
}
