/**
 * Kafka cluster profiles in PostgreSQL (the only module that knows their Prisma model). One is
 * the default; the profile of the local broker (or of KAFKA_BOOTSTRAP_SERVERS) is created on first
 * use in each process and follows that variable, so `npm start` always has a working default.
 */
import { prisma } from "@/lib/db/prisma";
import { Conflict, Invalid, NotFound } from "@/lib/domain-errors";
import type { KafkaCluster } from "@/lib/generated/prisma/client";
import type { ClusterProfile, ClusterProfileInput, ClusterProfileUpdate } from "./schemas";

export const ENVIRONMENT_PROFILE_NAME = "local";

function toProfile(row: KafkaCluster): ClusterProfile {
  return {
    id: row.id,
    name: row.name,
    bootstrapServers: row.bootstrapServers,
    properties: (row.properties ?? {}) as Record<string, string>,
    isDefault: row.isDefault,
    fromEnvironment: row.fromEnvironment,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const globalState = globalThis as unknown as { tributaryEnvProfile?: Promise<void> };

/**
 * Creates (or points at today's servers) the profile that follows KAFKA_BOOTSTRAP_SERVERS, once
 * per process; it becomes the default when no profile is. Without the variable nothing happens.
 */
export function ensureEnvironmentProfile(): Promise<void> {
  globalState.tributaryEnvProfile ??= syncEnvironmentProfile().catch((e) => {
    globalState.tributaryEnvProfile = undefined;
    throw e;
  });
  return globalState.tributaryEnvProfile;
}

async function syncEnvironmentProfile(): Promise<void> {
  const servers = process.env.KAFKA_BOOTSTRAP_SERVERS?.trim();
  if (!servers) return;
  await prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tributary.environment-profile'))`;
    const existing = await tx.kafkaCluster.findFirst({ where: { fromEnvironment: true } });
    const hasDefault = (await tx.kafkaCluster.count({ where: { isDefault: true } })) > 0;
    if (existing) {
      await tx.kafkaCluster.update({
        where: { id: existing.id },
        data: { bootstrapServers: servers, ...(hasDefault ? {} : { isDefault: true }) },
      });
      return;
    }
    let name = ENVIRONMENT_PROFILE_NAME;
    for (let i = 2; await tx.kafkaCluster.findUnique({ where: { name } }); i++)
      name = `${ENVIRONMENT_PROFILE_NAME}-${i}`;
    await tx.kafkaCluster.create({
      data: {
        name,
        bootstrapServers: servers,
        properties: {},
        fromEnvironment: true,
        isDefault: !hasDefault,
      },
    });
  });
}

export async function listClusterProfiles(): Promise<ClusterProfile[]> {
  await ensureEnvironmentProfile();
  const rows = await prisma().kafkaCluster.findMany({
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return rows.map(toProfile);
}

export async function getClusterProfile(id: string): Promise<ClusterProfile> {
  await ensureEnvironmentProfile();
  const row = isUuid(id)
    ? await prisma().kafkaCluster.findUnique({ where: { id } })
    : await prisma().kafkaCluster.findUnique({ where: { name: id } });
  if (!row) throw new NotFound(`Cluster profile '${id}' was not found.`);
  return toProfile(row);
}

/** The named profile (id or name), or the default one when none is named. */
export async function resolveClusterProfile(idOrName?: string): Promise<ClusterProfile> {
  if (idOrName) return getClusterProfile(idOrName);
  await ensureEnvironmentProfile();
  const row = await prisma().kafkaCluster.findFirst({ where: { isDefault: true } });
  if (!row) {
    throw new Invalid(
      "No default cluster profile exists: create one on the Clusters page (or start Tributary with KAFKA_BOOTSTRAP_SERVERS), or name the cluster.",
    );
  }
  return toProfile(row);
}

export async function createClusterProfile(input: ClusterProfileInput): Promise<ClusterProfile> {
  await ensureEnvironmentProfile();
  return prisma().$transaction(async (tx) => {
    if (await tx.kafkaCluster.findUnique({ where: { name: input.name } }))
      throw new Conflict(`A cluster profile named '${input.name}' exists already.`);
    const first = (await tx.kafkaCluster.count()) === 0;
    const isDefault = input.isDefault === true || first;
    if (isDefault) await tx.kafkaCluster.updateMany({ data: { isDefault: false } });
    const row = await tx.kafkaCluster.create({
      data: {
        name: input.name,
        bootstrapServers: input.bootstrapServers.trim(),
        properties: input.properties ?? {},
        isDefault,
      },
    });
    return toProfile(row);
  });
}

export async function updateClusterProfile(
  id: string,
  input: ClusterProfileUpdate,
): Promise<ClusterProfile> {
  const current = await getClusterProfile(id);
  if (current.fromEnvironment && input.bootstrapServers !== undefined) {
    if (input.bootstrapServers.trim() !== current.bootstrapServers)
      throw new Invalid(
        `The '${current.name}' profile follows KAFKA_BOOTSTRAP_SERVERS; its bootstrap servers change with that variable. Create another profile for other servers.`,
      );
  }
  if (input.isDefault === false && current.isDefault)
    throw new Invalid("Make another profile the default instead; one profile always is.");
  return prisma().$transaction(async (tx) => {
    if (input.name !== undefined && input.name !== current.name) {
      if (await tx.kafkaCluster.findUnique({ where: { name: input.name } }))
        throw new Conflict(`A cluster profile named '${input.name}' exists already.`);
    }
    if (input.isDefault === true) await tx.kafkaCluster.updateMany({ data: { isDefault: false } });
    const row = await tx.kafkaCluster.update({
      where: { id: current.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.bootstrapServers !== undefined
          ? { bootstrapServers: input.bootstrapServers.trim() }
          : {}),
        ...(input.properties !== undefined ? { properties: input.properties } : {}),
        ...(input.isDefault === true ? { isDefault: true } : {}),
      },
    });
    return toProfile(row);
  });
}

export async function deleteClusterProfile(id: string): Promise<void> {
  const current = await getClusterProfile(id);
  if (current.isDefault)
    throw new Invalid("The default profile cannot be deleted; make another one the default first.");
  if (current.fromEnvironment)
    throw new Invalid(
      `The '${current.name}' profile follows KAFKA_BOOTSTRAP_SERVERS and cannot be deleted.`,
    );
  await prisma().kafkaCluster.delete({ where: { id: current.id } });
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
