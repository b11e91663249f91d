/** The example partitioners (examples/partitioners): the benchmark and the example build read them. */
import fs from "node:fs/promises";
import path from "node:path";
import { repositoryRoot } from "@/lib/kafka/local-broker/jars";

const dir = () => path.join(repositoryRoot(), "examples", "partitioners");

export const EXAMPLE_JAR = path.join(dir(), "java", "build", "customer-partitioner.jar");
export const EXAMPLE_JAR_CLASS = "org.mycompany.CustomerPartitioner";
export const EXAMPLE_JS_EXPORT = "CustomerPartitioner";

export async function exampleJarSources(): Promise<Record<string, string>> {
  const file = path.join("org", "mycompany", "CustomerPartitioner.java");
  return { [file]: await fs.readFile(path.join(dir(), "java", file), "utf8") };
}

export async function exampleJsModule(): Promise<string> {
  return fs.readFile(path.join(dir(), "customer-partitioner.mjs"), "utf8");
}
