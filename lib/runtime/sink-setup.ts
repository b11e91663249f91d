/**
 * Sink setup per connector, before any instance starts. A Kafka sink's delivery guarantee is
 * checked here as the Java producer and Flink's KafkaSink check it (an exactly-once sink needs a
 * transactional-id prefix, idempotence, a transaction coordinator and a timeout longer than the
 * checkpoint interval), and its partitioner is resolved once so a missing class fails the start.
 */
import type { ResolvedBlackholeTable, ResolvedPrintTable } from "@/lib/connectors/resolved";
import { sinkPartitionerOf } from "@/lib/connectors/resolved";
import type { ClusterAdmin } from "@/lib/kafka/io";
import {
  createPartitioner,
  isBatchPartitioner,
  PartitionerValidationError,
  type AnyKafkaPartitioner,
} from "@/lib/partitioners";
import type { InsertPlan } from "@/lib/sql/plan";
import type { Value } from "@/lib/types/logical-type";
import { JobConfigurationError } from "./failure";
import type { InstanceSinkSetup } from "./instance-start";
import type { SetupEnv } from "./job-connections";
import {
  chooseTransactionTimeout,
  lingeringTransactionalIds,
  transactionStamp,
  type KafkaTable,
} from "./kafka-setup";
import { KafkaSink } from "./sinks/kafka-sink";
import { BlackholeSink, PrintSink } from "./sinks/print-sink";

/** What every sink setup is given besides its table. */
export interface SinkSetupInput {
  insert: InsertPlan;
  parallelism: number;
  /** The job's checkpoint interval (an exactly-once sink's transactions must outlive it). */
  checkpointIntervalMs: number;
}

export async function printSinkSetup(
  table: ResolvedPrintTable,
  { parallelism }: SinkSetupInput,
  env: SetupEnv,
): Promise<InstanceSinkSetup> {
  const print = (line: string, stream: "stdout" | "stderr", instance: number) =>
    env.ctx.onPrint
      ? env.ctx.onPrint(line, stream, instance)
      : env.ctx.onLog("INFO", line, instance);
  return {
    create: async (instance) =>
      new PrintSink(table, instance, parallelism, (l, s) => print(l, s, instance)),
  };
}

export async function blackholeSinkSetup(
  _table: ResolvedBlackholeTable,
): Promise<InstanceSinkSetup> {
  return { create: async () => new BlackholeSink() };
}

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
    let resolved: unknown;
    let failure: unknown;
    if (spec.kind === "custom" && ctx.resolvePartitioner) {
      try {
        resolved = await ctx.resolvePartitioner(spec.className, sinkColumns);
      } catch (error) {
        failure = error;
      }
    }
    if (failure === undefined && isBatchPartitioner(resolved))
      return resolved as AnyKafkaPartitioner<readonly Value[]>;
    try {
      return createPartitioner<readonly Value[]>(spec, () => {
        if (failure !== undefined) throw failure;
        return resolved;
      });
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
      ? transactionStamp(ctx.deploymentId, ctx.runId, table.transactionalIdPrefix!)
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
