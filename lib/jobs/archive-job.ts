/** Archiving and deleting ended jobs: the list hides archived ones; a delete removes everything. */
import { Conflict, NotFound } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { isJobStatus, isTerminal } from "./job-status";

async function endedJob(id: string) {
  const job = await prisma().job.findUnique({
    where: { id },
    select: { status: true, name: true },
  });
  if (!job) throw new NotFound(`Job ${id} was not found.`);
  if (!isJobStatus(job.status) || !isTerminal(job.status))
    throw new Conflict(
      `Job '${job.name}' is ${job.status}; only ended jobs (FINISHED, STOPPED, FAILED, CANCELLED) can be archived or deleted.`,
    );
  return job;
}

export async function setJobArchived(id: string, archived: boolean): Promise<void> {
  await endedJob(id);
  await prisma().job.update({
    where: { id },
    data: { archivedAt: archived ? new Date() : null },
  });
}

/** Deletes an ended job with its runs, events, logs and metrics. */
export async function deleteJob(id: string): Promise<void> {
  await endedJob(id);
  await prisma().job.delete({ where: { id } });
}
