/** One instance's counters, summed over its sources and sinks as Flink names them. */
import type { InstanceMetrics } from "./job-runtime";
import type { SinkInstance, SourceInstance } from "./operators";

export function instanceMetrics(
  instance: number,
  sources: readonly SourceInstance[],
  sinks: readonly SinkInstance[],
  lastCommitAt: string | undefined,
): InstanceMetrics {
  const m: InstanceMetrics = {
    instance,
    numRecordsIn: 0,
    numRecordsOut: 0,
    numBytesIn: 0,
    numBytesOut: 0,
    numRecordsOutErrors: 0,
    numRecordsInErrors: 0,
    currentSendTime: 0,
    lagByPartition: {},
    assignedPartitions: [],
  };
  for (const s of sources) {
    m.numRecordsIn += s.counters.numRecordsIn;
    m.numBytesIn += s.counters.numBytesIn;
    m.numRecordsInErrors += s.counters.numRecordsInErrors;
    Object.assign(m.lagByPartition, s.lagByPartition());
    m.assignedPartitions.push(...s.assignedPartitions());
  }
  for (const s of sinks) {
    m.numRecordsOut += s.counters.numRecordsOut;
    m.numBytesOut += s.counters.numBytesOut;
    m.numRecordsOutErrors += s.counters.numRecordsOutErrors;
    m.currentSendTime = Math.max(m.currentSendTime, s.counters.currentSendTime);
  }
  if (lastCommitAt) m.lastCommitAt = lastCommitAt;
  return m;
}
