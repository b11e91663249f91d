import path from "node:path";
import {
  ensureMavenJars,
  pomProperty,
  repositoryRoot,
  type MavenJars,
} from "@/lib/devstack/maven-jars";

/**
 * The local Flink cluster's jars: scripts/flink/pom.xml names the modules flink-dist would bundle
 * (flink-dist itself is not on Maven Central) and Maven fetches them once into `.cache/flink/`;
 * scripts/flink/sql-connector-kafka/pom.xml builds the Kafka SQL connector shaded beside them, as
 * the flink-sql-connector-kafka jar a Flink SQL deployment runs (Maven Central lacks it for 1.20).
 */

const POM_RELATIVE = path.join("scripts", "flink", "pom.xml");
const CONNECTOR_POM_RELATIVE = path.join("scripts", "flink", "sql-connector-kafka", "pom.xml");

export function flinkPomPath(): string {
  return path.join(repositoryRoot(POM_RELATIVE), POM_RELATIVE);
}

export function pinnedFlinkVersion(pomPath = flinkPomPath()): string {
  return pomProperty(pomPath, "flink.version");
}

/** The shaded Kafka SQL connector's file name, e.g. flink-sql-connector-kafka-3.4.0-1.20.jar. */
export function sqlConnectorKafkaJar(pomPath = flinkPomPath()): string {
  return `flink-sql-connector-kafka-${pomProperty(pomPath, "flink.kafka.connector.version")}.jar`;
}

export async function ensureFlinkJars(
  options: { cacheDir?: string; onStatus?: (message: string) => void } = {},
): Promise<MavenJars> {
  const pomPath = flinkPomPath();
  const version = pinnedFlinkVersion(pomPath);
  const connector = pomProperty(pomPath, "flink.kafka.connector.version");
  const root = repositoryRoot(POM_RELATIVE);
  const jars = await ensureMavenJars({
    pomPath,
    // Keyed by the connector's flavour too: a cache of the unshaded connector is not reused.
    version: `${version}-sql-kafka-${connector}`,
    cacheDir: options.cacheDir ?? path.join(root, ".cache", "flink"),
    markerJar: sqlConnectorKafkaJar(pomPath),
    label: `Apache Flink ${version} (runtime, SQL Gateway, table planner, the Kafka SQL connector, formats; ~140 MB)`,
    alternative: "set FLINK_SQL_GATEWAY_URL and FLINK_REST_URL to a running Flink cluster",
    onStatus: options.onStatus,
    builds: [
      {
        pomPath: path.join(root, CONNECTOR_POM_RELATIVE),
        jar: sqlConnectorKafkaJar(pomPath),
        // One place pins the versions: the cluster's pom.
        properties: {
          "flink.kafka.connector.version": connector,
          "kafka.clients.version": pomProperty(pomPath, "kafka.clients.version"),
        },
      },
    ],
  });
  return { ...jars, version };
}
