/**
 * What the JVM partitioner host runs from: the Flink API jars named by pom.xml beside this file,
 * fetched from Maven Central once into .cache/jvm-host/<versions>/libs, and the host's own Java
 * source (java/) compiled with javac into .cache/jvm-host/classes-<source hash> at first need.
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { repositoryRoot, runMaven } from "@/lib/kafka/local-broker/jars";

const HERE = path.join("lib", "resources", "jvm-host");
const MAIN_SOURCE = path.join("java", "dev", "tributary", "host", "PartitionerHost.java");

export interface HostJars {
  /** Directory of the Flink API jars and their dependencies (a javac/java classpath: `dir/*`). */
  libs: string;
  /** Compiled host classes. */
  classes: string;
  /** The java -cp value. */
  classpath: string;
}

let ensuring: Promise<HostJars> | undefined;

/** Fetches and compiles once per process (and once per machine, thanks to the cache). */
export function ensureHostJars(onStatus: (m: string) => void = console.log): Promise<HostJars> {
  ensuring ??= prepare(onStatus).catch((e: unknown) => {
    ensuring = undefined;
    throw e;
  });
  return ensuring;
}

async function prepare(onStatus: (m: string) => void): Promise<HostJars> {
  const root = repositoryRoot();
  const pom = path.join(root, HERE, "pom.xml");
  const pomText = readFileSync(pom, "utf8");
  const version = (tag: string) =>
    new RegExp(`<${tag}>\\s*([^<\\s]+)\\s*</${tag}>`).exec(pomText)?.[1];
  const key = `flink-${version("flink.version")}-kafka-${version("flink.connector.kafka.version")}`;
  const cache = path.join(root, ".cache", "jvm-host");
  const libs = path.join(cache, key, "libs");
  if (!(await hasJar(libs, "flink-connector-kafka-"))) {
    onStatus(
      `Fetching the Flink API jars for the JVM partitioner host (${key}) from Maven Central into ${libs} — once.`,
    );
    const staging = `${libs}.staging-${process.pid}-${Date.now()}`;
    await mkdir(path.dirname(libs), { recursive: true });
    try {
      await runMaven(
        pom,
        staging,
        "the JVM partitioner host's Flink jars",
        "to run JAR partitioners",
      );
      await rename(staging, libs).catch(async (e: unknown) => {
        if (!(await hasJar(libs, "flink-connector-kafka-"))) throw e;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  const sourceFile = path.join(root, HERE, MAIN_SOURCE);
  const hash = createHash("sha256")
    .update(readFileSync(sourceFile))
    .update(key)
    .digest("hex")
    .slice(0, 16);
  const classes = path.join(cache, `classes-${hash}`);
  if (!existsSync(path.join(classes, "dev", "tributary", "host", "PartitionerHost.class"))) {
    const staging = `${classes}.staging-${process.pid}-${Date.now()}`;
    try {
      await promisify(execFile)("javac", [
        "--release",
        "17",
        "-nowarn",
        "-d",
        staging,
        "-cp",
        path.join(libs, "*"),
        sourceFile,
      ]);
      await rename(staging, classes).catch((e: unknown) => {
        if (!existsSync(classes)) throw e;
      });
    } catch (e) {
      throw new Error(
        `Could not compile the JVM partitioner host (javac, Java 17 is needed): ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return { libs, classes, classpath: [classes, path.join(libs, "*")].join(path.delimiter) };
}

async function hasJar(dir: string, prefix: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((f) => f.startsWith(prefix) && f.endsWith(".jar"));
  } catch {
    return false;
  }
}

/** The Flink API jars as a javac classpath (building partitioner JARs: the example, tests). */
export async function flinkApiClasspath(): Promise<string[]> {
  const { libs } = await ensureHostJars();
  return [path.join(libs, "*")];
}
