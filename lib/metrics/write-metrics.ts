/**
 * Stores one second of a worker's instance metrics: MetricSample rows (resolution 1 s), the latest
 * snapshot on each instance (assignment, lag per partition, last commit — what the job page shows
 * now), and a notification for the live streams.
 */
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InstanceRates } from "@/lib/events/job-stream-event";
import { notifyJobStream } from "@/lib/events/notify";
import type { InstanceMetrics } from "@/lib/runtime/job-runtime";
import type { Sample } from "./instance-samples";

export interface InstanceReport {
  /** The instance's JobInstance row, whose lastMetrics is updated; absent for Flink subtasks beyond the job's one instance. */
  instanceId?: string;
  metrics: InstanceMetrics;
  rates: InstanceRates;
  samples: Sample[];
}

export async function writeInstanceMetrics(
  jobId: string,
  at: Date,
  reports: InstanceReport[],
): Promise<void> {
  if (reports.length === 0) return;
  await prisma().$transaction(async (tx) => {
    await tx.metricSample.createMany({
      data: reports.flatMap((r) =>
        r.samples.map((s) => ({
          jobId,
          instance: r.metrics.instance,
          name: s.name,
          value: s.value,
          resolutionS: 1,
          at,
        })),
      ),
    });
    for (const r of reports) {
      if (!r.instanceId) continue;
      await tx.jobInstance.update({
        where: { id: r.instanceId },
        data: {
          lastMetrics: {
            ...r.metrics,
            ...r.rates,
            at: at.toISOString(),
          } as unknown as Prisma.InputJsonValue,
        },
      });
    }
    await notifyJobStream(tx, { k: "m", d: jobId });
  });
}
