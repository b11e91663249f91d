/**
 * `npm run db:migration -- <name>`: writes the SQL that takes the database from the schema of
 * the last migration (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma, as a new
 * prisma/migrations/<timestamp>_<name>/migration.sql, and updates the snapshot.
 *
 * Prisma 7's migrate commands need a schema-engine binary that cannot be downloaded here;
 * Prisma 6.19's `migrate diff` with its JavaScript engine works offline, but needs a database to
 * talk to, so a throwaway embedded PostgreSQL is started for it. The SQL is then applied by
 * lib/db/migrate.ts like every other migration.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/devstack/embedded-postgres";
import { findFreePort as freePort } from "@/lib/net/ports";

const PRISMA6 = "6.19.3";
const root = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(root, "prisma", "migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");

/** Prisma 6 wants the classic generator and a datasource url; the diff ignores both. */
function forPrisma6(schema: string, url: string): string {
  return schema
    .replace(/generator client \{[^}]*\}/, 'generator client {\n  provider = "prisma-client-js"\n}')
    .replace(
      /datasource db \{[^}]*\}/,
      `datasource db {\n  provider = "postgresql"\n  url = "${url}"\n}`,
    );
}

async function main(): Promise<number> {
  const name = process.argv.slice(2).find((a) => a !== "--");
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
    return 2;
  }
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "tributary-migration-"));
  await fs.chmod(work, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(work, "pg"),
    port: await freePort(),
  });
  try {
    await fs.writeFile(path.join(work, "package.json"), '{"private":true}');
    const install = spawnSync(
      "npm",
      ["install", "--no-audit", "--no-fund", `prisma@${PRISMA6}`, `@prisma/adapter-pg@${PRISMA6}`],
      { cwd: work, stdio: "inherit" },
    );
    if (install.status !== 0) throw new Error(`installing prisma@${PRISMA6} failed`);
    await fs.writeFile(
      path.join(work, "prisma.config.ts"),
      `import { PrismaPg } from "@prisma/adapter-pg";
export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "to.prisma",
  adapter: async () => new PrismaPg({ connectionString: ${JSON.stringify(postgres.databaseUrl)} }),
};
`,
    );
    const [from, to] = await Promise.all([
      fs.readFile(snapshot, "utf8"),
      fs.readFile(path.join(root, "prisma", "schema.prisma"), "utf8"),
    ]);
    await fs.writeFile(path.join(work, "from.prisma"), forPrisma6(from, postgres.databaseUrl));
    await fs.writeFile(path.join(work, "to.prisma"), forPrisma6(to, postgres.databaseUrl));
    const diff = spawnSync(
      path.join(work, "node_modules", ".bin", "prisma"),
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        "from.prisma",
        "--to-schema-datamodel",
        "to.prisma",
        "--script",
      ],
      {
        cwd: work,
        encoding: "utf8",
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
        },
      },
    );
    if (diff.status !== 0) throw new Error(`prisma migrate diff failed:\n${diff.stderr}`);
    const sql = diff.stdout.trim();
    if (sql === "" || sql === "-- This is an empty migration.") {
      console.log("prisma/schema.prisma matches the last migration; nothing to write.");
      return 0;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "migration.sql"), sql + "\n");
    await fs.writeFile(snapshot, to);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
    return 0;
  } finally {
    await postgres.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
