/**
 * Builds a JAR from Java sources with javac and jar (tests, the example, the benchmark), against
 * the cached Flink API jars (jvm-host/host-jars.ts flinkApiClasspath) when the sources need them.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export async function buildJar(
  sources: Record<string, string>,
  classpath: readonly string[] = [],
): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tributary-jar-"));
  try {
    const src = path.join(dir, "src");
    const out = path.join(dir, "classes");
    await fs.mkdir(out, { recursive: true });
    const files: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      const p = path.join(src, file);
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, text);
      files.push(p);
    }
    const cp = classpath.length > 0 ? ["-cp", classpath.join(path.delimiter)] : [];
    execFileSync("javac", ["--release", "11", "-nowarn", "-d", out, ...cp, ...files], {
      stdio: "pipe",
    });
    const jar = path.join(dir, "out.jar");
    execFileSync("jar", ["cf", jar, "-C", out, "."], { stdio: "pipe" });
    return await fs.readFile(jar);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
