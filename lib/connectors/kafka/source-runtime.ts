/**
 * The Kafka source's setup (kafka and upsert-kafka): everything asynchronous (connections,
 * partition lists, start offsets) happens here, before any instance starts; what is returned
 * creates one instance's source.
 */
import { isPlainKafkaTable } from "@/lib/connectors/resolved";
import type { PlannedTable } from "@/lib/sql/plan";
import type { InstanceSourceSetup } from "@/lib/runtime/instance-start";
import type { SetupEnv } from "@/lib/runtime/job-connections";
import {
  checkpointGroupId,
  instanceOffsets,
  resumePointOfInsert,
  sourcePartitions,
  type KafkaTable,
} from "@/lib/runtime/kafka-setup";
import { scanColumnsOf } from "@/lib/runtime/sources/kafka-record-decoder";
import { KafkaSource } from "@/lib/runtime/sources/kafka-source";

/**
 * Flink's KafkaSource: the split owner's partitions, from the resume point or the startup mode.
 *
 * An exactly-once INSERT's transactions commit its source offsets, which a restart resumes from.
 * When another INSERT of the job reads with the same group, the two would overwrite each other's
 * offsets there, so this INSERT's transactions commit them to a group of its own,
 * `<group.id>-<sink.transactional-id-prefix>` (Flink keeps each source's offsets in its own
 * state), and the shared group gets them after each commit, as Flink commits to it on checkpoint
 * completion: for monitoring, never read back.
 */
export async function kafkaSourceSetup(
  table: KafkaTable,
  source: PlannedTable,
  parallelism: number,
  env: SetupEnv,
): Promise<InstanceSourceSetup> {
  const { ctx } = env;
  const name = source.path[source.path.length - 1];
  const { properties, client, admin } = await env.connections.connect(table, "consumer", name);
  const partitions = await sourcePartitions(table, admin);
  const groupId = checkpointGroupId(table, properties, ctx.jobId, source.path);
  // Flink's KafkaSource property: 'false' leaves the group without commits.
  const commitOffsets =
    properties["commit.offsets.on.checkpoint"]?.trim().toLowerCase() !== "false";
  // An exactly-once INSERT needs its offsets in its transactions all the same (a restart resumes
  // from them): when the group is shared, or must stay without commits, they go to its own group.
  const state = env.insert;
  const stateGroupId =
    state?.transactionalIdPrefix !== undefined &&
    ((state.groupReaders.get(groupId) ?? 0) > 1 || !commitOffsets)
      ? `${groupId}-${state.transactionalIdPrefix}`
      : undefined;
  const scanColumns = scanColumnsOf(source);
  const resumeFrom = state ? resumePointOfInsert(ctx.resumeFrom, state.insertKey) : ctx.resumeFrom;
  const restore = {
    ...(resumeFrom ? { resumeFrom } : {}),
    fromCheckpoint: (ctx.restart ?? ctx.attemptNumber > 1) && !ctx.resumeFrom,
    ...(stateGroupId ? { stateGroupId } : {}),
  };
  return async (instance, transactionStamp, offload) => {
    const offsets = await instanceOffsets(
      table,
      admin,
      partitions,
      instance,
      parallelism,
      groupId,
      {
        ...restore,
        ...(transactionStamp !== undefined ? { transactionStamp } : {}),
      },
    );
    return new KafkaSource({
      table,
      scanColumns,
      client,
      instance,
      parallelism,
      groupId,
      ...(stateGroupId ? { stateGroupId } : {}),
      commitOffsets,
      startOffsets: offsets.start,
      ...(offsets.stop ? { stopOffsets: offsets.stop } : {}),
      topics: [...partitions.keys()],
      partitions,
      discovery: {
        // upsert-kafka has no discovery option; Tributary leaves its partitions as they were at the start.
        intervalMs: isPlainKafkaTable(table) ? table.partitionDiscoveryIntervalMs : 0,
        discover: () => sourcePartitions(table, admin),
        earliestOffsets: async (topic) =>
          new Map([...(await admin.watermarks(topic))].map(([p, w]) => [p, w.low])),
      },
      onLog: (level, message) => env.log(level, message, instance),
      ...(offload ? { offload } : {}),
    });
  };
}
