/**
 * The Kafka sink's setup (kafka and upsert-kafka), before any instance starts. Its delivery
 * guarantee is checked here as the Java producer and Flink's KafkaSink check it (an exactly-once
 * sink needs a transactional-id prefix, idempotence, a transaction coordinator and a timeout
 * longer than the checkpoint interval), and its partitioner is resolved once so a missing class
 * fails the start.
 */
import { sinkPartitionerOf } from "@/lib/connectors/resolved";
import type { ClusterAdmin } from "@/lib/kafka/io";
import {
  isBatchPartitioner,
  PartitionerValidationError,
  resolveSinkPartitioner,
  type AnyKafkaPartitioner,
} from "@/lib/partitioners";
import type { Value } from "@/lib/types/logical-type";
import { JobConfigurationError } from "@/lib/runtime/failure";
import type { InstanceSinkSetup } from "@/lib/runtime/instance-start";
import type { SetupEnv } from "@/lib/runtime/job-connections";
import {
  chooseTransactionTimeout,
  lingeringTransactionalIds,
  transactionStamp,
  type KafkaTable,
} from "@/lib/runtime/kafka-setup";
import { KafkaSink } from "@/lib/runtime/sinks/kafka-sink";
import type { SinkSetupInput } from "../runtime";

/** The exactly-once preflight; returns the transaction timeout the sink's producer asks for. */
async function exactlyOncePreflight(
  table: KafkaTable,
  properties: Record<string, string>,
  admin: ClusterAdmin,
  intervalMs: number,
  env: SetupEnv,
): Promise<number> {
  if (!table.transactionalIdPrefix) {
    throw new JobConfigurationError(
      "sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE.",
    );
  }
  if (properties["enable.idempotence"]?.trim().toLowerCase() === "false") {
    // The Java producer's ConfigException, since Flink's exactly-once sink sets a transactional.id.
    throw new JobConfigurationError(
      "Cannot set a transactional.id without also enabling idempotence. 'sink.delivery-guarantee' = 'exactly-once' writes with Kafka transactions, which need an idempotent producer: remove 'properties.enable.idempotence' = 'false', or use 'sink.delivery-guarantee' = 'at-least-once' for a cluster that refuses idempotent producers.",
    );
  }
  const coordinatorProblem = await admin.transactionCoordinatorProblem();
  if (coordinatorProblem) throw new JobConfigurationError(coordinatorProblem);
  const chosen = chooseTransactionTimeout(
    properties["transaction.timeout.ms"],
    await admin.transactionMaxTimeoutMs(),
  );
  if (chosen.note) env.log("INFO", chosen.note);
  if (intervalMs >= chosen.timeoutMs) {
    throw new JobConfigurationError(
      `'execution.checkpointing.interval' (${intervalMs} ms) must be shorter than the transaction timeout (${chosen.timeoutMs} ms), or the broker aborts every transaction before it commits.`,
    );
  }
  return chosen.timeoutMs;
}

export async function kafkaSinkSetup(
  table: KafkaTable,
  { insert, parallelism, checkpointIntervalMs }: SinkSetupInput,
  env: SetupEnv,
): Promise<InstanceSinkSetup> {
  const { ctx } = env;
  const name = insert.sink.path[insert.sink.path.length - 1];
  const { properties, client, admin } = await env.connections.connect(table, "producer", name);
  const partitions = table.topics
    ? await admin.topicPartitions(table.topics, "sink")
    : new Map<string, number[]>();

  const exactlyOnce = table.deliveryGuarantee === "exactly-once";
  const transactionTimeoutMs = exactlyOnce
    ? await exactlyOncePreflight(table, properties, admin, checkpointIntervalMs, env)
    : undefined;
  const spec = sinkPartitionerOf(table);
  // Flink instantiates the partitioner class once per sink subtask: each instance resolves its own.
  const sinkColumns = {
    columns: insert.sink.columns.map((c) => ({ name: c.name, type: c.type })),
  };
  const partitionerFor = async (): Promise<AnyKafkaPartitioner<readonly Value[]> | undefined> => {
    try {
      return await resolveSinkPartitioner(spec, sinkColumns, ctx.resolvePartitioner);
    } catch (error) {
      if (error instanceof PartitionerValidationError)
        throw new JobConfigurationError(error.message);
      throw error;
    }
  };
  // Fails before any instance starts when the class cannot be resolved.
  const checked = await partitionerFor();
  if (isBatchPartitioner(checked)) await checked.close();
  const stamp =
    exactlyOnce && ctx.runId
      ? transactionStamp(ctx.jobId, ctx.runId, table.transactionalIdPrefix!)
      : undefined;
  return {
    exactlyOnce,
    ...(stamp !== undefined ? { transactionStamp: stamp } : {}),
    cpuThread: {
      partitions: [...partitions].map(([topic, ids]) => [topic, [...ids]]),
      batchSize: client.config.batching!.batchSize,
      ignoreKeys: client.config.producer!.partitioner.ignoreKeys,
    },
    create: async (instance) => {
      const flinkPartitioner = await partitionerFor();
      return new KafkaSink({
        table,
        columns: insert.sink.columns,
        client,
        admin,
        partitions: new Map(partitions),
        instance,
        parallelism,
        ...(exactlyOnce
          ? {
              transactionalId: `${table.transactionalIdPrefix}-${instance}-0`,
              transactionTimeoutMs,
            }
          : {}),
        ...(stamp !== undefined ? { offsetsMetadata: stamp } : {}),
        ...(exactlyOnce
          ? {
              lingeringTransactionalIds: lingeringTransactionalIds(
                table.transactionalIdPrefix!,
                instance,
                parallelism,
                ctx.earlierParallelism,
              ),
            }
          : {}),
        ...(flinkPartitioner ? { flinkPartitioner } : {}),
      });
    },
  };
}
