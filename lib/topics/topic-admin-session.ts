/**
 * One admin connection to a profile's cluster for the length of a call, with the cluster's
 * failures as domain errors: what the brokers refused (TopicAdminError), or that the cluster could
 * not be reached — never a secret of the profile.
 */
import {
  Conflict,
  DomainError,
  Forbidden,
  Invalid,
  NotFound,
  Unavailable,
} from "@/lib/domain-errors";
import { resolveClusterProfile } from "@/lib/clusters/cluster-profiles";
import { profileClientProperties, scrubSecrets } from "@/lib/clusters/cluster-connection";
import type { ClusterProfile } from "@/lib/clusters/schemas";
import { createClusterClient, KafkaClientConfigError } from "@/lib/kafka/clients";
import { TopicAdmin, TopicAdminError } from "@/lib/kafka/topic-admin";

const KIND: Record<TopicAdminError["kind"], new (message: string) => DomainError> = {
  conflict: Conflict,
  invalid: Invalid,
  missing: NotFound,
  refused: Forbidden,
};

/** A cluster profile's id or name (the default one when absent), or a profile itself (the CLI's --bootstrap). */
export type ClusterRef = string | ClusterProfile | undefined;

export async function profileOf(cluster: ClusterRef): Promise<ClusterProfile> {
  return typeof cluster === "object" ? cluster : resolveClusterProfile(cluster);
}

/** A profile of bare bootstrap servers and properties, not stored (the CLI's --bootstrap). */
export function adHocProfile(
  bootstrapServers: string,
  properties: Record<string, string> = {},
): ClusterProfile {
  const now = new Date().toISOString();
  return {
    id: "ad-hoc",
    name: bootstrapServers,
    bootstrapServers,
    properties,
    isDefault: false,
    fromEnvironment: false,
    createdAt: now,
    updatedAt: now,
  };
}

export async function withTopicAdmin<T>(
  cluster: ClusterRef,
  work: (admin: TopicAdmin, profile: ClusterProfile) => Promise<T>,
): Promise<T> {
  const profile = await profileOf(cluster);
  const { properties, secretValues } = await profileClientProperties(profile);
  let admin: TopicAdmin | undefined;
  try {
    const client = createClusterClient(properties, "consumer", { clientId: "tributary-console" });
    admin = await TopicAdmin.connect(client);
    return await work(admin, profile);
  } catch (e) {
    throw asDomainError(e, profile, secretValues);
  } finally {
    await admin?.close();
  }
}

export function asDomainError(
  e: unknown,
  profile: ClusterProfile,
  secretValues: string[],
): unknown {
  if (e instanceof DomainError) return e;
  if (e instanceof TopicAdminError) return new KIND[e.kind](e.message);
  if (e instanceof KafkaClientConfigError)
    return new Invalid(
      `Cluster profile '${profile.name}' has invalid client properties: ${e.message}`,
    );
  const message = e instanceof Error ? e.message : String(e);
  return new Unavailable(
    scrubSecrets(
      `Kafka cluster '${profile.name}' (${profile.bootstrapServers}) failed the request: ${message}. "Test connection" on the Clusters page diagnoses it.`,
      secretValues,
    ),
  );
}
