/**
 * Resources from local files, for `tributary run --resource PATH` and a script's ADD JAR: the
 * same inspection as an upload (classes of a JAR, exports of a JS module) and the same resolver.
 */
import fs from "node:fs/promises";
import { DomainError } from "@/lib/domain-errors";
import path from "node:path";
import { inspectJar } from "./inspect-jar";
import { inspectJs } from "./inspect-js";
import { kindOfFile, resourceNameFromFile } from "./resource-kind";
import type { PartitionerSource } from "./resolve-partitioner";

export async function loadLocalResource(file: string): Promise<PartitionerSource> {
  const fileName = path.basename(file);
  const kind = kindOfFile(fileName);
  if (kind === "STORE")
    throw new Error(
      `${file}: a key or trust store needs no --resource when run from a file: name its path in 'properties.ssl.truststore.location' or 'properties.ssl.keystore.location'`,
    );
  if (!kind)
    throw new Error(
      `${file}: a resource is a Java archive (.jar) or a JavaScript module (.js, .mjs)`,
    );
  const bytes = await fs.readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  try {
    const contents =
      kind === "JAR" ? await inspectJar(file) : await inspectJs(bytes.toString("utf8"), fileName);
    return {
      id: `local:${path.resolve(file)}`,
      name: resourceNameFromFile(fileName),
      version: 1,
      kind,
      fileName,
      partitioners: contents.partitioners,
      otherClasses: contents.others,
      bytes: async () => bytes,
    };
  } catch (e) {
    if (e instanceof DomainError) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}

/**
 * The resources a script run from a file has attached: each `--resource PATH` and each JAR its
 * `ADD JAR '<path>'` statements name (a relative path is taken from the script's directory).
 */
export async function scriptResources(
  file: string,
  text: string,
  resourcePaths: readonly string[] = [],
): Promise<PartitionerSource[]> {
  const { addedJars } = await import("@/lib/sql/validate");
  const { parseScript } = await import("@/lib/sql/parser");
  const parsed = parseScript(text).script;
  const jarPaths = (parsed ? addedJars(parsed) : []).map((p) =>
    path.resolve(path.dirname(file), p),
  );
  return Promise.all([...resourcePaths, ...jarPaths].map((p) => loadLocalResource(p)));
}
