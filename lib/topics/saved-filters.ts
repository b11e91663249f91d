/** Message filters saved per topic and cluster profile (the only module that knows TopicFilter). */
import type { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { BadInput, NotFound } from "@/lib/domain-errors";
import { resolveClusterProfile } from "@/lib/clusters/cluster-profiles";
import type { MessageFilter } from "./message-filter";
import type { saveFilterInput } from "./schemas";

export interface SavedFilter {
  id: string;
  name: string;
  filter: MessageFilter;
  createdAt: string;
}

export async function listSavedFilters(
  cluster: string | undefined,
  topic: string,
): Promise<SavedFilter[]> {
  const profile = await resolveClusterProfile(cluster);
  const rows = await prisma().topicFilter.findMany({
    where: { clusterId: profile.id, topic },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    filter: r.filter as MessageFilter,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Saves (or replaces, by name) a filter of the topic. */
export async function saveFilter(
  cluster: string | undefined,
  topic: string,
  input: z.output<typeof saveFilterInput>,
): Promise<SavedFilter> {
  const profile = await resolveClusterProfile(cluster);
  const row = await prisma().topicFilter.upsert({
    where: { clusterId_topic_name: { clusterId: profile.id, topic, name: input.name } },
    create: { clusterId: profile.id, topic, name: input.name, filter: input.filter },
    update: { filter: input.filter },
  });
  return {
    id: row.id,
    name: row.name,
    filter: row.filter as MessageFilter,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function deleteSavedFilter(id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new BadInput(`'${id}' is not a filter id.`);
  const { count } = await prisma().topicFilter.deleteMany({ where: { id } });
  if (count === 0) throw new NotFound(`Saved filter '${id}' was not found.`);
}
