/**
 * runJob — the JobRuntime the job lifecycle calls: checks the plan and the cluster before anything
 * runs (stateful operators, secrets, client settings, missing topics, transaction timeouts), then
 * runs one pipeline per INSERT and parallel instance, reports metrics each second, and settles the
 * outcome when bounded sources end or something fails.
 */
import {
  isBlackholeTable,
  isDataGenTable,
  isKafkaTable,
  isPlainKafkaTable,
  isPrintTable,
  sinkPartitionerOf,
} from "@/lib/connectors/resolved";
import type { ClusterAdmin } from "@/lib/kafka/io";
import {
  createPartitioner,
  isBatchPartitioner,
  PartitionerValidationError,
  type AnyKafkaPartitioner,
} from "@/lib/partitioners";
import type { EvalContext } from "@/lib/sql/evaluate";
import type { InsertPlan, PlannedTable } from "@/lib/sql/plan";
import type { Value } from "@/lib/types/logical-type";
import { compileChain, findStatefulOperator, statefulRefusal } from "./chain";
import { JobConfigurationError, SecretScrubber, toJobFailure } from "./failure";
import type {
  InstanceMetrics,
  JobOutcome,
  JobRuntime,
  JobRuntimeContext,
  ResumePoint,
  RunningJob,
} from "./job-runtime";
import {
  checkpointGroupId,
  chooseTransactionTimeout,
  connectKafka,
  instanceOffsets,
  resolveProperties,
  sourcePartitions,
  lingeringTransactionalIds,
  transactionStamp,
  type KafkaConnection,
  type KafkaTable,
} from "./kafka-setup";
import { CheckpointLock, type SinkInstance, type SourceInstance } from "./operators";
import { startInstance, type InstanceSinkSetup, type InstanceSourceSetup } from "./instance-start";
import { beforeAbort } from "./start-abort";
import { Pipeline } from "./pipeline";
import { readPlan, type RuntimeInsert } from "./plan-input";
import { KafkaSink } from "./sinks/kafka-sink";
import { BlackholeSink, PrintSink } from "./sinks/print-sink";
import { DataGenSource } from "./sources/datagen-source";
import { KafkaSource, type ScanColumn } from "./sources/kafka-source";
import { ValuesSource } from "./sources/values-source";

/** Used when the script sets no execution.checkpointing.interval. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;

type SourceSetup = InstanceSourceSetup;
type SinkSetup = InstanceSinkSetup;

type Offsets = ResumePoint["offsets"];

interface InstanceState {
  sources: SourceInstance[];
  sinks: SinkInstance[];
  lastCommitAt?: string;
  /** Per pipeline (one per INSERT), the source offsets its last checkpoint made durable. */
  committed: Map<Pipeline, Offsets>;
}

/**
 * Offsets of several sources as one resume point. Two INSERTs may read the same partition (with
 * different groups); a resume point names each partition once, so it keeps the smaller offset:
 * both re-read a little rather than one skipping records it never made durable.
 */
function mergeSourceOffsets(parts: Iterable<Offsets>): Offsets {
  const out: Offsets = {};
  for (const part of parts) {
    for (const [topic, partitions] of Object.entries(part)) {
      const target = (out[topic] ??= {});
      for (const [partition, offset] of Object.entries(partitions)) {
        const p = Number(partition);
        if (target[p] === undefined || BigInt(offset) < BigInt(target[p])) target[p] = offset;
      }
    }
  }
  return out;
}

class JobRun {
  private readonly scrubber = new SecretScrubber();
  private readonly connections: KafkaConnection[] = [];
  private readonly pipelines: Pipeline[] = [];
  private readonly instances = new Map<number, InstanceState>();
  private metricsTimer: NodeJS.Timeout | undefined;
  private settle!: (o: JobOutcome) => void;
  readonly outcome = new Promise<JobOutcome>((resolve) => (this.settle = resolve));
  private settled = false;
  private bootstrapServers: string | undefined;
  private ending: Promise<void> | undefined;

  constructor(private readonly ctx: JobRuntimeContext) {}

  log(level: "DEBUG" | "INFO" | "WARN" | "ERROR", message: string, instance?: number): void {
    this.ctx.onLog(level, this.scrubber.scrub(message), instance);
  }

  async prepare(): Promise<void> {
    const inserts = readPlan(this.ctx.plan);
    for (const { insert } of inserts) {
      const stateful = findStatefulOperator(insert.query);
      if (stateful) throw statefulRefusal(stateful);
    }
    for (const instance of this.ctx.instances)
      this.instances.set(instance, { sources: [], sinks: [], committed: new Map() });
    for (const runtimeInsert of inserts) await this.prepareInsert(runtimeInsert);
  }

  private async connect(table: KafkaTable, role: "producer" | "consumer", name: string) {
    if (this.settled) throw new JobConfigurationError("The job was cancelled while it started.");
    const properties = await resolveProperties(
      table.properties,
      table.bootstrapServers,
      this.ctx.resolveSecret,
      this.scrubber,
    );
    this.bootstrapServers ??= table.bootstrapServers;
    const connection = await connectKafka(
      properties,
      role,
      `tributary-${this.ctx.deploymentId}-${name}`,
      (level, m) => this.log(level, m),
    );
    this.connections.push(connection);
    return { properties, ...connection };
  }

  private async prepareInsert({ insert, settings }: RuntimeInsert): Promise<void> {
    const { ctx } = this;
    const parallelism = ctx.parallelism;
    let intervalMs = settings.checkpointIntervalMs;
    if (intervalMs === undefined || intervalMs <= 0) {
      intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS;
      this.log(
        "INFO",
        `'execution.checkpointing.interval' is not set; sinks are flushed and source offsets committed every ${intervalMs / 1000} s.`,
      );
    }

    // Expressions see the session's table.local-time-zone, as Flink's generated code does.
    const evalContext: EvalContext = {
      localTimeZone: settings.localTimeZone,
      now: () => Date.now(),
    };

    // Sources: everything asynchronous happens here, before any instance starts.
    const sourceSetups = new Map<string, SourceSetup>();
    for (const source of insert.sources) {
      sourceSetups.set(source.path.join("."), await this.prepareSource(source, parallelism));
    }
    const sinkSetup = await this.prepareSink(insert, parallelism, intervalMs);

    for (const instance of ctx.instances) {
      const state = this.instances.get(instance)!;
      const leaves = compileChain(
        insert.query,
        (kind, values, coords) => sink.write(kind, values, coords),
        evalContext,
      );
      const sources: Array<{ source: SourceInstance; push: (typeof leaves)[number]["push"] }> = [];
      const lock = new CheckpointLock();
      const sink: SinkInstance = await startInstance(
        instance,
        sinkSetup,
        leaves,
        ({ leaf }, stamp) =>
          leaf.kind === "Values"
            ? Promise.resolve(new ValuesSource(leaf, instance, evalContext))
            : sourceSetups.get(leaf.path.join("."))!(instance, stamp),
        (source, { push }) => {
          sources.push({ source, push });
          state.sources.push(source);
        },
      );
      state.sinks.push(sink);
      const pipeline: Pipeline = new Pipeline({
        instance,
        sources,
        sink,
        lock,
        checkpointIntervalMs: intervalMs,
        onCheckpoint: (at) => {
          // Still under the checkpoint lock: the sources' positions are exactly the offsets this
          // checkpoint flushed and committed (at-least-once) or committed in the transaction.
          state.lastCommitAt = at.toISOString();
          state.committed.set(
            pipeline,
            mergeSourceOffsets(sources.map(({ source }) => source.resumeOffsets())),
          );
        },
      });
      this.pipelines.push(pipeline);
    }
  }

  private async prepareSource(source: PlannedTable, parallelism: number): Promise<SourceSetup> {
    const table = source.resolved;
    if (isDataGenTable(table))
      return async (instance) => new DataGenSource(table, instance, parallelism);
    if (!isKafkaTable(table))
      throw new JobConfigurationError(`Connector '${table?.connector}' cannot be read from.`);
    const name = source.path[source.path.length - 1];
    const { properties, client, admin } = await this.connect(table, "consumer", name);
    const partitions = await sourcePartitions(table, admin);
    const groupId = checkpointGroupId(table, properties, this.ctx.deploymentId, source.path);
    const scanColumns: ScanColumn[] = source.definition.columns
      .filter((c) => c.kind !== "computed")
      .map((c) =>
        c.kind === "physical"
          ? { kind: "physical", name: c.name }
          : { kind: "metadata", key: c.metadataKey ?? c.name },
      );
    const restore = {
      resumeFrom: this.ctx.resumeFrom,
      fromCheckpoint: (this.ctx.restart ?? this.ctx.attemptNumber > 1) && !this.ctx.resumeFrom,
    };
    return async (instance, transactionStamp) => {
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
        // Flink's KafkaSource property: 'false' leaves the group without commits (and, here, an
        // exactly-once sink's transactions without source offsets).
        commitOffsets: properties["commit.offsets.on.checkpoint"]?.trim().toLowerCase() !== "false",
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
        onLog: (level, message) => this.log(level, message, instance),
      });
    };
  }

  private async prepareSink(
    insert: InsertPlan,
    parallelism: number,
    intervalMs: number,
  ): Promise<SinkSetup> {
    const table = insert.sink.resolved;
    const print = (line: string, stream: "stdout" | "stderr", instance: number) =>
      this.ctx.onPrint
        ? this.ctx.onPrint(line, stream, instance)
        : this.ctx.onLog("INFO", line, instance);
    if (isPrintTable(table))
      return {
        create: async (instance) =>
          new PrintSink(table, instance, parallelism, (l, s) => print(l, s, instance)),
      };
    if (isBlackholeTable(table)) return { create: async () => new BlackholeSink() };
    if (!isKafkaTable(table))
      throw new JobConfigurationError(`Connector '${table?.connector}' cannot be written to.`);
    const name = insert.sink.path[insert.sink.path.length - 1];
    const { properties, client, admin } = await this.connect(table, "producer", name);
    const partitions = table.topics
      ? await admin.topicPartitions(table.topics, "sink")
      : new Map<string, number[]>();

    let transactionTimeoutMs: number | undefined;
    const exactlyOnce = table.deliveryGuarantee === "exactly-once";
    if (exactlyOnce) {
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
      transactionTimeoutMs = chosen.timeoutMs;
      if (chosen.note) this.log("INFO", chosen.note);
      if (intervalMs >= transactionTimeoutMs) {
        throw new JobConfigurationError(
          `'execution.checkpointing.interval' (${intervalMs} ms) must be shorter than the transaction timeout (${transactionTimeoutMs} ms), or the broker aborts every transaction before it commits.`,
        );
      }
    }
    const spec = sinkPartitionerOf(table);
    // Flink instantiates the partitioner class once per sink subtask: each instance resolves its own.
    const sinkColumns = {
      columns: insert.sink.columns.map((c) => ({ name: c.name, type: c.type })),
    };
    const partitionerFor = async (): Promise<AnyKafkaPartitioner<readonly Value[]> | undefined> => {
      let resolved: unknown;
      let failure: unknown;
      if (spec.kind === "custom" && this.ctx.resolvePartitioner) {
        try {
          resolved = await this.ctx.resolvePartitioner(spec.className, sinkColumns);
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
      exactlyOnce && this.ctx.runId
        ? transactionStamp(this.ctx.deploymentId, this.ctx.runId, table.transactionalIdPrefix!)
        : undefined;
    return {
      exactlyOnce,
      ...(stamp !== undefined ? { transactionStamp: stamp } : {}),
      create: async (instance) => {
        const flinkPartitioner = await partitionerFor();
        return new KafkaSink({
          table,
          columns: insert.sink.columns,
          client,
          admin: admin as ClusterAdmin,
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
                  this.ctx.earlierParallelism,
                ),
              }
            : {}),
          ...(flinkPartitioner ? { flinkPartitioner } : {}),
        });
      },
    };
  }

  start(): void {
    this.metricsTimer = setInterval(() => this.reportMetrics(), 1000);
    const runs = this.pipelines.map((p) =>
      p.run().catch((error) => {
        void this.fail(error);
      }),
    );
    void Promise.all(runs).then(() => {
      if (this.settled) return;
      void this.end({ state: "FINISHED" }, async () => {
        await Promise.all(this.pipelines.map((p) => p.close()));
      });
    });
  }

  async fail(error: unknown): Promise<void> {
    if (this.settled) return;
    const failure = toJobFailure(error, this.scrubber, this.bootstrapServers);
    this.log(
      "ERROR",
      `Job failed: ${failure.message}${failure.causes.length ? ` (caused by: ${failure.causes.join("; ")})` : ""}`,
    );
    await this.end({ state: "FAILED", failure }, async () => {
      await Promise.all(this.pipelines.map((p) => p.cancel()));
    });
  }

  private end(outcome: JobOutcome, shutdown: () => Promise<void>): Promise<void> {
    if (this.ending) return this.ending;
    this.settled = true;
    this.ending = (async () => {
      try {
        await shutdown();
      } finally {
        this.reportMetrics();
        if (this.metricsTimer) clearInterval(this.metricsTimer);
        await Promise.all(this.connections.map((c) => c.admin.close()));
        this.settle(outcome);
      }
    })();
    return this.ending;
  }

  /**
   * Cancelled while prepare() still waits (for a broker that does not answer): the job ends now,
   * and whatever prepare() still creates is closed once it gives up.
   */
  async abandon(prepared: Promise<void>): Promise<void> {
    await this.cancel();
    void prepared
      .catch(() => undefined)
      .then(async () => {
        await Promise.all(this.pipelines.map((p) => p.cancel()));
        await Promise.all(this.connections.map((c) => c.admin.close().catch(() => undefined)));
      });
  }

  async cancel(): Promise<void> {
    await this.end({ state: "FINISHED" }, async () => {
      await Promise.all(this.pipelines.map((p) => p.cancel()));
    });
  }

  async stopWithOffsets(): Promise<ResumePoint> {
    let stopError: unknown;
    await this.end({ state: "FINISHED" }, async () => {
      try {
        await Promise.all(this.pipelines.map((p) => p.stopWithCheckpoint()));
      } catch (e) {
        stopError = e;
        await Promise.all(this.pipelines.map((p) => p.cancel()));
      }
    });
    if (stopError) throw new Error(toJobFailure(stopError, this.scrubber).message);
    const offsets = mergeSourceOffsets(
      [...this.instances.values()].flatMap((state) => state.sources.map((s) => s.resumeOffsets())),
    );
    return { offsets, recordedAt: new Date().toISOString() };
  }

  /**
   * What the instance's checkpoints made durable. A partition that a pipeline without a checkpoint
   * yet also reads is left out (a restore must not skip what that pipeline never wrote): it starts
   * per its startup mode again.
   */
  private committedOffsets(instance: number, state: InstanceState): Offsets | undefined {
    const committed = mergeSourceOffsets(state.committed.values());
    for (const pipeline of this.pipelines) {
      if (pipeline.instance !== instance || state.committed.has(pipeline)) continue;
      for (const { source } of pipeline.parts.sources) {
        for (const [topic, partitions] of Object.entries(source.resumeOffsets())) {
          for (const partition of Object.keys(partitions))
            delete committed[topic]?.[Number(partition)];
        }
      }
    }
    for (const [topic, partitions] of Object.entries(committed))
      if (Object.keys(partitions).length === 0) delete committed[topic];
    return Object.keys(committed).length > 0 ? committed : undefined;
  }

  private reportMetrics(): void {
    const metrics: InstanceMetrics[] = [];
    for (const [instance, state] of this.instances) {
      const m: InstanceMetrics = {
        instance,
        numRecordsIn: 0,
        numRecordsOut: 0,
        numBytesIn: 0,
        numBytesOut: 0,
        numRecordsOutErrors: 0,
        numRecordsInErrors: 0,
        currentSendTime: 0,
        lagByPartition: {},
        assignedPartitions: [],
      };
      for (const s of state.sources) {
        m.numRecordsIn += s.counters.numRecordsIn;
        m.numBytesIn += s.counters.numBytesIn;
        m.numRecordsInErrors += s.counters.numRecordsInErrors;
        Object.assign(m.lagByPartition, s.lagByPartition());
        m.assignedPartitions.push(...s.assignedPartitions());
      }
      for (const s of state.sinks) {
        m.numRecordsOut += s.counters.numRecordsOut;
        m.numBytesOut += s.counters.numBytesOut;
        m.numRecordsOutErrors += s.counters.numRecordsOutErrors;
        m.currentSendTime = Math.max(m.currentSendTime, s.counters.currentSendTime);
      }
      if (state.lastCommitAt) m.lastCommitAt = state.lastCommitAt;
      const committed = this.committedOffsets(instance, state);
      if (committed) m.committedOffsets = committed;
      metrics.push(m);
    }
    try {
      this.ctx.onMetrics(metrics);
    } catch {
      // A failing metrics consumer must not take the job down.
    }
  }
}

export const runJob: JobRuntime = async (ctx): Promise<RunningJob> => {
  const job = new JobRun(ctx);
  let startAbandoned = false;
  const prepared = job.prepare();
  try {
    if (await beforeAbort(prepared, ctx.signal)) job.start();
    else {
      startAbandoned = true;
      await job.abandon(prepared);
    }
  } catch (error) {
    await job.fail(error);
  }
  return {
    ...(startAbandoned ? { startAbandoned } : {}),
    outcome: job.outcome,
    cancel: () => job.cancel(),
    stopWithOffsets: () => job.stopWithOffsets(),
  };
};
