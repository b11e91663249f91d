/** Which drafts and jobs use a resource version: shown on its page, and what blocks its deletion. */
import { prisma } from "@/lib/db/prisma";
import { isJobStatus, isTerminal } from "@/lib/jobs/job-status";

export interface ResourceUsage {
  drafts: Array<{ id: string; name: string }>;
  jobs: Array<{ id: string; name: string; status: string; running: boolean }>;
}

export async function resourceUsage(resourceId: string): Promise<ResourceUsage> {
  const [drafts, jobs] = await Promise.all([
    prisma().draftResource.findMany({
      where: { resourceId },
      select: { draft: { select: { id: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    prisma().jobResource.findMany({
      where: { resourceId },
      select: { job: { select: { id: true, name: true, status: true } } },
    }),
  ]);
  return {
    drafts: drafts.map((d) => d.draft),
    jobs: jobs.map(({ job: d }) => ({
      ...d,
      running: !(isJobStatus(d.status) && isTerminal(d.status)),
    })),
  };
}
