/**
 * `<data dir>/servers.json`: what a running `npm start` tells commands run from the same checkout
 * — its database, its local Kafka broker and its address — so that `tributary worker`, `users` and
 * `tokens` need no DATABASE_URL or KAFKA_BOOTSTRAP_SERVERS. Written once the servers are up,
 * removed at stop; mode 0600, since the database URL carries the database password — which is why
 * what is told to users is only where, never the URL itself.
 */
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

export interface ServersFile {
  /** The `npm start` process that serves them. */
  pid: number;
  /** The console's own address. */
  url?: string;
  /** The database the start uses (the embedded PostgreSQL's, or the DATABASE_URL it was given). */
  databaseUrl?: string;
  /** Only for the local broker. */
  bootstrapServers?: string;
}

export const serversFilePath = (dataDir: string) => path.join(dataDir, "servers.json");

export async function writeServersFile(dataDir: string, content: ServersFile): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  const file = serversFilePath(dataDir);
  await fs.writeFile(file, JSON.stringify(content, null, 2) + "\n", { mode: 0o600 });
  await fs.chmod(file, 0o600);
}

export async function removeServersFile(dataDir: string, pid = process.pid): Promise<void> {
  // Only our own: another start may have replaced it.
  const found = readServersFile(dataDir);
  if (found && "content" in found && found.content.pid === pid)
    await fs.rm(serversFilePath(dataDir), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running start's servers; `problem` when a file is there but of no use; undefined when none. */
export function readServersFile(
  dataDir: string,
): { content: ServersFile } | { problem: string } | undefined {
  const file = serversFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  let content: ServersFile;
  try {
    content = JSON.parse(readFileSync(file, "utf8")) as ServersFile;
  } catch {
    return { problem: `${file} cannot be read as JSON; remove it and start Tributary again.` };
  }
  if (!Number.isInteger(content.pid) || !alive(content.pid)) {
    return {
      problem: `${file} was written by a Tributary start (pid ${content.pid}) that is no longer running.`,
    };
  }
  return { content };
}

/** host:port/database of a PostgreSQL URL — what may be said about it (no user, no password). */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(an unparsable URL)";
  }
}
