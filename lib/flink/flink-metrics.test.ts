import { describe, expect, it } from "vitest";
import { instanceMetricsOf, wantedMetricIds } from "./flink-metrics";

describe("Flink metrics as instance metrics", () => {
  const ids = [
    "0.numRecordsIn",
    "0.Source__src[1].numRecordsIn",
    "1.Source__src[1].numRecordsIn",
    "0.Source__src[1].numBytesIn",
    "0.Calc[2].numRecordsIn",
    "0.snk[3]__Writer.numRecordsSend",
    "1.snk[3]__Writer.numRecordsSend",
    "0.snk[3]__Writer.numBytesSend",
    "0.snk[3]__Writer.currentSendTime",
    "0.snk[3]__Writer.numRecordsSendErrors",
    "0.Source__src[1].KafkaSourceReader.KafkaConsumer.records-lag-max",
    "1.Source__src[1].KafkaSourceReader.KafkaConsumer.orders.1.records-lag",
  ];

  it("fetches only the source, sink-writer and consumer-lag metrics", () => {
    expect(wantedMetricIds(ids)).toEqual(
      ids.filter((id) => id !== "0.numRecordsIn" && !id.includes("Calc")),
    );
  });

  it("adds them up per subtask, with lag per partition where Flink reports it", () => {
    const values = new Map(wantedMetricIds(ids).map((id, i) => [id, i + 1]));
    const [a, b] = instanceMetricsOf(values, 2);
    expect(a).toMatchObject({
      instance: 0,
      numRecordsIn: 1,
      numBytesIn: 3,
      numRecordsOut: 4,
      numBytesOut: 6,
      currentSendTime: 7,
      numRecordsOutErrors: 8,
      lagByPartition: { "records-lag-max": 9 },
    });
    expect(b).toMatchObject({
      instance: 1,
      numRecordsIn: 2,
      numRecordsOut: 5,
      lagByPartition: { "orders-1": 10 },
      assignedPartitions: ["orders-1"],
    });
  });
});
