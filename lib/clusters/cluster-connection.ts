/**
 * Connecting to a profile's cluster: its `${secret_values.x}` references are resolved here and
 * only for its own brokers (never for servers a caller supplies), and the values resolved are
 * handed back so that whatever is reported can be scrubbed of them.
 */
import { createClusterClient, type ClusterClient } from "@/lib/kafka/clients";
import { findSecretPlaceholders, resolveSecretsInOptions } from "@/lib/secrets/placeholders";
import { resolveSecretFor } from "@/lib/secrets/secret-store";
import type { ClusterProfile } from "./schemas";

export interface ProfileClientProperties {
  /** bootstrap.servers and the profile's properties, secrets resolved. */
  properties: Record<string, string>;
  secretValues: string[];
}

export async function profileClientProperties(
  profile: ClusterProfile,
): Promise<ProfileClientProperties> {
  const names = new Set(
    Object.values(profile.properties).flatMap((v) => findSecretPlaceholders(v).map((p) => p.name)),
  );
  // Each secret only for this profile's own brokers: resolveSecretFor refuses servers outside
  // the secret's scope.
  const values = new Map<string, string>();
  for (const name of names)
    values.set(name, await resolveSecretFor(name, profile.bootstrapServers));
  const resolved = resolveSecretsInOptions(profile.properties, (name) => values.get(name));
  const secretValues = [...values.values()];
  return {
    properties: { ...resolved, "bootstrap.servers": profile.bootstrapServers },
    secretValues,
  };
}

export async function profileClient(
  profile: ClusterProfile,
  role: "producer" | "consumer" | "both" = "both",
): Promise<ClusterClient> {
  const { properties } = await profileClientProperties(profile);
  return createClusterClient(properties, role, { clientId: "tributary-console" });
}

/** Text with every resolved secret value replaced by ******. */
export function scrubSecrets(text: string, secretValues: readonly string[]): string {
  let out = text;
  for (const value of secretValues) if (value) out = out.split(value).join("******");
  return out;
}
