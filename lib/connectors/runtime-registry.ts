/**
 * The embedded engine's runtimes, one per connector folder (server only: they build Kafka clients).
 * lib/runtime/connector-runtimes.test.ts checks that every descriptor's roles have a builder here.
 */
import { blackholeRuntime } from "./blackhole/runtime";
import { datagenRuntime } from "./datagen/runtime";
import { kafkaRuntime } from "./kafka/runtime";
import { printRuntime } from "./print/runtime";
import type { ConnectorRuntime } from "./runtime";
import type { ResolvedTable } from "./resolved";
import { upsertKafkaRuntime } from "./upsert-kafka/runtime";

const RUNTIMES = new Map(
  [kafkaRuntime, upsertKafkaRuntime, datagenRuntime, printRuntime, blackholeRuntime].map((r) => [
    r.identifier,
    r.runtime,
  ]),
);

export function getConnectorRuntime(
  identifier: string,
): ConnectorRuntime<ResolvedTable> | undefined {
  return RUNTIMES.get(identifier);
}
