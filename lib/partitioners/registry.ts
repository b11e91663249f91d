import type { LogicalType } from "@/lib/types/logical-type";
import {
  FixedPartitioner,
  isBatchPartitioner,
  type BatchKafkaPartitioner,
  type KafkaPartitioner,
} from "./partitioner";

/**
 * `sink.partitioner` as Flink's KafkaConnectorOptionsUtil#getFlinkKafkaPartitioner maps it: the
 * values are matched exactly (case-sensitive), `fixed` is FlinkFixedPartitioner, `default` and
 * `round-robin` mean no Flink partitioner (the Kafka producer decides), anything else is a class name.
 */
export type SinkPartitionerSpec =
  | { kind: "default" }
  | { kind: "round-robin" }
  | { kind: "fixed" }
  | { kind: "custom"; className: string };

export const SINK_PARTITIONER_OPTION = "sink.partitioner";

/** The partitioners a sink can name without attaching a resource (every spec but custom). */
export const BUILT_IN_PARTITIONERS = [
  "default",
  "fixed",
  "round-robin",
] as const satisfies ReadonlyArray<Exclude<SinkPartitionerSpec["kind"], "custom">>;

/** Flink's required interface, named in its error when a custom class does not implement it. */
export const KAFKA_PARTITIONER_INTERFACE = "org.apache.flink.connector.kafka.sink.KafkaPartitioner";

/** Flink's ValidationException: a table definition that cannot work, reported before the job runs. */
export class PartitionerValidationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PartitionerValidationError";
  }
}

/** The spec for a `sink.partitioner` value; absent means Flink's default, `default`. */
export function sinkPartitionerSpec(option: string | undefined): SinkPartitionerSpec {
  switch (option) {
    case undefined:
    case "default":
      return { kind: "default" };
    case "round-robin":
      return { kind: "round-robin" };
    case "fixed":
      return { kind: "fixed" };
    case "":
      throw new PartitionerValidationError(
        `Option '${SINK_PARTITIONER_OPTION}' should be a non-empty string.`,
      );
    default:
      return { kind: "custom", className: option };
  }
}

/** Finds and instantiates a custom partitioner by class name (a JS bundle or JAR uploaded as a resource). */
export type CustomPartitionerResolver = (className: string) => unknown;

/** A Flink partitioner: in this heap (fixed, a test's object) or batched across a boundary. */
export type AnyKafkaPartitioner<T> = KafkaPartitioner<T> | BatchKafkaPartitioner<T>;

/**
 * The Flink partitioner for the spec, or undefined for `default` and `round-robin`, where the record
 * goes to Kafka without a partition and the producer picks one (KafkaDefaultPartitioning).
 */
export function createPartitioner<T = unknown>(
  spec: SinkPartitionerSpec,
  customResolver?: CustomPartitionerResolver,
): KafkaPartitioner<T> | undefined {
  switch (spec.kind) {
    case "default":
    case "round-robin":
      return undefined;
    case "fixed":
      return new FixedPartitioner<T>();
    case "custom":
      return instantiateCustom<T>(spec.className, customResolver);
  }
}

function instantiateCustom<T>(
  className: string,
  resolver: CustomPartitionerResolver | undefined,
): KafkaPartitioner<T> {
  const notFound = (cause?: unknown) =>
    new PartitionerValidationError(
      `Could not find and instantiate partitioner class '${className}'`,
      cause === undefined ? undefined : { cause },
    );
  if (!resolver) throw notFound();
  let candidate: unknown;
  try {
    candidate = resolver(className);
  } catch (cause) {
    throw notFound(cause);
  }
  if (candidate === undefined || candidate === null) throw notFound();
  if (!isKafkaPartitioner(candidate)) {
    throw new PartitionerValidationError(
      `Sink partitioner class '${className}' should implement the required class ${KAFKA_PARTITIONER_INTERFACE}`,
    );
  }
  return candidate as KafkaPartitioner<T>;
}

/**
 * Loads a custom partitioner class by name for one sink instance — a JavaScript module's export in
 * its own isolate, a JAR's class in the JVM partitioner host (lib/resources/resolve-partitioner.ts)
 * — given the columns of the row its records hold. Undefined: no such class.
 */
export type PartitionerClassLoader = (
  className: string,
  sink: { columns: ReadonlyArray<{ name: string; type: LogicalType }> },
) => Promise<unknown>;

/**
 * The Flink partitioner one parallel sink instance uses, as Flink's KafkaSink instantiates it per
 * subtask: the built-in one `spec` names, or the custom class `loadClass` loads (a batched one as
 * it is). A job's sink setup and the preview both take their partitioner from here. A class that
 * cannot be loaded, or is no partitioner, fails with Flink's PartitionerValidationError.
 */
export async function resolveSinkPartitioner<T>(
  spec: SinkPartitionerSpec,
  sink: { columns: ReadonlyArray<{ name: string; type: LogicalType }> },
  loadClass?: PartitionerClassLoader,
): Promise<AnyKafkaPartitioner<T> | undefined> {
  let loaded: unknown;
  let failure: unknown;
  if (spec.kind === "custom" && loadClass) {
    try {
      loaded = await loadClass(spec.className, sink);
    } catch (error) {
      failure = error;
    }
  }
  if (failure === undefined && isBatchPartitioner(loaded))
    return loaded as BatchKafkaPartitioner<T>;
  return createPartitioner<T>(spec, () => {
    if (failure !== undefined) throw failure;
    return loaded;
  });
}

function isKafkaPartitioner(value: unknown): value is KafkaPartitioner<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const { partition, open } = value as Record<string, unknown>;
  return typeof partition === "function" && (open === undefined || typeof open === "function");
}
