/** Deletes a resource version, refused (naming them) while a draft or a running job uses it. */
import { Conflict, NotFound } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { resourceUsage } from "./resource-usage";

export async function deleteResource(id: string): Promise<void> {
  const r = await prisma().resource.findUnique({
    where: { id },
    select: { name: true, version: true },
  });
  if (!r) throw new NotFound(`Resource ${id} was not found.`);
  const usage = await resourceUsage(id);
  const running = usage.jobs.filter((j) => j.running);
  if (usage.drafts.length > 0 || running.length > 0) {
    const users = [
      ...usage.drafts.map((d) => `draft '${d.name}'`),
      ...running.map((j) => `job '${j.name}' (${j.status})`),
    ];
    throw new Conflict(
      `Resource '${r.name}' version ${r.version} is in use by ${users.join(", ")}; detach it (or stop the job) first.`,
    );
  }
  // Chunks and finished jobs' attachment records go with it (ON DELETE CASCADE).
  await prisma().resource.delete({ where: { id } });
}
