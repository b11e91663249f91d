/** Records the Flink job a run's submission created, so that a worker taking the run over re-attaches to it. */
import { prisma } from "@/lib/db/prisma";

export async function recordFlinkSubmission(
  runId: string,
  job: { jobId: string; sessionHandle: string },
): Promise<void> {
  await prisma().jobRun.update({
    where: { id: runId },
    data: { flinkJobId: job.jobId, flinkSessionHandle: job.sessionHandle },
  });
}
