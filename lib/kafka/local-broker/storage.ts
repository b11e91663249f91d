import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { scramFormatArguments, type SaslUser } from "./server-properties";

/**
 * KRaft storage must be formatted once with a cluster id before the first start; later starts reuse
 * it. SCRAM credentials are part of the cluster metadata, written by the same format step.
 */

/** Where the broker keeps topic data and the metadata log. */
export function storageDir(dataDir: string): string {
  return path.join(dataDir, "kafka-logs");
}

export function isFormatted(dataDir: string): boolean {
  return existsSync(path.join(storageDir(dataDir), "meta.properties"));
}

/** A random cluster id as Kafka's Uuid.randomUuid makes one: 16 bytes, URL-safe base64, no padding. */
export function randomClusterId(): string {
  for (;;) {
    const bytes = randomBytes(16);
    const id = bytes.toString("base64url");
    // Kafka rejects the all-zero id, its reserved metadata topic id (0…01) and ids starting with '-'.
    const reserved = bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] <= 1;
    if (!reserved && !id.startsWith("-")) return id;
  }
}

export interface FormatInput {
  java: string;
  classpath: string;
  jvmOptions: string[];
  dataDir: string;
  serverProperties: string;
  scramUsers: readonly SaslUser[];
}

const SCRAM_USERS_FILE = "scram-users.json";

export async function formatStorage(input: FormatInput): Promise<void> {
  const args = [
    ...input.jvmOptions,
    "-cp",
    input.classpath,
    "kafka.tools.StorageTool",
    "format",
    "--cluster-id",
    randomClusterId(),
    "--config",
    input.serverProperties,
    ...scramFormatArguments(input.scramUsers),
  ];
  const { code, output } = await run(input.java, args);
  if (code !== 0) {
    // The arguments carry SCRAM passwords: report the tool's output only.
    throw new Error(
      `Formatting the local Kafka broker's storage in ${storageDir(input.dataDir)} failed (exit code ${code}):\n${output}`,
    );
  }
  await writeFile(
    path.join(input.dataDir, SCRAM_USERS_FILE),
    JSON.stringify(input.scramUsers.map((u) => u.username)) + "\n",
  );
}

/**
 * SCRAM users can only be added at format time here (kafkajs cannot alter SCRAM credentials and the
 * broker's jars hold no kafka-configs tool), so a restart asking for new ones must say how to get them.
 */
export async function checkScramUsersFormatted(
  dataDir: string,
  users: readonly SaslUser[],
): Promise<void> {
  let formatted: string[] = [];
  try {
    formatted = JSON.parse(
      await readFile(path.join(dataDir, SCRAM_USERS_FILE), "utf8"),
    ) as string[];
  } catch {
    formatted = [];
  }
  const missing = users.map((u) => u.username).filter((name) => !formatted.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `The local Kafka broker in ${dataDir} was formatted without SCRAM user(s) ${missing.map((m) => `'${m}'`).join(", ")}; ` +
        `SCRAM users are created only when the storage is first formatted: delete ${dataDir} to start afresh with them.`,
    );
  }
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const chunks: string[] = [];
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c: Buffer) => chunks.push(c.toString()));
    child.stderr.on("data", (c: Buffer) => chunks.push(c.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, output: chunks.join("").trim().split("\n").slice(-20).join("\n") }),
    );
  });
}
