/** Filling the benchmark's input topics and reading back when a copy wrote its output. */
import { uniqueName, type Kafka } from "@/lib/kafka/testing/test-kafka";
import { nowMicros, row, type Format } from "./job";

/** Produces `records` rows round-robin over `partitions`; returns their value bytes. */
export async function fillInput(
  kafka: Kafka,
  topic: string,
  format: Format,
  records: number,
  partitions: number,
): Promise<number> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let bytes = 0;
  try {
    const chunk = 5000;
    let next = 0;
    // A few requests in flight: the fill is set-up, not what is measured.
    const lane = async () => {
      while (next < records) {
        const from = next;
        next = Math.min(records, next + chunk);
        const messages = [];
        for (let i = from; i < next; i++) {
          const value = row(format, i, nowMicros());
          bytes += Buffer.byteLength(value);
          messages.push({ key: null, value, partition: i % partitions });
        }
        await producer.send({ topic, messages });
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
  } finally {
    await producer.disconnect();
  }
  return bytes;
}

export interface OutputSpan {
  records: number;
  /** CreateTime (ms) of the first and last record the copy wrote, over all partitions. */
  firstMs: number;
  lastMs: number;
}

/**
 * Reads an output topic (read_committed) until `expected` records arrived; the producer
 * timestamps of its first and last records bound the copy's steady state, without start-up
 * (JVM, planning, group join) and teardown.
 */
export async function readOutputSpan(
  kafka: Kafka,
  topic: string,
  expected: number,
  stallMs = 60_000,
): Promise<OutputSpan> {
  const consumer = kafka.consumer({ groupId: uniqueName("bench-span"), maxBytes: 16 << 20 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let records = 0;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let progressAt = Date.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const stall = setInterval(() => {
        if (Date.now() - progressAt > stallMs) {
          clearInterval(stall);
          reject(
            new Error(
              `${topic}: ${records} of ${expected} records after ${stallMs / 1000} s without progress`,
            ),
          );
        }
      }, 1000);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          const m = batch.messages;
          if (m.length === 0) return;
          records += m.length;
          progressAt = Date.now();
          firstMs = Math.min(firstMs, Number(m[0].timestamp));
          lastMs = Math.max(lastMs, Number(m[m.length - 1].timestamp));
          if (records >= expected) {
            clearInterval(stall);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return { records, firstMs, lastMs };
}
