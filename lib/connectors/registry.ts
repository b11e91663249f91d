/** The connectors Tributary knows, by Flink's identifier (`'connector' = 'kafka'`, ...). */
import { blackholeConnector } from "./blackhole/blackhole";
import { datagenConnector } from "./datagen/datagen";
import type { ConnectorFactory } from "./factory";
import { kafkaConnector } from "./kafka/kafka";
import { printConnector } from "./print/print";
import { upsertKafkaConnector } from "./upsert-kafka/upsert-kafka";

const CONNECTORS: readonly ConnectorFactory[] = [
  kafkaConnector,
  upsertKafkaConnector,
  datagenConnector,
  printConnector,
  blackholeConnector,
];

const BY_IDENTIFIER = new Map(CONNECTORS.map((c) => [c.identifier, c]));

export function getConnectorFactory(identifier: string): ConnectorFactory | undefined {
  return BY_IDENTIFIER.get(identifier);
}

export function connectorIdentifiers(): string[] {
  return CONNECTORS.map((c) => c.identifier).sort();
}
