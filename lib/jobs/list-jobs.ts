/** The job list, newest first, optionally by status. */
import { prisma } from "@/lib/db/prisma";
import type { JobSummary } from "@/lib/events/job-stream-event";
import type { DesiredState, JobStatus } from "./job-status";

export function toJobSummary(d: {
  id: string;
  name: string;
  status: string;
  desiredState: string;
  parallelism: number;
  createdAt: Date;
  updatedAt: Date;
}): JobSummary {
  return {
    id: d.id,
    name: d.name,
    status: d.status as JobStatus,
    desiredState: d.desiredState as DesiredState,
    parallelism: d.parallelism,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export async function listJobs(
  opts: { status?: JobStatus[]; limit?: number } = {},
): Promise<JobSummary[]> {
  const rows = await prisma().deployment.findMany({
    where: opts.status ? { status: { in: opts.status } } : {},
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.limit ?? 500, 1000),
    select: {
      id: true,
      name: true,
      status: true,
      desiredState: true,
      parallelism: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  return rows.map(toJobSummary);
}
