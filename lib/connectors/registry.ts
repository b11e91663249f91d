/** The connectors Tributary knows, by Flink's identifier (`'connector' = 'kafka'`, ...). */
import { blackholeConnector } from "./blackhole";
import { datagenConnector } from "./datagen";
import type { ConnectorFactory } from "./factory";
import { kafkaConnector } from "./kafka";
import { printConnector } from "./print";
import { upsertKafkaConnector } from "./upsert-kafka";

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
