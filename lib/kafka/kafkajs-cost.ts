/**
 * For `npm run bench`: what kafkajs alone costs per record, in this process's CPU time, so the
 * runtime's rate can be read against the client's own ceiling. Consuming is a group consumer
 * whose eachBatch only counts; producing sends prebuilt 100-byte values to one partition in
 * requests of `requestRecords` (the runtime's per-partition request size), one at a time.
 */
import { Kafka, logLevel } from "kafkajs";
import { randomUUID } from "node:crypto";

export interface KafkaJsCost {
  /** CPU µs a record to fetch and decode (kafkajs consumer, eachBatch doing nothing). */
  consumeMicros: number;
  /** CPU µs a record to encode and send (kafkajs producer, acks=all). */
  produceMicros: number;
}

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
