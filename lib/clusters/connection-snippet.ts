/**
 * A profile's connection as the WITH options of a `kafka` / `upsert-kafka` table, ready to paste
 * into CREATE TABLE: bootstrap servers first, then the security properties, secrets as the
 * `${secret_values.x}` references the profile holds (resolved only when a job runs). Browser-safe.
 */
import type { ClusterProfile } from "./schemas";

/** A Flink SQL string literal: quotes doubled. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Security settings first (in the order a reader checks them), then the rest by name. */
const ORDER = [
  "security.protocol",
  "sasl.mechanism",
  "sasl.jaas.config",
  "ssl.truststore.type",
  "ssl.truststore.location",
  "ssl.truststore.password",
  "ssl.truststore.certificates",
  "ssl.keystore.type",
  "ssl.keystore.location",
  "ssl.keystore.password",
  "ssl.key.password",
  "ssl.endpoint.identification.algorithm",
];

function rank(key: string): number {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
}

export function connectionOptions(
  profile: Pick<ClusterProfile, "bootstrapServers" | "properties">,
): Array<[string, string]> {
  const keys = Object.keys(profile.properties).sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return [
    ["properties.bootstrap.servers", profile.bootstrapServers],
    ...keys.map((k): [string, string] => [`properties.${k}`, profile.properties[k]]),
  ];
}

/**
 * The options as WITH-clause lines, each ending in a comma except the last (`trailingComma` for a
 * snippet inserted before further options), indented by `indent`.
 */
export function connectionSnippet(
  profile: Pick<ClusterProfile, "bootstrapServers" | "properties">,
  options: { indent?: string; trailingComma?: boolean } = {},
): string {
  const indent = options.indent ?? "  ";
  const lines = connectionOptions(profile).map(
    ([k, v]) => `${indent}${sqlString(k)} = ${sqlString(v)}`,
  );
  return lines.join(",\n") + (options.trailingComma ? "," : "");
}
