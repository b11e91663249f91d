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

export interface JobListQuery {
  status?: JobStatus[];
  /** Case-insensitive part of the job's name or id. */
  search?: string;
  /** Archived jobs instead of the others. */
  archived?: boolean;
  limit?: number;
  offset?: number;
}

/** A page of the job list, newest first, and how many jobs match in all. */
export async function listJobs(
  opts: JobListQuery = {},
): Promise<{ jobs: JobSummary[]; total: number }> {
  const search = opts.search?.trim();
  const where = {
    ...(opts.status ? { status: { in: opts.status } } : {}),
    archivedAt: opts.archived ? { not: null } : null,
    ...(search
      ? {
          OR: [
            { name: { contains: search, mode: "insensitive" as const } },
            ...(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(search)
              ? [{ id: search }]
              : []),
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma().job.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: Math.min(opts.limit ?? 500, 1000),
      skip: opts.offset ?? 0,
      select: {
        id: true,
        name: true,
        status: true,
        desiredState: true,
        parallelism: true,
        createdAt: true,
        updatedAt: true,
      },
    }),
    prisma().job.count({ where }),
  ]);
  return { jobs: rows.map(toJobSummary), total };
}
