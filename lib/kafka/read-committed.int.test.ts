/**
 * read_committed on the real broker when two producers' transactions overlap and the one that
 * began later is aborted first — what two exactly-once sink instances cancelled together leave in
 * a topic. The broker lists such a fetch's aborted transactions in the order they ended; kafkajs
 * as published then let the other producer's aborted records through (seen as duplicates after an
 * exactly-once restart). Tributary's consumers drop them all, as the Java consumer does.
 */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import { createTopic, readAll, uniqueName } from "./testing/test-kafka";

const broker = brokerForTests();

async function transactionalProducer(id: string) {
  const producer = broker.kafka.producer({
    transactionalId: id,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}

describe("read_committed with overlapping aborted transactions", () => {
  it(
    "reads none of the aborted records and all the committed ones",
    { timeout: 60_000 },
    async () => {
      const topic = await createTopic(broker.kafka, uniqueName("overlap"), 1);
      const first = await transactionalProducer(uniqueName("tx-first"));
      const second = await transactionalProducer(uniqueName("tx-second"));
      const send = (txn: Awaited<ReturnType<typeof first.transaction>>, values: string[]) =>
        txn.send({ topic, messages: values.map((value) => ({ value, partition: 0 })) });
      try {
        const a = await first.transaction();
        await send(a, ["a1", "a2"]);
        const b = await second.transaction();
        await send(b, ["b1"]);
        await send(a, ["a3"]);
        await send(b, ["b2"]);
        await b.abort(); // ended first, began second
        await send(a, ["a4"]);
        await a.abort();
        const c = await first.transaction();
        await send(c, ["c1", "c2"]);
        await c.commit();
      } finally {
        await first.disconnect();
        await second.disconnect();
      }
      const committed = await readAll(broker.kafka, topic, { readCommitted: true });
      expect(committed.map((r) => r.value?.toString())).toEqual(["c1", "c2"]);
      const everything = await readAll(broker.kafka, topic);
      expect(everything.map((r) => r.value?.toString())).toEqual([
        "a1",
        "a2",
        "b1",
        "a3",
        "b2",
        "a4",
        "c1",
        "c2",
      ]);
    },
  );
});
