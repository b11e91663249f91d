import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { startLocalBroker } from "@/lib/kafka/local-broker";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { startLocalFlinkCluster } from "@/lib/flink/local-cluster";

export interface Infrastructure {
  databaseUrl: string;
  bootstrapServers: string;
  /** The local Flink cluster's URLs when it was started here (TRIBUTARY_FLINK=local). */
  flink?: { gatewayUrl: string; restUrl: string };
  /** What runs where, for the start banner. */
  description: string[];
  stop(): Promise<void>;
}

export interface InfrastructureOptions {
  dataDir: string;
  /** Use this PostgreSQL instead of starting the embedded one. */
  databaseUrl?: string;
  /** Use this Kafka cluster instead of starting the local broker. */
  bootstrapServers?: string;
  postgresPort: number;
  kafkaPort: number;
  kafkaControllerPort: number;
  /** Start the local Flink cluster now, on these ports (else the worker starts it when a Flink job needs it). */
  flink?: { restPort: number; gatewayPort: number };
  log: (line: string) => void;
}

/**
 * PostgreSQL (migrated) and Kafka, each either the one the user pointed to or the embedded default
 * with its data under dataDir. On failure, whatever was already started is stopped again.
 */
export async function startInfrastructure(opts: InfrastructureOptions): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  const description: string[] = [];
  try {
    let databaseUrl = opts.databaseUrl;
    if (databaseUrl) {
      description.push("PostgreSQL: DATABASE_URL");
    } else {
      opts.log(`starting embedded PostgreSQL on 127.0.0.1:${opts.postgresPort}`);
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(opts.dataDir, "postgres"),
        port: opts.postgresPort,
        onNote: opts.log,
      });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.databaseUrl;
      description.push(
        `PostgreSQL: embedded, 127.0.0.1:${opts.postgresPort}, data in ${postgres.databaseDir}`,
      );
    }
    const applied = await migrate(databaseUrl, { log: opts.log });
    if (applied.length > 0) opts.log(`database schema migrated (${applied.join(", ")})`);

    let bootstrapServers = opts.bootstrapServers;
    if (bootstrapServers) {
      description.push(`Kafka: KAFKA_BOOTSTRAP_SERVERS=${bootstrapServers}`);
    } else {
      opts.log(`starting local Kafka broker on 127.0.0.1:${opts.kafkaPort}`);
      const broker = await startLocalBroker({
        dataDir: path.join(opts.dataDir, "kafka"),
        port: opts.kafkaPort,
        controllerPort: opts.kafkaControllerPort,
        onStatus: opts.log,
      });
      stops.push(() => broker.stop());
      bootstrapServers = broker.bootstrapServers;
      description.push(
        `Kafka: local broker ${broker.kafkaVersion} (KRaft), ${bootstrapServers}, log ${broker.logFile}`,
      );
    }
    let flink: Infrastructure["flink"];
    if (opts.flink) {
      opts.log(
        `starting the local Flink cluster (REST :${opts.flink.restPort}, SQL Gateway :${opts.flink.gatewayPort})`,
      );
      const started = Date.now();
      const cluster = await startLocalFlinkCluster({
        dataDir: path.join(opts.dataDir, "flink"),
        restPort: opts.flink.restPort,
        gatewayPort: opts.flink.gatewayPort,
        onStatus: opts.log,
      });
      stops.push(() => cluster.stop());
      flink = { gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl };
      description.push(
        `Flink: local ${cluster.flinkVersion} cluster (ready in ${((Date.now() - started) / 1000).toFixed(1)} s), web UI ${cluster.restUrl}, SQL Gateway ${cluster.gatewayUrl}, logs ${cluster.logDir}`,
      );
    }
    return { databaseUrl, bootstrapServers, flink, description, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
