/** One job with its runs, attempts (errors, record coordinates) and instances, newest first. */
import { jobResources, type AttachedResource } from "@/lib/resources/draft-resources";
import { NotFound } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { maskSqlSecrets } from "@/lib/secrets/literal-secrets";
import type { JobSummary } from "@/lib/events/job-stream-event";
import type { InstanceMetrics, JobFailure, ResumePoint } from "@/lib/runtime/job-runtime";
import type { DesiredState, JobStatus } from "./job-status";
import { toJobSummary } from "./list-jobs";

export interface JobDetail extends JobSummary {
  sql: string;
  /** The email of the user who deployed it (null for jobs from before owners were recorded). */
  createdBy: string | null;
  /** The resource versions pinned at deploy (custom partitioners). */
  resources: AttachedResource[];
  resumeFrom: ResumePoint | null;
  /** "embedded" or "flink", and why (lib/runtime/engine-choice.ts). */
  engine: string;
  engineReason: string | null;
  runs: Array<{
    id: string;
    status: string;
    parallelism: number;
    /** engine flink: the Flink job this run submitted. */
    flinkJobId: string | null;
    startedAt: string;
    endedAt: string | null;
    error: JobFailure | null;
    attempts: Array<{
      attemptNumber: number;
      status: string;
      workerId: string | null;
      startedAt: string | null;
      endedAt: string | null;
      error: JobFailure | null;
      instances: Array<{
        instance: number;
        status: string;
        workerId: string | null;
        claims: number;
        leaseExpiresAt: string | null;
        startedAt: string | null;
        endedAt: string | null;
        error: JobFailure | null;
        lastMetrics: (InstanceMetrics & Record<string, unknown>) | null;
      }>;
    }>;
  }>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getJob(id: string): Promise<JobDetail> {
  const d = await prisma().job.findUnique({
    where: { id },
    include: {
      owner: { select: { email: true } },
      runs: {
        orderBy: { startedAt: "desc" },
        take: 20,
        include: {
          attempts: {
            orderBy: { attemptNumber: "desc" },
            take: 50,
            include: { instances: { orderBy: { instance: "asc" } } },
          },
        },
      },
    },
  });
  if (!d) throw new NotFound(`Job ${id} was not found.`);
  return {
    ...toJobSummary(d),
    // The script as deployed, its literal passwords masked (they run sealed, see sealed-values.ts).
    sql: maskSqlSecrets(d.sql),
    createdBy: d.owner?.email ?? null,
    resources: await jobResources(d.id),
    resumeFrom: (d.resumeFrom as ResumePoint | null) ?? null,
    engine: d.engine,
    engineReason: d.engineReason,
    runs: d.runs.map((r) => ({
      id: r.id,
      status: r.status,
      parallelism: r.parallelism,
      flinkJobId: r.flinkJobId,
      startedAt: r.startedAt.toISOString(),
      endedAt: iso(r.endedAt),
      error: (r.error as JobFailure | null) ?? null,
      attempts: r.attempts.map((a) => ({
        attemptNumber: a.attemptNumber,
        status: a.status,
        workerId: a.workerId,
        startedAt: iso(a.startedAt),
        endedAt: iso(a.endedAt),
        error: (a.error as JobFailure | null) ?? null,
        instances: a.instances.map((s) => ({
          instance: s.instance,
          status: s.status,
          workerId: s.workerId,
          claims: s.claims,
          leaseExpiresAt: iso(s.leaseExpiresAt),
          startedAt: iso(s.startedAt),
          endedAt: iso(s.endedAt),
          error: (s.error as JobFailure | null) ?? null,
          lastMetrics:
            (s.lastMetrics as (InstanceMetrics & Record<string, unknown>) | null) ?? null,
        })),
      })),
    })),
  };
}

export type { DesiredState, JobStatus };
