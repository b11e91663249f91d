/**
 * The `kafka` connector (KafkaDynamicTableFactory, flink-connector-kafka 3.4.0): one factory for
 * sources and sinks; validation in Flink's order — formats, option types, topic, startup/bounded
 * modes (source) or partitioner and delivery guarantee (sink), primary key, key/value projection.
 */
import type { ConnectorContext, ConnectorFactory } from "../factory";
import { discoverFormat, changelogModeString, type DiscoveredFormat } from "../format-discovery";
import {
  BUILT_IN_PARTITIONERS,
  KAFKA_OPTIONAL,
  KAFKA_REQUIRED,
  SCAN_TOPIC_PARTITION_DISCOVERY,
  SINK_PARALLELISM,
  SINK_PARTITIONER,
  valueFormatOption,
} from "./kafka-options";
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";
import {
  checkProperties,
  explainKafkaTable,
  projectKeyAndValue,
  readOptionalOptions,
  resolveDeliveryGuarantee,
  resolvedKafkaCommon,
  resolveKeyValueFormats,
  KAFKA_METADATA,
  PROPERTIES_PREFIX,
  resolveMetadataColumns,
  resolveTopics,
  summaryName,
  warnMisplacedOptions,
} from "./kafka-shared";
import { resolveBounded, resolveStartup } from "./kafka-offsets";
import { closestMatch } from "../did-you-mean";
import {
  KAFKA_PARTITIONER_INTERFACE,
  PartitionerValidationError,
  sinkPartitionerSpec,
} from "@/lib/partitioners/registry";
import { replaceLiteralFix } from "@/lib/sql/fixes";
import {
  partitionerName,
  type ResolvedBounded,
  type ResolvedKafkaTable,
  type ResolvedPartitioner,
  type ResolvedStartup,
} from "./resolved";

export const kafkaConnector: ConnectorFactory<ResolvedKafkaTable> = {
  identifier: "kafka",
  roles: ["source", "sink"],
  metadata: KAFKA_METADATA,
  clientPropertiesPrefix: PROPERTIES_PREFIX,
  valueFormatOption,
  // A kafka table's changes are its value format's (a changelog format's are all kinds).
  changelogMode(options, formats) {
    const via = valueFormatOption(options);
    const format = via ? options.get(via)! : "";
    if (hasSecretPlaceholder(format)) return "insert-only";
    return formats.get(format)?.changelogMode ?? "insert-only";
  },
  requiredOptions: KAFKA_REQUIRED,
  optionalOptions: KAFKA_OPTIONAL,
  validate: validateKafka,
  explain: (table, role) => explainKafkaTable(table, role, partitionerName(table.partitioner)),
};

function validateKafka(ctx: ConnectorContext): ResolvedKafkaTable | undefined {
  const o = ctx.options;
  o.declare([...KAFKA_REQUIRED, ...KAFKA_OPTIONAL]);
  let ok = true;

  // Formats: key.format (optional), then `format` or else `value.format` (getValueEncodingFormat).
  const keyDiscovered = discoverFormat(o, ctx.formats, "key.format", ctx.role);
  const valueVia = valueFormatOption(o);
  let valueDiscovered: DiscoveredFormat | undefined;
  if (valueVia) {
    valueDiscovered = discoverFormat(o, ctx.formats, valueVia, ctx.role);
    if (valueVia === "format" && o.option("value.format")) {
      o.warning(
        "'value.format' is ignored because 'format' is also set; Flink uses 'format' for the value.",
        o.option("value.format")!.keySpan,
      );
    }
    if (!valueDiscovered) ok = false;
  } else {
    o.error(
      `Could not find required ${ctx.role === "sink" ? "sink" : "scan"} format 'value.format'.`,
      ctx.table.withSpan,
    );
    ok = false;
  }
  if (o.option("key.format") && !keyDiscovered) ok = false;
  if (keyDiscovered && keyDiscovered.factory.changelogMode !== "insert-only") {
    o.error(
      `A key format should only deal with INSERT-only records. But ${keyDiscovered.identifier} has a changelog mode of ${changelogModeString(keyDiscovered.factory.changelogMode)}.`,
      o.option("key.format")!.valueSpan,
    );
    ok = false;
  }

  if (!o.requireAll(KAFKA_REQUIRED)) ok = false;
  if (!readOptionalOptions(ctx, KAFKA_OPTIONAL)) ok = false;

  const topics = resolveTopics(ctx);
  if (!topics) ok = false;

  let startup: ResolvedStartup = { mode: "group-offsets", specificOffsets: [] };
  let bounded: ResolvedBounded = { mode: "unbounded", specificOffsets: [] };
  let partitioner: ResolvedPartitioner = { kind: "default" };
  let deliveryGuarantee: ResolvedKafkaTable["deliveryGuarantee"] = "at-least-once";
  let transactionalIdPrefix: string | undefined;

  if (ctx.role === "source") {
    const s = resolveStartup(ctx, topics?.topics);
    const b = resolveBounded(ctx, topics?.topics);
    if (s) startup = s;
    else ok = false;
    if (b) bounded = b;
    else ok = false;
  } else {
    const p = validateSinkPartitioner(ctx);
    if (p) partitioner = p;
    else ok = false;
    const dg = resolveDeliveryGuarantee(ctx, true);
    if (dg) {
      deliveryGuarantee = dg.guarantee;
      transactionalIdPrefix = dg.transactionalIdPrefix;
    } else ok = false;
  }

  // validatePKConstraints: a primary key needs a value format that is not insert-only.
  if (
    ctx.table.primaryKey &&
    valueDiscovered &&
    valueDiscovered.factory.changelogMode === "insert-only"
  ) {
    o.error(
      `The Kafka table '${summaryName(ctx.table.name)}' with '${valueDiscovered.identifier}' format doesn't support defining PRIMARY KEY constraint on the table, because it can't guarantee the semantic of primary key.`,
      ctx.table.primaryKey.span,
    );
    ok = false;
  }

  const projection = projectKeyAndValue(ctx, o.option("key.format") !== undefined);
  if (!projection) ok = false;

  const properties = checkProperties(ctx, ctx.role === "source" ? startup.mode : undefined);
  warnMisplacedOptions(ctx);
  if (
    ctx.role === "source" &&
    (startup.mode === "group-offsets" || bounded.mode === "group-offsets")
  ) {
    if (!("group.id" in properties)) {
      o.error(
        `Property group.id is required when using committed offset for offsets initializer: set 'properties.group.id', or choose another 'scan.${startup.mode === "group-offsets" ? "startup" : "bounded"}.mode'.`,
        o.option("scan.startup.mode")?.valueSpan ?? ctx.table.withSpan,
      );
      ok = false;
    }
  }
  if (ctx.role === "source" && startup.mode === "group-offsets") {
    const reset = (properties["auto.offset.reset"] ?? "none").toLowerCase();
    startup.offsetResetStrategy = reset === "earliest" || reset === "latest" ? reset : "none";
  }

  const metadataColumns = topics ? resolveMetadataColumns(ctx, topics) : undefined;
  if (!metadataColumns) ok = false;

  const { keyFormat, valueFormat } = resolveKeyValueFormats(
    ctx,
    projection,
    { key: keyDiscovered, value: valueDiscovered },
    topics,
  );
  if (keyDiscovered && !keyFormat) ok = false;
  if (!valueFormat) ok = false;

  const sinkParallelism = ctx.role === "sink" ? o.value<number>(SINK_PARALLELISM) : undefined;
  const discovery = o.value<number>(SCAN_TOPIC_PARTITION_DISCOVERY) ?? 300000;

  if (!ok || !topics || !projection || !valueFormat || !metadataColumns) return undefined;
  return {
    connector: "kafka",
    ...resolvedKafkaCommon(ctx, {
      topics,
      properties,
      projection,
      keyFormat,
      valueFormat,
      metadataColumns,
    }),
    startup,
    bounded,
    partitionDiscoveryIntervalMs: discovery,
    partitioner,
    deliveryGuarantee,
    transactionalIdPrefix,
    sinkParallelism,
    // A kafka source emits inserts only for insert-only formats; changelog formats (debezium-json, ...) bring their own.
    changelogMode: valueFormat.changelogMode,
  };
}

/**
 * Flink's validateSinkPartitioner + getFlinkKafkaPartitioner: the option checked against the
 * attached classes, as a spec. Loading a custom class is the runtime's (ctx.resolvePartitioner).
 */
export function validateSinkPartitioner(ctx: ConnectorContext): ResolvedPartitioner | undefined {
  const o = ctx.options;
  const option = o.option(SINK_PARTITIONER.key);
  if (!option) return { kind: "default" };
  const value = option.value;
  if (value === "round-robin" && o.option("key.fields")) {
    o.error(
      "Currently 'round-robin' partitioner only works when option 'key.fields' is not specified.",
      option.valueSpan,
    );
    return undefined;
  }
  let spec: ResolvedPartitioner;
  try {
    spec = sinkPartitionerSpec(value);
  } catch (error) {
    if (!(error instanceof PartitionerValidationError)) throw error;
    o.error(error.message, option.valueSpan);
    return undefined;
  }
  if (spec.kind !== "custom") return spec;
  const attached = ctx.attachedPartitionerClasses;
  if (ctx.attachedOtherClasses?.includes(value) && !attached?.includes(value)) {
    o.error(
      `Sink partitioner class '${value}' should implement the required class ${KAFKA_PARTITIONER_INTERFACE}` +
        (attached && attached.length > 0
          ? `. The attached partitioners are: ${attached.map((c) => `'${c}'`).join(", ")}.`
          : ""),
      option.valueSpan,
    );
    return undefined;
  }
  if (attached !== undefined && !attached.includes(value)) {
    const match = closestMatch(value, [...BUILT_IN_PARTITIONERS, ...attached]);
    o.error(
      `Could not find and instantiate partitioner class '${value}'. ` +
        (match !== undefined
          ? `Did you mean '${match}'?`
          : "Attach the partitioner's JAR or JavaScript resource to the job (resource upload), or use 'default', 'fixed' or 'round-robin'."),
      option.valueSpan,
      replaceLiteralFix(option.valueSpan, match),
    );
    return undefined;
  }
  if (attached === undefined) {
    const builtIn = closestMatch(value, BUILT_IN_PARTITIONERS);
    if (builtIn !== undefined) {
      o.warning(
        `'${value}' is taken as the class name of a custom partitioner. Did you mean '${builtIn}'?`,
        option.valueSpan,
        replaceLiteralFix(option.valueSpan, builtIn),
      );
    }
  }
  return spec;
}
