/**
 * `npm run bench`'s kafkajs probes, each in a child process of its own so that the kafkajs it
 * measures is the one asked for: kafkajs as published (the baseline), or kafkajs as Tributary loads
 * it (lib/kafka/kafkajs.ts, with its own produce encoder) when KAFKAJS=tributary (run with tsx).
 *
 *   kafkajs-probe.mjs copy BOOTSTRAP INPUT OUTPUT COUNT   a plain consume→produce loop
 *   kafkajs-probe.mjs cost BOOTSTRAP INPUT OUTPUT COUNT   CPU µs a record to consume, and to produce
 *
 * Prints one JSON line: the result, with CPU time of this process.
 */
import { randomUUID } from "node:crypto";

const { Kafka, logLevel } =
  process.env.KAFKAJS === "tributary"
    ? await import("../lib/kafka/kafkajs.ts")
    : await import("kafkajs");

const [command, bootstrap, input, output, countText] = process.argv.slice(2);
const count = Number(countText);
const kafka = new Kafka({
  clientId: "bench-kafkajs-probe",
  brokers: [bootstrap],
  logLevel: logLevel.NOTHING,
});
const micros = (usage, n) => Number(((usage.user + usage.system) / n).toFixed(2));

/** Consumes `input` from the beginning until `count` records were handed to `eachBatch`. */
async function consumeAll(eachBatch) {
  const consumer = kafka.consumer({ groupId: `bench-probe-${randomUUID().slice(0, 8)}` });
  await consumer.connect();
  await consumer.subscribe({ topic: input, fromBeginning: true });
  let seen = 0;
  await new Promise((resolve, reject) => {
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          await eachBatch(batch);
          seen += batch.messages.length;
          if (seen >= count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
}

async function copy() {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const cpu = process.cpuUsage();
  await consumeAll((batch) =>
    producer.send({
      topic: output,
      messages: batch.messages.map((m) => ({ key: m.key, value: m.value })),
    }),
  );
  const used = process.cpuUsage(cpu);
  await producer.disconnect();
  return { cpuMicrosPerRecord: micros(used, count) };
}

/**
 * Consuming: a group consumer whose eachBatch only counts, from its first batch on (joining the
 * group is not per-record work). Producing: prebuilt 100-byte values to one partition in requests
 * of 500 records (the runtime's per-partition request size), one at a time.
 */
async function cost() {
  let start;
  await consumeAll(async () => {
    start ??= process.cpuUsage();
  });
  const consumeMicros = micros(process.cpuUsage(start), count);

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const value = Buffer.alloc(100, "x");
  const requestRecords = 500;
  const produceStart = process.cpuUsage();
  for (let sent = 0; sent < count; sent += requestRecords) {
    await producer.send({
      topic: output,
      messages: Array.from({ length: requestRecords }, () => ({ key: null, value, partition: 0 })),
    });
  }
  const produceMicros = micros(process.cpuUsage(produceStart), count);
  await producer.disconnect();
  return { consumeMicros, produceMicros };
}

const commands = { copy, cost };
if (!commands[command]) {
  console.error(`usage: kafkajs-probe.mjs copy|cost BOOTSTRAP INPUT OUTPUT COUNT`);
  process.exit(2);
}
console.log(JSON.stringify(await commands[command]()));
