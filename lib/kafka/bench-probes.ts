/**
 * Probes for `npm run bench` (kept in lib/kafka, the only place that imports kafkajs): what
 * kafkajs alone costs a record, and the steady-state rate at which a copy filled a topic.
 */
import { Kafka, logLevel } from "kafkajs";
import { randomUUID } from "node:crypto";

export interface KafkaJsCost {
  /** CPU µs a record to fetch and decode (kafkajs consumer, eachBatch doing nothing). */
  consumeMicros: number;
  /** CPU µs a record to encode and send (kafkajs producer, acks=all). */
  produceMicros: number;
}

/**
 * kafkajs's own cost in this process's CPU time, so the runtime's rate can be read against the
 * client's ceiling. Consuming is a group consumer whose eachBatch only counts; producing sends
 * prebuilt 100-byte values to one partition in requests of `requestRecords` (the runtime's
 * per-partition request size), one at a time.
 */
export async function measureKafkaJsCost(
  bootstrapServers: string,
  input: string,
  output: string,
  count: number,
  requestRecords = 500,
): Promise<KafkaJsCost> {
  const kafka = new Kafka({ clientId: "bench-kafkajs-cost", brokers: [bootstrapServers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-kafkajs-cost-${randomUUID().slice(0, 8)}` });
  await consumer.connect();
  await consumer.subscribe({ topic: input, fromBeginning: true });
  let consumed = 0;
  let consumeStart: NodeJS.CpuUsage | undefined;
  let consumeCpu: NodeJS.CpuUsage | undefined;
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          // From the first batch on: joining the group is not per-record work.
          consumeStart ??= process.cpuUsage();
          consumed += batch.messages.length;
          if (consumed >= count && !consumeCpu) {
            consumeCpu = process.cpuUsage(consumeStart);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const value = Buffer.alloc(100, "x");
  const messages = Array.from({ length: requestRecords }, () => ({ key: null, value, partition: 0 }));
  const produceStart = process.cpuUsage();
  for (let sent = 0; sent < count; sent += requestRecords) {
    await producer.send({ topic: output, messages: messages.map((m) => ({ ...m })) });
  }
  const produceCpu = process.cpuUsage(produceStart);
  await producer.disconnect();
  const micros = (u: NodeJS.CpuUsage, n: number) => Number(((u.user + u.system) / n).toFixed(2));
  return { consumeMicros: micros(consumeCpu!, consumed), produceMicros: micros(produceCpu, count) };
}

/**
 * The producer timestamps (CreateTime, taken when kafkajs encodes a request) of a 1-partition
 * topic's first and last record: their distance is how long the copy took once it was running,
 * without start-up (group join, first fetch) and teardown (leaving the group).
 */
export async function producedSpanMs(bootstrapServers: string, topic: string, count: number): Promise<number> {
  const kafka = new Kafka({ clientId: "bench-span", brokers: [bootstrapServers], logLevel: logLevel.NOTHING });
  const at = async (offset: number): Promise<number> => {
    const consumer = kafka.consumer({ groupId: `bench-span-${randomUUID().slice(0, 8)}`, maxBytesPerPartition: 64 * 1024 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    try {
      let found!: (timestamp: number) => void;
      const timestamp = new Promise<number>((resolve) => (found = resolve));
      await consumer.run({
        eachBatch: async ({ batch }) => {
          const m = batch.messages.find((x) => Number(x.offset) === offset);
          if (m) found(Number(m.timestamp));
        },
      });
      consumer.seek({ topic, partition: 0, offset: String(offset) });
      return await timestamp;
    } finally {
      await consumer.disconnect();
    }
  };
  return (await at(count - 1)) - (await at(0));
}
