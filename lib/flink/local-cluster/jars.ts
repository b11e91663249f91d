import path from "node:path";
import {
  ensureMavenJars,
  pomProperty,
  repositoryRoot,
  type MavenJars,
} from "@/lib/devstack/maven-jars";

/**
 * The local Flink cluster's jars: scripts/flink/pom.xml names the modules flink-dist would bundle
 * (flink-dist itself is not on Maven Central) and Maven fetches them once into `.cache/flink/`.
 */

const POM_RELATIVE = path.join("scripts", "flink", "pom.xml");

export function flinkPomPath(): string {
  return path.join(repositoryRoot(POM_RELATIVE), POM_RELATIVE);
}

export function pinnedFlinkVersion(pomPath = flinkPomPath()): string {
  return pomProperty(pomPath, "flink.version");
}

export async function ensureFlinkJars(
  options: { cacheDir?: string; onStatus?: (message: string) => void } = {},
): Promise<MavenJars> {
  const pomPath = flinkPomPath();
  const version = pinnedFlinkVersion(pomPath);
  return ensureMavenJars({
    pomPath,
    version,
    cacheDir: options.cacheDir ?? path.join(repositoryRoot(POM_RELATIVE), ".cache", "flink"),
    markerJar: `flink-sql-gateway-${version}.jar`,
    label: `Apache Flink ${version} (runtime, SQL Gateway, table planner, Kafka connector, formats; ~140 MB)`,
    alternative: "set FLINK_SQL_GATEWAY_URL and FLINK_REST_URL to a running Flink cluster",
    onStatus: options.onStatus,
  });
}
