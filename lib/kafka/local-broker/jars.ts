import path from "node:path";
import {
  ensureMavenJars,
  pomProperty,
  repositoryRoot as rootHolding,
  type MavenJars,
} from "@/lib/devstack/maven-jars";

/**
 * The broker's jars are not in git: scripts/kafka/pom.xml names them and Maven fetches them from
 * Maven Central once (lib/devstack/maven-jars.ts), into a cache directory that the next start (and
 * every test run) reuses.
 */

const POM_RELATIVE = path.join("scripts", "kafka", "pom.xml");

/** The repository root: the nearest ancestor of this module (or of the working directory) holding the pom. */
export function repositoryRoot(): string {
  return rootHolding(POM_RELATIVE);
}

export function kafkaPomPath(): string {
  return path.join(repositoryRoot(), POM_RELATIVE);
}

/** The Kafka version the pom pins, so the cache directory is keyed by what the pom would fetch. */
export function pinnedKafkaVersion(pomPath = kafkaPomPath()): string {
  return pomProperty(pomPath, "kafka.version");
}

export interface KafkaJarsOptions {
  /** Parent of the per-version cache directories; default `<repo>/.cache/kafka` (git-ignored). */
  cacheDir?: string;
  /** Told once, before the one-time download starts. */
  onStatus?: (message: string) => void;
}

export type KafkaJars = MavenJars;

export async function ensureKafkaJars(options: KafkaJarsOptions = {}): Promise<KafkaJars> {
  const pomPath = kafkaPomPath();
  const version = pinnedKafkaVersion(pomPath);
  return ensureMavenJars({
    pomPath,
    version,
    cacheDir: options.cacheDir ?? path.join(repositoryRoot(), ".cache", "kafka"),
    markerJar: `kafka_2.13-${version}.jar`,
    label: `Apache Kafka ${version} (kafka_2.13 and its dependencies)`,
    alternative: "set KAFKA_BOOTSTRAP_SERVERS to a running broker",
    onStatus: options.onStatus,
  });
}
