/**
 * Which PostgreSQL and Kafka a `tributary worker` uses: DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS
 * when set, else those of the `npm start` running from the same checkout (its servers.json), and
 * the lines that say so — where each one is, never a URL with its password.
 */
import { describeDatabaseUrl, readServersFile } from "./servers-file";

export interface WorkerServers {
  databaseUrl?: string;
  bootstrapServers?: string;
  /** What the worker tells its user about where it connects. */
  lines: string[];
}

export function workerServers(env: NodeJS.ProcessEnv, dataDir: string): WorkerServers {
  const given = (name: string) => env[name]?.trim() || undefined;
  let databaseUrl = given("DATABASE_URL");
  let bootstrapServers = given("KAFKA_BOOTSTRAP_SERVERS");
  const lines: string[] = [];
  const from = { db: "DATABASE_URL", kafka: "KAFKA_BOOTSTRAP_SERVERS" };
  if (!databaseUrl || !bootstrapServers) {
    const found = readServersFile(dataDir);
    if (found && "problem" in found) lines.push(found.problem);
    if (found && "content" in found) {
      const start = `the embedded servers of the Tributary start running from this checkout (pid ${found.content.pid})`;
      if (!databaseUrl && found.content.databaseUrl) {
        databaseUrl = found.content.databaseUrl;
        from.db = start;
      }
      if (!bootstrapServers && found.content.bootstrapServers) {
        bootstrapServers = found.content.bootstrapServers;
        from.kafka = start;
      }
    }
  }
  if (databaseUrl) lines.push(`PostgreSQL: ${describeDatabaseUrl(databaseUrl)} (${from.db})`);
  if (bootstrapServers) lines.push(`Kafka: ${bootstrapServers} (${from.kafka})`);
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(bootstrapServers ? { bootstrapServers } : {}),
    lines,
  };
}
