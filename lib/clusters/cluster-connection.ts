/**
 * Connecting to a profile's cluster: its `${secret_values.x}` references are resolved here and
 * only for its own brokers (never for servers a caller supplies), and the values resolved are
 * handed back so that whatever is reported can be scrubbed of them.
 */
import { createClusterClient, type ClusterClient } from "@/lib/kafka/clients";
import { resolveSecretsInProperties } from "@/lib/secrets/secret-store";
import type { ClusterProfile } from "./profile-input";

export interface ProfileClientProperties {
  /** bootstrap.servers and the profile's properties, secrets resolved. */
  properties: Record<string, string>;
  secretValues: string[];
}

export async function profileClientProperties(
  profile: ClusterProfile,
): Promise<ProfileClientProperties> {
  const { resolved, secretValues } = await resolveSecretsInProperties(profile.properties);
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
