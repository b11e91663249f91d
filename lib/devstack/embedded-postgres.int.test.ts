/**
 * The embedded PostgreSQL's password: random on first start, kept beside the data directory
 * (0600) and reused; a data directory made with the former fixed password is migrated.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/net/ports";
import { embeddedPostgresPasswordFile, startEmbeddedPostgres } from "./embedded-postgres";

const root = await fs.mkdtemp(path.join(os.tmpdir(), "tributary-pg-password-"));
// Readable by the postgres system user the package runs the server as when tests run as root.
await fs.chmod(root, 0o755);
const dataDir = path.join(root, "postgres");

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function canConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "tributary",
    password,
    database: "postgres",
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("embedded PostgreSQL password", () => {
  it("is random on first start, kept in a 0600 file, reused, and replaces the old fixed one", async () => {
    const port = await findFreePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    const file = embeddedPostgresPasswordFile(dataDir);
    const password = (await fs.readFile(file, "utf8")).trim();
    try {
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect(new URL(first.databaseUrl).password).toBe(password);
      expect(await canConnect(port, "tributary")).toBe(false);
      expect(await canConnect(port, password)).toBe(true);
    } finally {
      await first.stop();
    }

    const again = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(new URL(again.databaseUrl).password).toBe(password);
      // Make it a data directory from before: the fixed password, no password file.
      const client = new pg.Client(again.databaseUrl);
      await client.connect();
      await client.query("ALTER ROLE tributary PASSWORD 'tributary'");
      await client.end();
    } finally {
      await again.stop();
    }
    await fs.rm(file);

    const migrated = await startEmbeddedPostgres({ dataDir, port });
    try {
      const now = (await fs.readFile(file, "utf8")).trim();
      expect(now).not.toBe(password);
      expect(now).toMatch(/^[0-9a-f]{48}$/);
      expect(new URL(migrated.databaseUrl).password).toBe(now);
      expect(await canConnect(port, "tributary")).toBe(false);
      expect(await canConnect(port, now)).toBe(true);
      // The data survived: the database is still there.
      const client = new pg.Client(migrated.databaseUrl);
      await client.connect();
      expect((await client.query("SELECT current_database() AS db")).rows[0].db).toBe("tributary");
      await client.end();
    } finally {
      await migrated.stop();
    }
  }, 120_000);
});
