/**
 * Kafka clients for running jobs, built from a table's `properties.*` (secrets already resolved)
 * through toKafkaJsConfig, so the Java client's settings and defaults apply. Configuration errors
 * name the key and never carry a value, since some values are passwords.
 */
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { Kafka, logLevel } from "./kafkajs";
import type { ConnectionOptions } from "node:tls";
import { toKafkaJsConfig, type KafkaJsConfig } from "./client-config";
import { registerCompressionCodecs } from "./compression";
import { withStoreMaterial } from "./tls-stores";

export type ClientLogger = (level: "DEBUG" | "INFO" | "WARN" | "ERROR", message: string) => void;

export class KafkaClientConfigError extends Error {
  constructor(readonly issues: Array<{ key: string; message: string }>) {
    super(issues.map((i) => i.message).join(" "));
    this.name = "KafkaClientConfigError";
  }
}

export interface ClusterClient {
  kafka: Kafka;
  config: KafkaJsConfig;
  brokers: string[];
}

export function createClusterClient(
  properties: Readonly<Record<string, string>>,
  role: "producer" | "consumer" | "both",
  options: { clientId?: string; log?: ClientLogger } = {},
): ClusterClient {
  const config = toKafkaJsConfig(properties, role);
  if (config.errors.length > 0) {
    throw new KafkaClientConfigError(
      config.errors.map((e) => ({ key: e.key, message: e.message })),
    );
  }
  const { client } = config;
  if (client.brokers.length === 0) {
    throw new KafkaClientConfigError([
      {
        key: "bootstrap.servers",
        message: "'properties.bootstrap.servers' names no broker; give host:port[,host:port].",
      },
    ]);
  }
  // kafkajs has only gzip built in. The codec table is filled before this call returns; a failure
  // to load zstd's wasm is reported, with its cause, by the first zstd batch.
  registerCompressionCodecs().catch(() => undefined);
  const log = options.log;
  const kafkaConfig: KafkaConfig = {
    clientId: client.clientId ?? options.clientId ?? "tributary",
    brokers: client.brokers,
    requestTimeout: client.requestTimeout,
    connectionTimeout: Math.min(client.connectionTimeout, 10_000),
    retry: {
      initialRetryTime: client.retry.initialRetryTime,
      maxRetryTime: client.retry.maxRetryTime,
      retries: 5,
    },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      if (!log) return;
      const { message, error } = entry.log as { message: string; error?: string };
      const text = `${message}${error ? ` (${error})` : ""}`;
      const level = clientLogLevel(text, entry.level <= logLevel.ERROR ? "ERROR" : "WARN");
      if (level) log(level, `kafka client: ${text}`);
    },
  };
  if (client.ssl) kafkaConfig.ssl = tlsOptions(client.ssl);
  if (client.sasl) {
    kafkaConfig.sasl = {
      mechanism: client.sasl.mechanism,
      username: client.sasl.username,
      password: client.sasl.password,
    } as SASLOptions;
  }
  return { kafka: new Kafka(kafkaConfig), config, brokers: client.brokers };
}

function tlsOptions(settings: NonNullable<KafkaJsConfig["client"]["ssl"]>): ConnectionOptions {
  const ssl = withStoreMaterial(settings);
  const tls: ConnectionOptions = {};
  if (ssl.ca !== undefined) tls.ca = [ssl.ca];
  if (ssl.cert !== undefined) tls.cert = ssl.cert;
  if (ssl.key !== undefined) tls.key = ssl.key;
  if (ssl.passphrase !== undefined) tls.passphrase = ssl.passphrase;
  // ssl.endpoint.identification.algorithm = '' turns host name checks off, as in the Java client.
  if (!ssl.verifyHostname) tls.checkServerIdentity = () => undefined;
  return tls;
}

/**
 * kafkajs lines that would alarm a user for nothing: notes about its own defaults that do not
 * apply (Tributary picks partitions itself and retries within delivery.timeout.ms), and responses
 * with retriable errors it logs at ERROR before retrying them (a coordinator still loading after a
 * broker start, a leader moving), or that the source reader handles and reports itself (an offset
 * out of range). Real failures still surface as the errors the job fails with.
 */
const CLIENT_NOISE = [
  /^KafkaJS v2\.0\.0 switched default partitioner/,
  /^Limiting retries for the idempotent producer/,
  /^Response \w+\(key: \d+, version: \d+\) \((The coordinator is loading|The group coordinator is not available|This is not the correct coordinator|There is no leader for this topic-partition|This server is not the leader|The coordinator is not available|The requested offset is not within the range of offsets maintained by the server)/,
];

/**
 * CONCURRENT_TRANSACTIONS: the coordinator still writes the markers of the transaction that just
 * committed when the next one adds its partitions, or a fencing producer waits for a commit to
 * complete. kafkajs retries it (and logs each retry at ERROR); it is routine under exactly-once, so
 * it stays at DEBUG — when the retries give up, the error fails the job and is logged as that.
 */
const RETRIED_QUIETLY = /another concurrent operation on the same transaction was ongoing/;

/** The job-log level of a kafkajs line (undefined: not logged). */
export function clientLogLevel(
  text: string,
  level: "ERROR" | "WARN",
): "DEBUG" | "INFO" | "WARN" | "ERROR" | undefined {
  if (isClientNoise(text)) return undefined;
  if (RETRIED_QUIETLY.test(text)) return "DEBUG";
  if (isGroupRebalance(text)) return "INFO";
  return level;
}

export function isClientNoise(text: string): boolean {
  return CLIENT_NOISE.some((re) => re.test(text));
}

/**
 * A source's consumer group rebalancing: routine whenever parallel instances start, stop or move
 * to another worker, and retried by kafkajs, which logs it at ERROR. Kept in the job's log, as INFO.
 */
const GROUP_REBALANCE =
  /(The group is rebalancing|The coordinator is not aware of this member|Specified group generation id is not valid)/;

export function isGroupRebalance(text: string): boolean {
  return GROUP_REBALANCE.test(text);
}
