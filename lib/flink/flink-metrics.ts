/**
 * Flink's per-subtask metrics (JobManager REST, `<subtask>.<operator>.<name>`) as Tributary's
 * InstanceMetrics, one per subtask index: records and bytes in from the source operators
 * (numRecordsIn/numBytesIn of `Source__…`), records, bytes, errors and send time out from the sink
 * writers (numRecordsSend/numBytesSend/numRecordsSendErrors/currentSendTime of `…__Writer`), and
 * the Kafka consumer's lag (records-lag-max, and per partition where the reader reports it).
 */
import type { InstanceMetrics } from "@/lib/runtime/job-runtime";

const WANTED =
  /^(\d+)\.(.+)\.(numRecordsIn|numBytesIn|numRecordsSend|numBytesSend|numRecordsSendErrors|currentSendTime|records-lag-max|records-lag)$/;

/** The metric ids worth fetching among those a vertex lists. */
export function wantedMetricIds(ids: readonly string[]): string[] {
  return ids.filter((id) => {
    const m = WANTED.exec(id);
    if (!m) return false;
    const scope = m[2];
    if (m[3] === "numRecordsIn" || m[3] === "numBytesIn") return /^Source__/.test(scope);
    return true;
  });
}

export function instanceMetricsOf(
  values: ReadonlyMap<string, number>,
  parallelism: number,
): InstanceMetrics[] {
  const instances = Array.from({ length: parallelism }, (_, instance): InstanceMetrics => ({
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
  }));
  const lagMax = new Map<number, number>();
  for (const [id, value] of values) {
    const m = WANTED.exec(id);
    if (!m) continue;
    const target = instances[Number(m[1])];
    if (!target) continue;
    const scope = m[2];
    switch (m[3]) {
      case "numRecordsIn":
        target.numRecordsIn += value;
        break;
      case "numBytesIn":
        target.numBytesIn += value;
        break;
      case "numRecordsSend":
        target.numRecordsOut += value;
        break;
      case "numBytesSend":
        target.numBytesOut += value;
        break;
      case "numRecordsSendErrors":
        target.numRecordsOutErrors += value;
        break;
      case "currentSendTime":
        target.currentSendTime = Math.max(target.currentSendTime, value);
        break;
      case "records-lag": {
        // KafkaSourceReader.KafkaConsumer.<topic>.<partition>.records-lag
        const p = /\.KafkaConsumer\.(.+)\.(\d+)$/.exec(scope);
        if (p) {
          const key = `${p[1]}-${p[2]}`;
          target.lagByPartition[key] = Math.max(0, value);
          if (!target.assignedPartitions.includes(key)) target.assignedPartitions.push(key);
        }
        break;
      }
      case "records-lag-max":
        if (value >= 0)
          lagMax.set(target.instance, Math.max(lagMax.get(target.instance) ?? 0, value));
        break;
    }
  }
  // Without per-partition lag, the consumer's records-lag-max stands for the instance's lag.
  for (const [instance, value] of lagMax) {
    const target = instances[instance];
    if (Object.keys(target.lagByPartition).length === 0)
      target.lagByPartition["records-lag-max"] = value;
  }
  return instances;
}
