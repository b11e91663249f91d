import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** What the production build of the console depends on; a change to any of these needs a rebuild. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const IGNORED = new Set(["node_modules", ".next", ".data", ".cache"]);

/** A fingerprint of the build inputs' paths, sizes and modification times (cheap: no file reads). */
export async function buildFingerprint(root: string): Promise<string> {
  const hash = createHash("sha256");
  const visit = async (rel: string): Promise<void> => {
    const abs = path.join(root, rel);
    const stat = await fs.stat(abs).catch(() => null);
    if (!stat) return;
    if (stat.isDirectory()) {
      const names = (await fs.readdir(abs)).filter((n) => !IGNORED.has(n)).sort();
      for (const name of names) await visit(path.join(rel, name));
    } else if (!rel.endsWith(".test.ts")) {
      hash.update(`${rel}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const input of BUILD_INPUTS) await visit(input);
  return hash.digest("hex");
}

export function stampFile(root: string): string {
  return path.join(root, ".next", "tributary-build-stamp");
}

export async function isBuildCurrent(root: string): Promise<boolean> {
  const [stamp, fingerprint] = await Promise.all([
    fs.readFile(stampFile(root), "utf8").catch(() => ""),
    buildFingerprint(root),
  ]);
  return stamp === fingerprint;
}

/**
 * Stamps a finished build with the fingerprint taken before it started (`buildFingerprint`), so
 * that a file edited while `next build` ran still counts as a change and the next run rebuilds.
 */
export async function recordBuild(root: string, fingerprintBefore: string): Promise<void> {
  await fs.writeFile(stampFile(root), fingerprintBefore);
}
