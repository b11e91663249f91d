/**
 * The periodic compaction of metric samples (downsample.ts decides what and when). Runs in every
 * worker; a transaction-level advisory lock lets only one of them do it at a time.
 */
import { prisma } from "@/lib/db/prisma";
import { compactionSteps } from "./downsample";
import { COUNTERS } from "./metric-names";

const LOCK_KEY = 72_011_952; // "Tributary metric compaction"

/** Names whose bucket keeps the maximum (see metric-names.ts aggregateOf), as SQL sees them. */
const MAX_NAMES = [...COUNTERS, "records-lag-max", "lastCommitTime"];

export async function compactMetrics(
  nowMs = Date.now(),
): Promise<{ rolledUp: number; deleted: number } | undefined> {
  return prisma().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<
      Array<{ locked: boolean }>
    >`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`;
    if (!locked) return undefined;
    let rolledUp = 0;
    let deleted = 0;
    for (const step of compactionSteps(nowMs)) {
      if (step.kind === "rollup") {
        const width = step.toResolutionS;
        rolledUp += await tx.$executeRaw`
          INSERT INTO "MetricSample" ("jobId", instance, name, value, "resolutionS", at)
          SELECT "jobId", instance, name,
                 CASE WHEN name = ANY(${MAX_NAMES}::text[]) OR name LIKE 'records-lag:%' THEN max(value) ELSE avg(value) END,
                 ${width}::int,
                 to_timestamp(b * ${width}::int)
            FROM (SELECT "jobId", instance, name, value, floor(extract(epoch FROM at) / ${width}::int) AS b
                    FROM "MetricSample"
                   WHERE "resolutionS" = ${step.fromResolutionS}::int AND at < ${step.before}) m
           GROUP BY "jobId", instance, name, b`;
        deleted += await tx.$executeRaw`
          DELETE FROM "MetricSample" WHERE "resolutionS" = ${step.fromResolutionS}::int AND at < ${step.before}`;
      } else {
        deleted += await tx.$executeRaw`
          DELETE FROM "MetricSample" WHERE "resolutionS" = ${step.resolutionS}::int AND at < ${step.before}`;
      }
    }
    return { rolledUp, deleted };
  });
}
