/**
 * The benchmark's own Java (bench/java): the bare kafka-clients byte copy, compiled against the
 * cached kafka-clients jar of the local broker, and the Flink SQL mini-cluster runner, compiled
 * against the cached Flink jars. Compiled with javac once per source hash into .cache/bench/.
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ensureKafkaJars } from "@/lib/kafka/local-broker/jars";
import { ensureFlinkJars } from "@/lib/flink/local-cluster";
import { repositoryRoot } from "@/lib/devstack/maven-jars";

export interface BenchJava {
  /** java -cp for dev.tributary.bench.ByteCopy (kafka-clients and what it loads). */
  byteCopyClasspath: string;
  /** java -cp for dev.tributary.bench.FlinkSqlJob (the Flink jars, Kafka connector, formats). */
  flinkClasspath: string;
  kafkaClientsVersion: string;
  flinkVersion: string;
}

const SOURCES = path.join("bench", "java", "dev", "tributary", "bench");

async function compile(root: string, source: string, classpath: string, key: string) {
  const file = path.join(root, SOURCES, source);
  const hash = createHash("sha256").update(readFileSync(file)).update(key).digest("hex");
  const classes = path.join(
    root,
    ".cache",
    "bench",
    `${source.replace(".java", "")}-${hash.slice(0, 16)}`,
  );
  if (
    existsSync(path.join(classes, "dev", "tributary", "bench", source.replace(".java", ".class")))
  )
    return classes;
  const staging = `${classes}.staging-${process.pid}`;
  try {
    await promisify(execFile)("javac", [
      "--release",
      "17",
      "-nowarn",
      "-d",
      staging,
      "-cp",
      classpath,
      file,
    ]);
    await rename(staging, classes).catch((e: unknown) => {
      if (!existsSync(classes)) throw e;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return classes;
}

export async function ensureBenchJava(
  onStatus: (m: string) => void = console.error,
): Promise<BenchJava> {
  const root = repositoryRoot();
  const kafka = await ensureKafkaJars({ onStatus });
  const flink = await ensureFlinkJars({ onStatus });
  // The byte copy loads only the client and its codecs, not the broker's whole classpath.
  const clientJars = readdirSync(kafka.dir)
    .filter((f) => /^(kafka-clients|slf4j-api|lz4-java|snappy-java|zstd-jni)-[\d.]/.test(f))
    .map((f) => path.join(kafka.dir, f));
  const clients = clientJars.join(path.delimiter);
  const byteCopy = await compile(root, "ByteCopy.java", clients, kafka.version);
  const flinkLibs = path.join(flink.dir, "*");
  const flinkJob = await compile(root, "FlinkSqlJob.java", flinkLibs, flink.version);
  return {
    byteCopyClasspath: [byteCopy, clients].join(path.delimiter),
    flinkClasspath: [flinkJob, flinkLibs].join(path.delimiter),
    kafkaClientsVersion: kafka.version,
    flinkVersion: flink.version,
  };
}
