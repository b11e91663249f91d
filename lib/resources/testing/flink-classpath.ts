/** Test helper: the cached Flink API jars (the JVM host's), as a javac classpath. */
import path from "node:path";
import { ensureHostJars } from "../jvm-host/host-jars";

export async function flinkClasspath(): Promise<string[]> {
  const { libs } = await ensureHostJars();
  return [path.join(libs, "*")];
}
