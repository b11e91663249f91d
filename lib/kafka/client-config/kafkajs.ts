/**
 * toKafkaJsConfig: the Java client settings of a table's `properties.*`, translated into the
 * pieces a kafkajs client is built from — pure data, no kafkajs import (the runtime constructs the
 * client). Java defaults are filled in where kafkajs's own defaults differ, so that the client
 * behaves as Flink's would (e.g. isolation.level read_uncommitted, fetch.min.bytes 1,
 * fetch.max.wait.ms 500 ms, acks=all, idempotence on). Browser-safe.
 */
import { CLIENT_CONFIG_KEYS, type ClientRole, clientConfigKey, definedFor } from "./catalog";
import { idempotenceEnabled, type CheckRole, type ClientPropertyIssue } from "./check";
import { analyzeSecurity, type SaslSettings, type SslSettings } from "./security";
import { parseClientValue, validatorFailure, type ParsedValue } from "./values";

export type Compression = "none" | "gzip" | "snappy" | "lz4" | "zstd";

export interface KafkaJsClientPieces {
  brokers: string[];
  clientId?: string;
  ssl?: SslSettings;
  sasl?: SaslSettings;
  requestTimeout: number;
  connectionTimeout: number;
  retry: { initialRetryTime: number; maxRetryTime: number };
}

export interface KafkaJsProducerPieces {
  idempotent: boolean;
  maxInFlightRequests: number;
  transactionTimeout: number;
  transactionalId?: string;
  metadataMaxAge: number;
  /** retries → retry.retries; delivery.timeout.ms bounds the whole retry time. */
  retry: { retries: number; maxRetryTime: number };
  /** Kafka's built-in partitioner settings (KIP-794), which the runtime's partitioner honours. */
  partitioner: { ignoreKeys: boolean; adaptive: boolean; availabilityTimeoutMs: number };
}

export interface KafkaJsSendPieces {
  acks: -1 | 0 | 1;
  compression: Compression;
  /** The produce request's broker-side timeout (request.timeout.ms). */
  timeout: number;
}

export interface KafkaJsConsumerPieces {
  groupId?: string;
  sessionTimeout: number;
  heartbeatInterval: number;
  rebalanceTimeout: number;
  maxBytes: number;
  maxBytesPerPartition: number;
  minBytes: number;
  maxWaitTimeInMs: number;
  readUncommitted: boolean;
  rackId?: string;
  allowAutoTopicCreation: boolean;
  metadataMaxAge: number;
  autoOffsetReset: "latest" | "earliest" | "none";
  autoCommit: boolean;
  autoCommitInterval: number;
}

export interface KafkaJsBatchingPieces {
  lingerMs: number;
  batchSize: number;
  maxRequestSize: number;
  bufferMemory: number;
}

export interface KafkaJsConfig {
  client: KafkaJsClientPieces;
  producer?: KafkaJsProducerPieces;
  send?: KafkaJsSendPieces;
  consumer?: KafkaJsConsumerPieces;
  batching?: KafkaJsBatchingPieces;
  /** Keys that were set but have no effect, each with the reason. */
  ignored: Array<{ key: string; reason: string }>;
  /** Values the Java client would reject and unsupported security setups (the pieces use defaults there). */
  errors: ClientPropertyIssue[];
}

export function toKafkaJsConfig(
  properties: Readonly<Record<string, string>>,
  role: CheckRole,
): KafkaJsConfig {
  const roles: ClientRole[] = role === "both" ? ["producer", "consumer"] : [role];
  const values = new Map<string, ParsedValue>();
  const ignored: Array<{ key: string; reason: string }> = [];
  const errors: ClientPropertyIssue[] = [];

  for (const [key, raw] of Object.entries(properties)) {
    const entry = clientConfigKey(key);
    if (!entry) {
      ignored.push({ key, reason: "not a kafka-clients 3.4 configuration" });
      continue;
    }
    if (!roles.some((r) => definedFor(entry, r))) {
      ignored.push({ key, reason: `not a ${roles.join("/")} configuration` });
      continue;
    }
    const parsed = parseClientValue(entry.type, raw);
    const failure = parsed.ok ? validatorFailure(entry, parsed.value) : parsed.reason;
    if (!parsed.ok || failure) {
      errors.push({
        key,
        severity: "error",
        message: `Invalid value for configuration ${key}: ${failure}`,
      });
      continue;
    }
    if (entry.application.kind === "ignored") {
      ignored.push({ key, reason: entry.application.reason });
      continue;
    }
    values.set(key, parsed.value);
  }

  const num = (key: string, role: ClientRole): number => {
    const v = values.get(key);
    if (typeof v === "number") return v;
    const entry = CLIENT_CONFIG_KEYS.find((e) => e.key === key)!;
    return Number(entry.defaults[role]);
  };
  const bool = (key: string, role: ClientRole): boolean => {
    const v = values.get(key);
    if (typeof v === "boolean") return v;
    const entry = CLIENT_CONFIG_KEYS.find((e) => e.key === key)!;
    return entry.defaults[role] === "true";
  };
  const str = (key: string): string | undefined => {
    const v = values.get(key);
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const main = roles[0];

  const security = analyzeSecurity(properties);
  errors.push(...security.issues.filter((i) => i.severity === "error"));

  const client: KafkaJsClientPieces = {
    brokers: (values.get("bootstrap.servers") as string[] | undefined) ?? [],
    requestTimeout: num("request.timeout.ms", main),
    connectionTimeout: num("socket.connection.setup.timeout.ms", main),
    retry: {
      initialRetryTime: num("retry.backoff.ms", main),
      maxRetryTime: num("reconnect.backoff.max.ms", main),
    },
  };
  const clientId = str("client.id");
  if (clientId !== undefined) client.clientId = clientId;
  if (security.ssl) client.ssl = security.ssl;
  if (security.sasl) client.sasl = security.sasl;

  const config: KafkaJsConfig = { client, ignored, errors };

  if (roles.includes("producer")) {
    const transactionalId = str("transactional.id");
    config.producer = {
      idempotent: idempotenceEnabled(values),
      maxInFlightRequests: num("max.in.flight.requests.per.connection", "producer"),
      transactionTimeout: num("transaction.timeout.ms", "producer"),
      metadataMaxAge: num("metadata.max.age.ms", "producer"),
      retry: {
        retries: num("retries", "producer"),
        maxRetryTime: num("delivery.timeout.ms", "producer"),
      },
      partitioner: {
        ignoreKeys: bool("partitioner.ignore.keys", "producer"),
        adaptive: bool("partitioner.adaptive.partitioning.enable", "producer"),
        availabilityTimeoutMs: num("partitioner.availability.timeout.ms", "producer"),
      },
    };
    if (transactionalId !== undefined) config.producer.transactionalId = transactionalId;
    const acks = String(values.get("acks") ?? "all");
    config.send = {
      acks: acks === "all" || acks === "-1" ? -1 : acks === "0" ? 0 : 1,
      compression: (values.get("compression.type") as Compression | undefined) ?? "none",
      timeout: num("request.timeout.ms", "producer"),
    };
    config.batching = {
      lingerMs: num("linger.ms", "producer"),
      batchSize: num("batch.size", "producer"),
      maxRequestSize: num("max.request.size", "producer"),
      bufferMemory: num("buffer.memory", "producer"),
    };
  }

  if (roles.includes("consumer")) {
    config.consumer = {
      sessionTimeout: num("session.timeout.ms", "consumer"),
      heartbeatInterval: num("heartbeat.interval.ms", "consumer"),
      rebalanceTimeout: num("max.poll.interval.ms", "consumer"),
      maxBytes: num("fetch.max.bytes", "consumer"),
      maxBytesPerPartition: num("max.partition.fetch.bytes", "consumer"),
      minBytes: num("fetch.min.bytes", "consumer"),
      maxWaitTimeInMs: num("fetch.max.wait.ms", "consumer"),
      readUncommitted: (values.get("isolation.level") ?? "read_uncommitted") === "read_uncommitted",
      allowAutoTopicCreation: bool("allow.auto.create.topics", "consumer"),
      metadataMaxAge: num("metadata.max.age.ms", "consumer"),
      autoOffsetReset:
        (values.get("auto.offset.reset") as KafkaJsConsumerPieces["autoOffsetReset"] | undefined) ??
        "latest",
      autoCommit: bool("enable.auto.commit", "consumer"),
      autoCommitInterval: num("auto.commit.interval.ms", "consumer"),
    };
    const groupId = str("group.id");
    if (groupId !== undefined) config.consumer.groupId = groupId;
    const rack = str("client.rack");
    if (rack !== undefined) config.consumer.rackId = rack;
  }
  return config;
}
