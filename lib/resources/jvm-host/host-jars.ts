/**
 * What the JVM partitioner host runs from: the Flink API jars named by pom.xml beside this file,
 * fetched from Maven Central once into .cache/jvm-host/<versions>/libs, and the host's own Java
 * source (java/) compiled with javac into .cache/jvm-host/classes-<source hash> at first need.
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ensureMavenJars, repositoryRoot } from "@/lib/devstack/maven-jars";

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
  const { dir: libs } = await ensureMavenJars({
    pomPath: pom,
    version: key,
    cacheDir: cache,
    markerJar: `flink-connector-kafka-${version("flink.connector.kafka.version")}.jar`,
    label: `the Flink API jars for the JVM partitioner host (${key})`,
    alternative: "do without JAR partitioners",
    onStatus,
  });
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

/** The Flink API jars as a javac classpath (building partitioner JARs: the example, tests). */
export async function flinkApiClasspath(): Promise<string[]> {
  const { libs } = await ensureHostJars();
  return [path.join(libs, "*")];
}
