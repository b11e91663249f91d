/**
 * An integration test file's Kafka: the test broker (acquireTestBroker) for the file's tests, with
 * an admin-capable kafkajs client, taken in beforeAll and released in afterAll.
 */
import { afterAll, beforeAll } from "vitest";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import { testKafka, type Kafka } from "@/lib/kafka/testing/test-kafka";

export interface TestBroker {
  readonly bootstrapServers: string;
  readonly kafka: Kafka;
}

export function brokerForTests(): TestBroker {
  let acquired: { bootstrapServers: string; release(): Promise<void> } | undefined;
  let kafka: Kafka | undefined;
  beforeAll(async () => {
    acquired = await acquireTestBroker();
    kafka = testKafka(acquired.bootstrapServers);
  });
  afterAll(async () => acquired?.release());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error("The test broker is only available inside tests (after beforeAll).");
    return value;
  };
  return {
    get bootstrapServers() {
      return ready(acquired).bootstrapServers;
    },
    get kafka() {
      return ready(kafka);
    },
  };
}
