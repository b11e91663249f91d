import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { startLocalBroker } from "@/lib/kafka/local-broker";
import { startEmbeddedPostgres } from "./embedded-postgres";

export interface Infrastructure {
  databaseUrl: string;
  bootstrapServers: string;
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
    return { databaseUrl, bootstrapServers, description, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
