/**
 * The environment Tributary reads, in one place. `tributary start` fills DATABASE_URL and
 * KAFKA_BOOTSTRAP_SERVERS for the processes it launches when it starts the embedded defaults.
 */
import path from "node:path";

/** The checkout Tributary runs from; bin/tributary.mjs sets it, the processes it starts inherit it. */
export function projectRoot(): string {
  return process.env.TRIBUTARY_ROOT ?? process.cwd();
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function intEnv(name: string, fallback: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a port number (1-65535), but is '${raw}'.`);
  }
  return value;
}

export function databaseUrl(): string {
  const url = env("DATABASE_URL");
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Tributary with `npm start` (which runs an embedded " +
        "PostgreSQL) or set DATABASE_URL=postgresql://user:password@host:5432/db.",
    );
  }
  return url;
}

export function kafkaBootstrapServers(): string {
  const servers = env("KAFKA_BOOTSTRAP_SERVERS");
  if (!servers) {
    throw new Error(
      "KAFKA_BOOTSTRAP_SERVERS is not set. Start Tributary with `npm start` (which runs a local " +
        "Kafka broker) or set KAFKA_BOOTSTRAP_SERVERS=host:9092[,host:9092].",
    );
  }
  return servers;
}

export const config = {
  /** Set by the user to use an existing PostgreSQL instead of the embedded one. */
  externalDatabaseUrl: () => env("DATABASE_URL"),
  /** Set by the user to use an existing Kafka cluster instead of the local broker. */
  externalKafka: () => env("KAFKA_BOOTSTRAP_SERVERS"),
  port: () => intEnv("PORT", 3000),
  dataDir: () => path.resolve(projectRoot(), env("TRIBUTARY_DATA_DIR") ?? ".data"),
  postgresPort: () => intEnv("TRIBUTARY_POSTGRES_PORT", 54329),
  kafkaPort: () => intEnv("TRIBUTARY_KAFKA_PORT", 19092),
  kafkaControllerPort: () => intEnv("TRIBUTARY_KAFKA_CONTROLLER_PORT", 19093),
  /** An existing Flink cluster's SQL Gateway and JobManager REST API, instead of the local cluster. */
  flinkSqlGatewayUrl: () => env("FLINK_SQL_GATEWAY_URL")?.replace(/\/+$/, ""),
  flinkRestUrl: () => env("FLINK_REST_URL")?.replace(/\/+$/, ""),
  /** "local": `npm start` starts the local Flink cluster at start, not at the first Flink job. */
  flinkAtStart: () => env("TRIBUTARY_FLINK") === "local",
  flinkRestPort: () => intEnv("TRIBUTARY_FLINK_REST_PORT", 18081),
  flinkGatewayPort: () => intEnv("TRIBUTARY_FLINK_GATEWAY_PORT", 18083),
} as const;
