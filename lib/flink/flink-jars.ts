/**
 * The job's attached JAR resources as files the Flink cluster can read: the pinned bytes written
 * under the data dir (`<data dir>/flink-jars/<job>-<pid>-<n>/<sha256>.jar`, owner-only),
 * named in `ADD JAR` statements of the job's SQL Gateway session, and removed when the job ends.
 * Flink's SQL Gateway registers each in the session's class loader and ships it with the job
 * (`pipeline.jars`), so the JobManager keeps its own copy for restarts. A gateway on another
 * machine needs the same path to be readable there (a shared data dir).
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "@/lib/config";
import type { AttachedJar } from "@/lib/runtime/job-runtime";

let spooled = 0;

export interface SpooledJars {
  /** One `ADD JAR '<path>'` per attached JAR. */
  statements: string[];
  /** Deletes the files (idempotent). */
  remove(): Promise<void>;
}

export async function spoolFlinkJars(
  jobId: string,
  jars: readonly AttachedJar[],
): Promise<SpooledJars> {
  if (jars.length === 0) return { statements: [], remove: async () => undefined };
  const safe = jobId.replace(/[^A-Za-z0-9_-]/g, "_");
  const dir = path.join(config.dataDir(), "flink-jars", `${safe}-${process.pid}-${++spooled}`);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const remove = () => fs.rm(dir, { recursive: true, force: true });
  try {
    const statements: string[] = [];
    for (const jar of jars) {
      const file = path.join(dir, `${createHash("sha256").update(jar.bytes).digest("hex")}.jar`);
      await fs.writeFile(file, jar.bytes, { mode: 0o600 });
      statements.push(`ADD JAR '${file.replace(/'/g, "''")}'`);
    }
    return { statements, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}
