/**
 * kafkajs is unmaintained, so the rest of Tributary never imports it: Kafka clients are made here
 * (and in the other lib/kafka modules), with kafkajs's logging routed to ours.
 */
import type { KafkaConfig } from "kafkajs";
import { Kafka, logLevel } from "./kafkajs";
import { logger } from "@/lib/logging/logger";

export type { Kafka };

export function parseBootstrapServers(servers: string): string[] {
  return servers
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function createKafka(bootstrapServers: string, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: "tributary",
    brokers: parseBootstrapServers(bootstrapServers),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...fields } = log;
        const write = level <= logLevel.ERROR ? logger.error : logger.warn;
        write(`kafka: ${message}`, fields);
      },
    ...overrides,
  });
}

export interface ClusterDescription {
  clusterId: string;
  controllerId: number | null;
  /** Each broker's advertised endpoint, as the cluster metadata lists it. */
  brokers: Array<{ nodeId: number; host: string; port: number }>;
}

export async function describeCluster(kafka: Kafka): Promise<ClusterDescription> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return {
      clusterId: cluster.clusterId,
      controllerId: cluster.controller,
      brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
    };
  } finally {
    await admin.disconnect();
  }
}
