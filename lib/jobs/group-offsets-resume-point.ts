/**
 * "Redeploy from committed group offsets": the offsets each Kafka source's consumer group has
 * committed now, as a resume point. Partitions without a commit are left out (they start from
 * their startup mode). Reads only.
 */
import { Conflict, NotFound, Unavailable } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { isKafkaTable } from "@/lib/connectors/resolved";
import { SecretScrubber } from "@/lib/runtime/failure";
import type { ResumePoint } from "@/lib/runtime/job-runtime";
import {
  checkpointGroupId,
  connectKafka,
  resolveProperties,
  sourcePartitions,
  type KafkaTable,
  withStoreCopies,
} from "@/lib/runtime/kafka-setup";
import { jobStoreResolver } from "@/lib/resources/attached-stores";
import { readPlan } from "@/lib/runtime/plan-input";
import { resolveSecretFor } from "@/lib/secrets/secret-store";
import { planOfJob } from "./plan-sql";

export async function groupOffsetsResumePoint(
  jobId: string,
  planJson: unknown,
): Promise<ResumePoint> {
  const offsets: ResumePoint["offsets"] = {};
  const scrubber = new SecretScrubber();
  const stores = await jobStoreResolver(jobId);
  for (const { insert } of readPlan(planOfJob(planJson))) {
    for (const source of insert.sources) {
      const table = source.resolved;
      if (!isKafkaTable(table)) continue;
      const kafkaTable: KafkaTable = table;
      const properties = await withStoreCopies(
        await resolveProperties(
          kafkaTable.properties,
          kafkaTable.bootstrapServers,
          resolveSecretFor,
          scrubber,
        ),
        stores,
      );
      const { admin } = await connectKafka(
        properties,
        "consumer",
        `tributary-${jobId}-offsets`,
        () => {},
      );
      try {
        const partitions = await sourcePartitions(kafkaTable, admin);
        const groupId = checkpointGroupId(kafkaTable, properties, jobId, source.path);
        const committed = await admin.committedOffsets(groupId, [...partitions.keys()]);
        for (const [topic, list] of partitions) {
          for (const p of list) {
            const offset = committed.get(`${topic}-${p}`);
            if (offset === undefined) continue;
            const target = (offsets[topic] ??= {});
            // Two sources on one partition: the smaller offset, as a merged stop does.
            if (target[p] === undefined || BigInt(offset) < BigInt(target[p]))
              target[p] = String(offset);
          }
        }
      } catch (e) {
        throw new Unavailable(
          scrubber.scrub(
            `Could not read the committed offsets of '${source.path.join(".")}': ${e instanceof Error ? e.message : String(e)}`,
          ),
        );
      } finally {
        await admin.close();
      }
    }
  }
  if (Object.keys(offsets).length === 0)
    throw new Conflict(
      "No Kafka source of this job has committed group offsets; redeploy from the last stop or the startup modes.",
    );
  return { offsets, recordedAt: new Date().toISOString() };
}

/** The committed offsets of a stored job's sources (its deployed plan), as a resume point. */
export async function committedOffsetsOfJob(jobId: string): Promise<ResumePoint> {
  const job = await prisma().job.findUnique({
    where: { id: jobId },
    select: { plan: true },
  });
  if (!job) throw new NotFound(`Job ${jobId} was not found.`);
  return groupOffsetsResumePoint(jobId, job.plan);
}
