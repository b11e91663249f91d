/**
 * Flink 1.20's session options that a script may SET, as their ConfigOptions declare them
 * (ExecutionConfigOptions, OptimizerConfigOptions, TableConfigOptions, ExecutionOptions,
 * PipelineOptions, CheckpointingOptions, CoreOptions, RestartStrategyOptions): the key, the value
 * type, and for enums the class Flink names in "Could not parse value for enum …". A value a
 * known key's type refuses is the error Flink raises when the planner first reads the option.
 * Browser-safe.
 */
import { parseOptionValue } from "@/lib/connectors/option-values";
import type { OptionType } from "./config-option";

interface SessionOption {
  key: string;
  type: OptionType;
  enumClass?: string;
}

const TABLE_API = "org.apache.flink.table.api.config";
const enumOf = (key: string, cls: string, values: string[]): SessionOption => ({
  key,
  type: { kind: "enum", values },
  enumClass: `class ${cls}`,
});
const of =
  (kind: "boolean" | "int" | "long" | "duration" | "memory" | "string" | "list") =>
  (key: string): SessionOption => ({ key, type: { kind } });
const bool = of("boolean");
const int = of("int");
const long = of("long");
const duration = of("duration");
const memory = of("memory");
const str = of("string");
const list = of("list");

export const SESSION_OPTIONS: readonly SessionOption[] = [
  // ExecutionConfigOptions
  enumOf(
    "table.exec.sink.not-null-enforcer",
    `${TABLE_API}.ExecutionConfigOptions$NotNullEnforcer`,
    ["ERROR", "DROP"],
  ),
  enumOf(
    "table.exec.sink.type-length-enforcer",
    `${TABLE_API}.ExecutionConfigOptions$TypeLengthEnforcer`,
    ["IGNORE", "TRIM_PAD"],
  ),
  enumOf(
    "table.exec.sink.upsert-materialize",
    `${TABLE_API}.ExecutionConfigOptions$UpsertMaterialize`,
    ["NONE", "AUTO", "FORCE"],
  ),
  enumOf("table.exec.sink.keyed-shuffle", `${TABLE_API}.ExecutionConfigOptions$SinkKeyedShuffle`, [
    "NONE",
    "AUTO",
    "FORCE",
  ]),
  enumOf(
    "table.exec.legacy-cast-behaviour",
    `${TABLE_API}.ExecutionConfigOptions$LegacyCastBehaviour`,
    ["ENABLED", "DISABLED"],
  ),
  enumOf("table.exec.uid.generation", `${TABLE_API}.ExecutionConfigOptions$UidGeneration`, [
    "PLAN_ONLY",
    "ALWAYS",
    "DISABLED",
  ]),
  enumOf(
    "table.exec.async-lookup.output-mode",
    `${TABLE_API}.ExecutionConfigOptions$AsyncOutputMode`,
    ["ORDERED", "ALLOW_UNORDERED"],
  ),
  enumOf(
    "table.exec.async-scalar.retry-strategy",
    `${TABLE_API}.ExecutionConfigOptions$RetryStrategy`,
    ["NO_RETRY", "FIXED_DELAY"],
  ),
  duration("table.exec.source.idle-timeout"),
  bool("table.exec.source.cdc-events-duplicate"),
  duration("table.exec.state.ttl"),
  bool("table.exec.mini-batch.enabled"),
  duration("table.exec.mini-batch.allow-latency"),
  long("table.exec.mini-batch.size"),
  int("table.exec.resource.default-parallelism"),
  int("table.exec.async-lookup.buffer-capacity"),
  duration("table.exec.async-lookup.timeout"),
  int("table.exec.async-scalar.buffer-capacity"),
  duration("table.exec.async-scalar.timeout"),
  bool("table.exec.spill-compression.enabled"),
  memory("table.exec.spill-compression.block-size"),
  int("table.exec.sort.default-limit"),
  duration("table.exec.interval-join.min-cleanup-interval"),
  bool("table.exec.operator-fusion-codegen.enabled"),
  str("table.exec.disabled-operators"),
  int("table.exec.rank.topn-cache-size"),
  bool("table.exec.simplify-operator-name-enabled"),
  bool("table.exec.deduplicate.insert-update-after-sensitive-enabled"),
  bool("table.exec.deduplicate.mini-batch.compact-changes-enabled"),
  // OptimizerConfigOptions
  str("table.optimizer.agg-phase-strategy"),
  bool("table.optimizer.distinct-agg.split.enabled"),
  int("table.optimizer.distinct-agg.split.bucket-num"),
  bool("table.optimizer.reuse-sub-plan-enabled"),
  bool("table.optimizer.reuse-source-enabled"),
  bool("table.optimizer.source.predicate-pushdown-enabled"),
  bool("table.optimizer.join-reorder-enabled"),
  bool("table.optimizer.multiple-input-enabled"),
  bool("table.optimizer.dynamic-filtering.enabled"),
  enumOf(
    "table.optimizer.non-deterministic-update.strategy",
    `${TABLE_API}.OptimizerConfigOptions$NonDeterministicUpdateStrategy`,
    ["TRY_RESOLVE", "IGNORE"],
  ),
  // TableConfigOptions
  bool("table.dml-sync"),
  bool("table.dynamic-table-options.enabled"),
  str("table.sql-dialect"),
  str("table.local-time-zone"),
  int("table.generated-code.max-length"),
  int("table.generated-code.max-members"),
  bool("table.rtas-ctas.atomicity-enabled"),
  int("table.display.max-column-width"),
  str("table.builtin-catalog-name"),
  str("table.builtin-database-name"),
  enumOf(
    "table.plan.compile.catalog-objects",
    `${TABLE_API}.TableConfigOptions$CatalogPlanCompilation`,
    ["ALL", "SCHEMA", "IDENTIFIER"],
  ),
  enumOf(
    "table.plan.restore.catalog-objects",
    `${TABLE_API}.TableConfigOptions$CatalogPlanRestore`,
    ["ALL", "ALL_ENFORCED", "IDENTIFIER"],
  ),
  bool("table.plan.force-recompile"),
  // ExecutionOptions, PipelineOptions, CoreOptions
  enumOf("execution.runtime-mode", "org.apache.flink.api.common.RuntimeExecutionMode", [
    "STREAMING",
    "BATCH",
    "AUTOMATIC",
  ]),
  duration("execution.buffer-timeout.interval"),
  duration("execution.buffer-timeout"),
  bool("execution.buffer-timeout.enabled"),
  bool("execution.attached"),
  bool("execution.shutdown-on-attached-exit"),
  bool("execution.sorted-inputs.enabled"),
  enumOf("execution.batch-shuffle-mode", "org.apache.flink.api.common.BatchShuffleMode", [
    "ALL_EXCHANGES_PIPELINED",
    "ALL_EXCHANGES_BLOCKING",
    "ALL_EXCHANGES_HYBRID_FULL",
    "ALL_EXCHANGES_HYBRID_SELECTIVE",
  ]),
  str("execution.target"),
  str("execution.savepoint.path"),
  bool("execution.savepoint.ignore-unclaimed-state"),
  enumOf("execution.savepoint-restore-mode", "org.apache.flink.core.execution.RestoreMode", [
    "CLAIM",
    "NO_CLAIM",
    "LEGACY",
  ]),
  str("pipeline.name"),
  duration("pipeline.auto-watermark-interval"),
  bool("pipeline.object-reuse"),
  bool("pipeline.operator-chaining.enabled"),
  bool("pipeline.operator-chaining.chain-operators-with-different-max-parallelism"),
  int("pipeline.max-parallelism"),
  bool("pipeline.auto-generate-uids"),
  bool("pipeline.generic-types"),
  bool("pipeline.force-avro"),
  bool("pipeline.force-kryo"),
  bool("pipeline.auto-type-registration"),
  enumOf(
    "pipeline.closure-cleaner-level",
    "org.apache.flink.api.common.ExecutionConfig$ClosureCleanerLevel",
    ["NONE", "TOP_LEVEL", "RECURSIVE"],
  ),
  enumOf(
    "pipeline.vertex-description-mode",
    "org.apache.flink.configuration.PipelineOptions$VertexDescriptionMode",
    ["TREE", "CASCADING"],
  ),
  list("pipeline.jars"),
  list("pipeline.classpaths"),
  int("parallelism.default"),
  // CheckpointingOptions (execution.checkpointing.*)
  duration("execution.checkpointing.interval"),
  duration("execution.checkpointing.interval-during-backlog"),
  enumOf("execution.checkpointing.mode", "org.apache.flink.core.execution.CheckpointingMode", [
    "EXACTLY_ONCE",
    "AT_LEAST_ONCE",
  ]),
  duration("execution.checkpointing.timeout"),
  duration("execution.checkpointing.min-pause"),
  int("execution.checkpointing.max-concurrent-checkpoints"),
  int("execution.checkpointing.tolerable-failed-checkpoints"),
  bool("execution.checkpointing.unaligned"),
  bool("execution.checkpointing.unaligned.enabled"),
  duration("execution.checkpointing.aligned-checkpoint-timeout"),
  bool("execution.checkpointing.force"),
  enumOf(
    "execution.checkpointing.externalized-checkpoint-retention",
    "org.apache.flink.core.execution.ExternalizedCheckpointRetention",
    ["DELETE_ON_CANCELLATION", "RETAIN_ON_CANCELLATION", "NO_EXTERNALIZED_CHECKPOINTS"],
  ),
  bool("execution.checkpointing.checkpoints-after-tasks-finish"),
  str("execution.checkpointing.dir"),
  str("state.checkpoints.dir"),
  str("state.savepoints.dir"),
  str("state.backend.type"),
  bool("state.backend.incremental"),
];

const BY_KEY = new Map(SESSION_OPTIONS.map((o) => [o.key, o]));

export function sessionOption(key: string): SessionOption | undefined {
  return BY_KEY.get(key);
}

/**
 * Configuration.get's failure for a known key: "Could not parse value 'v' for key 'k'." and the
 * cause's message; undefined when the value parses (or the key is not one Tributary knows).
 */
export function sessionValueProblem(key: string, value: string): string | undefined {
  const option = BY_KEY.get(key);
  if (!option) return undefined;
  const parsed = parseOptionValue(option.type, value, option.enumClass);
  return parsed.ok
    ? undefined
    : `Could not parse value '${value}' for key '${key}'. ${parsed.reason}`;
}
