import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * JVM pieces (the Kafka broker, the local Flink cluster) are not in git: a pom under scripts/
 * names their artifacts and Maven fetches them from Maven Central once, into a per-version cache
 * directory under .cache/ that the next start (and every test run) reuses.
 */

/** The repository root: the nearest ancestor of this module (or of the working directory) holding `marker`. */
export function repositoryRoot(marker = path.join("scripts", "kafka", "pom.xml")): string {
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, marker))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(
    `Cannot find ${marker} above ${starts.join(" or ")}: start Tributary from its repository.`,
  );
}

/** A `<name>` property of a pom, so the cache directory is keyed by what the pom would fetch. */
export function pomProperty(pomPath: string, name: string): string {
  const escaped = name.replace(/\./g, "\\.");
  const match = new RegExp(`<${escaped}>\\s*([^<\\s]+)\\s*</${escaped}>`).exec(
    readFileSync(pomPath, "utf8"),
  );
  if (!match) throw new Error(`${pomPath} does not define <${name}>.`);
  return match[1];
}

export interface MavenJars {
  version: string;
  /** Directory holding the artifacts and all their runtime dependencies. */
  dir: string;
  /** The `-cp` argument for java. */
  classpath: string;
}

export interface MavenJarsRequest {
  pomPath: string;
  version: string;
  /** Parent of the per-version cache directories. */
  cacheDir: string;
  /** A jar whose presence means the fetch completed, e.g. `kafka_2.13-4.4.0.jar`. */
  markerJar: string;
  /** What is fetched, for the one-time message, e.g. "Apache Kafka 4.4.0 (kafka_2.13 …)". */
  label: string;
  /** What to set instead of fetching, for the error when Maven is missing. */
  alternative: string;
  onStatus?: (message: string) => void;
  /**
   * Jars Maven builds (`mvn package` on their own pom, e.g. a shaded connector) into the same
   * directory, after the dependencies; the pom writes its jar to `-Dshaded.output` and builds in
   * `-Dshaded.build` (a scratch directory), so nothing lands in the repository.
   */
  builds?: Array<{ pomPath: string; jar: string; properties?: Record<string, string> }>;
}

export async function ensureMavenJars(request: MavenJarsRequest): Promise<MavenJars> {
  const dir = path.join(request.cacheDir, request.version, "libs");
  const jars = { version: request.version, dir, classpath: path.join(dir, "*") };
  if (await hasJar(dir, request.markerJar)) return jars;

  (request.onStatus ?? console.log)(
    `Fetching ${request.label} from Maven Central into ${dir} — once.`,
  );
  // Download beside the final directory and rename, so a concurrent start (npm start and npm test
  // at once) never sees a half-filled directory.
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    await runMaven(
      [
        "-f",
        request.pomPath,
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        `-DoutputDirectory=${staging}`,
      ],
      request.label,
      request.alternative,
    );
    for (const build of request.builds ?? []) {
      const scratch = `${staging}.build`;
      try {
        await runMaven(
          [
            "-f",
            build.pomPath,
            "package",
            `-Dshaded.build=${scratch}`,
            `-Dshaded.output=${path.join(staging, build.jar)}`,
            ...Object.entries(build.properties ?? {}).map(([k, v]) => `-D${k}=${v}`),
          ],
          request.label,
          request.alternative,
        );
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    }
    if (!(await hasJar(staging, request.markerJar))) {
      throw new Error(`Maven finished but ${staging} holds no ${request.markerJar}.`);
    }
    try {
      await rename(staging, dir);
    } catch (error) {
      if (!(await hasJar(dir, request.markerJar))) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return jars;
}

async function hasJar(dir: string, jar: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes(jar);
  } catch {
    return false;
  }
}

function runMaven(goals: string[], label: string, alternative: string): Promise<void> {
  const args = ["-B", "-q", ...goals];
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn("mvn", args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error(
              `Maven (mvn) is not on the PATH; it is needed once to fetch ${label}. ` +
                `Install Maven (e.g. apt-get install maven) or ${alternative}.`,
            )
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const tail = output.join("").trim().split("\n").slice(-15).join("\n");
      reject(new Error(`mvn ${args.join(" ")} failed with exit code ${code}:\n${tail}`));
    });
  });
}
