import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The broker's jars are not in git: scripts/kafka/pom.xml names them and Maven fetches them from
 * Maven Central once, into a cache directory that the next start (and every test run) reuses.
 */

const POM_RELATIVE = path.join("scripts", "kafka", "pom.xml");

/** The repository root: the nearest ancestor of this module (or of the working directory) holding the pom. */
export function repositoryRoot(): string {
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, POM_RELATIVE))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(
    `Cannot find ${POM_RELATIVE} above ${starts.join(" or ")}: start Tributary from its repository.`,
  );
}

export function kafkaPomPath(): string {
  return path.join(repositoryRoot(), POM_RELATIVE);
}

/** The Kafka version the pom pins, so the cache directory is keyed by what the pom would fetch. */
export function pinnedKafkaVersion(pomPath = kafkaPomPath()): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(
    readFileSync(pomPath, "utf8"),
  );
  if (!match) throw new Error(`${pomPath} does not define <kafka.version>.`);
  return match[1];
}

export interface KafkaJarsOptions {
  /** Parent of the per-version cache directories; default `<repo>/.cache/kafka` (git-ignored). */
  cacheDir?: string;
  /** Told once, before the one-time download starts. */
  onStatus?: (message: string) => void;
}

export interface KafkaJars {
  version: string;
  /** Directory holding kafka_2.13 and all its runtime dependencies. */
  dir: string;
  /** The `-cp` argument for java. */
  classpath: string;
}

export async function ensureKafkaJars(options: KafkaJarsOptions = {}): Promise<KafkaJars> {
  const pomPath = kafkaPomPath();
  const version = pinnedKafkaVersion(pomPath);
  const cacheDir = options.cacheDir ?? path.join(repositoryRoot(), ".cache", "kafka");
  const dir = path.join(cacheDir, version, "libs");
  const jars = { version, dir, classpath: path.join(dir, "*") };
  if (await hasKafkaJar(dir, version)) return jars;

  (options.onStatus ?? console.log)(
    `Fetching Apache Kafka ${version} (kafka_2.13 and its dependencies) from Maven Central into ${dir} — once.`,
  );
  // Download beside the final directory and rename, so a concurrent start (npm start and npm test
  // at once) never sees a half-filled directory.
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    await runMaven(pomPath, staging);
    if (!(await hasKafkaJar(staging, version))) {
      throw new Error(`Maven finished but ${staging} holds no kafka_2.13-${version}.jar.`);
    }
    try {
      await rename(staging, dir);
    } catch (error) {
      if (!(await hasKafkaJar(dir, version))) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return jars;
}

async function hasKafkaJar(dir: string, version: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes(`kafka_2.13-${version}.jar`);
  } catch {
    return false;
  }
}

/** `mvn dependency:copy-dependencies` of a pom into a directory (also the JVM partitioner host's jars). */
export function runMaven(
  pomPath: string,
  outputDirectory: string,
  neededFor = "the local Kafka broker's jars",
  alternative = "or set KAFKA_BOOTSTRAP_SERVERS to a running broker",
): Promise<void> {
  const args = [
    "-B",
    "-q",
    "-f",
    pomPath,
    "dependency:copy-dependencies",
    "-DincludeScope=runtime",
    `-DoutputDirectory=${outputDirectory}`,
  ];
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn("mvn", args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error(
              `Maven (mvn) is not on the PATH; it is needed once to fetch ${neededFor}. ` +
                `Install Maven (e.g. apt-get install maven) ${alternative}.`,
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
