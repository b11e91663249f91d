import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { migrate, readMigrations } from "./migrate";

// Each test gets a database of its own on the test server.
async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: testInfrastructure().databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testInfrastructure().databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("migrate", () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase("migrate_test");
  });

  it("applies every checked-in migration once, even when processes start together", async () => {
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const all = (await readMigrations()).map((m) => m.name);
    expect(results.flat().sort()).toEqual(all);
    expect(await migrate(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Job"`);
    await client.end();
    expect(rows[0].n).toBe(0);
  });

  it("refuses a migration that changed after it was applied", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
    await fs.mkdir(path.join(dir, "001_a"));
    await fs.writeFile(
      path.join(dir, "001_a", "migration.sql"),
      "CREATE TABLE changed_a (id int);",
    );
    await migrate(url, { dir });
    await fs.writeFile(
      path.join(dir, "001_a", "migration.sql"),
      "CREATE TABLE changed_a (id bigint);",
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/001_a was changed after it was applied/);
  });

  it("rolls back a failing migration and names it", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
    await fs.mkdir(path.join(dir, "001_bad"));
    await fs.writeFile(
      path.join(dir, "001_bad", "migration.sql"),
      "CREATE TABLE half_done (id int); SELECT no_such_function();",
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/Migration 001_bad failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`,
    );
    await client.end();
    expect(rowCount).toBe(0);
  });

  afterAll(async () => undefined);
});
