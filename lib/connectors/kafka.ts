/**
 * The `kafka` connector (KafkaDynamicTableFactory, flink-connector-kafka 3.4.0): one factory for
 * sources and sinks; validation in Flink's order — formats, option types, topic, startup/bounded
 * modes (source) or partitioner and delivery guarantee (sink), primary key, key/value projection.
 */
import type { ConnectorContext, ConnectorFactory } from "./factory";
import { columnSpan, physicalColumns } from "./factory";
import {
  discoverFormat,
  resolveFormat,
  changelogModeString,
  type DiscoveredFormat,
} from "./format-discovery";
import {
  ENUM_CLASSES,
  KAFKA_OPTIONAL,
  KAFKA_REQUIRED,
  SCAN_BOUNDED_MODE,
  SCAN_BOUNDED_SPECIFIC_OFFSETS,
  SCAN_BOUNDED_TIMESTAMP_MILLIS,
  SCAN_STARTUP_MODE,
  SCAN_STARTUP_SPECIFIC_OFFSETS,
  SCAN_STARTUP_TIMESTAMP_MILLIS,
  SCAN_TOPIC_PARTITION_DISCOVERY,
  SINK_PARALLELISM,
  SINK_PARTITIONER,
  PROPS_BOOTSTRAP_SERVERS,
} from "./kafka-options";
import {
  checkProperties,
  parseSpecificOffsets,
  projectKeyAndValue,
  resolveDeliveryGuarantee,
  resolveMetadataColumns,
  resolveTopics,
  summaryName,
  warnMisplacedOptions,
} from "./kafka-shared";
import { closestMatch } from "./did-you-mean";
import type {
  BoundedMode,
  ResolvedBounded,
  ResolvedKafkaTable,
  ResolvedPartitioner,
  ResolvedStartup,
  StartupMode,
} from "./resolved";
import type { ConfigOption } from "@/lib/options/config-option";

const KAFKA_SOURCE_CLASS = "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSource";
const KAFKA_SINK_CLASS = "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSink";

export const kafkaConnector: ConnectorFactory = {
  identifier: "kafka",
  roles: ["source", "sink"],
  requiredOptions: KAFKA_REQUIRED,
  optionalOptions: KAFKA_OPTIONAL,
  validate: validateKafka,
};

function validateKafka(ctx: ConnectorContext): ResolvedKafkaTable | undefined {
  const o = ctx.options;
  o.declare([...KAFKA_REQUIRED, ...KAFKA_OPTIONAL]);
  let ok = true;

  // Formats: key.format (optional), then `format` or else `value.format` (getValueEncodingFormat).
  const keyDiscovered = discoverFormat(o, ctx.formats, "key.format", ctx.role);
  const valueVia = o.option("format") ? "format" : o.option("value.format") ? "value.format" : undefined;
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
  for (const option of KAFKA_OPTIONAL) {
    if (o.read(option, ENUM_CLASSES[option.key]).state === "invalid") ok = false;
  }

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
    const p = resolvePartitioner(ctx);
    if (p) partitioner = p;
    else ok = false;
    const dg = resolveDeliveryGuarantee(ctx, true);
    if (dg) {
      deliveryGuarantee = dg.guarantee;
      transactionalIdPrefix = dg.transactionalIdPrefix;
    } else ok = false;
  }

  // validatePKConstraints: a primary key needs a value format that is not insert-only.
  if (ctx.table.primaryKey && valueDiscovered && valueDiscovered.factory.changelogMode === "insert-only") {
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
  if (ctx.role === "source" && (startup.mode === "group-offsets" || bounded.mode === "group-offsets")) {
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

  const metadataColumns = topics
    ? resolveMetadataColumns(ctx, topics, { source: KAFKA_SOURCE_CLASS, sink: KAFKA_SINK_CLASS })
    : undefined;
  if (!metadataColumns) ok = false;

  const singleTopic = topics?.topics?.length === 1 ? topics.topics[0] : undefined;
  const keyFormat =
    keyDiscovered && projection
      ? resolveFormat(o, keyDiscovered, {
          part: "key",
          role: ctx.role,
          fields: projection.keyFields.map((f) => ({
            name: projection.keyPrefix ? f.name.slice(projection.keyPrefix.length) : f.name,
            type: f.type,
          })),
          columnSpan: (n) => columnSpan(ctx.table, (projection.keyPrefix ?? "") + n),
          topic: singleTopic,
        })
      : undefined;
  if (keyDiscovered && !keyFormat) ok = false;
  const valueFormat =
    valueDiscovered && projection
      ? resolveFormat(o, valueDiscovered, {
          part: "value",
          role: ctx.role,
          fields: projection.valueFields.map((f) => ({ name: f.name, type: f.type })),
          columnSpan: (n) => columnSpan(ctx.table, n),
          topic: singleTopic,
        })
      : undefined;
  if (!valueFormat) ok = false;

  const sinkParallelism = ctx.role === "sink" ? o.value<number>(SINK_PARALLELISM) : undefined;
  const discovery = o.value<number>(SCAN_TOPIC_PARTITION_DISCOVERY) ?? 300000;

  if (!ok || !topics || !projection || !valueFormat || !metadataColumns) return undefined;
  const bootstrap = o.option(PROPS_BOOTSTRAP_SERVERS.key)!.value;
  return {
    connector: "kafka",
    role: ctx.role,
    ...topics,
    bootstrapServers: bootstrap,
    properties,
    valueFormat,
    keyFormat,
    keyFields: projection.keyFields,
    keyFieldsPrefix: projection.keyPrefix,
    valueFieldsInclude: projection.valueFieldsInclude,
    valueFields: projection.valueFields,
    physicalFields: physicalColumns(ctx.table).map((c) => ({ name: c.name, type: c.type })),
    metadataColumns,
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

function readOffsets(
  ctx: ConnectorContext,
  modeOption: ConfigOption,
  offsetsOption: ConfigOption,
  timestampOption: ConfigOption,
  word: "startup" | "bounded",
  topics: string[] | undefined,
): { mode: string; specificOffsets: Array<{ partition: number; offset: number }>; timestampMillis?: number } | undefined {
  const o = ctx.options;
  const mode = o.read<string>(modeOption, ENUM_CLASSES[modeOption.key]);
  if (mode.state === "invalid") return undefined;
  const value = mode.state === "value" ? mode.value : modeOption.defaultValue!;
  const result = { mode: value, specificOffsets: [] as Array<{ partition: number; offset: number }>, timestampMillis: undefined as number | undefined };
  if (value === "timestamp") {
    const ts = o.read<number>(timestampOption);
    if (ts.state === "absent") {
      o.error(`'${timestampOption.key}' is required in 'timestamp' ${word} mode but missing.`, o.option(modeOption.key)?.valueSpan ?? ctx.table.withSpan);
      return undefined;
    }
    if (ts.state === "invalid") return undefined;
    if (ts.state === "value") result.timestampMillis = ts.value;
  }
  if (value === "specific-offsets") {
    const offsets = o.option(offsetsOption.key);
    if (!offsets) {
      o.error(`'${offsetsOption.key}' is required in 'specific-offsets' ${word} mode but missing.`, o.option(modeOption.key)?.valueSpan ?? ctx.table.withSpan);
      return undefined;
    }
    if (!(topics && topics.length === 1)) {
      o.error("Currently Kafka source only supports specific offset for single topic.", offsets.keySpan);
      return undefined;
    }
    const parsed = parseSpecificOffsets(offsets.value, offsetsOption.key);
    if (typeof parsed === "string") {
      o.error(parsed, offsets.valueSpan);
      return undefined;
    }
    result.specificOffsets = parsed;
  }
  return result;
}

function resolveStartup(ctx: ConnectorContext, topics: string[] | undefined): ResolvedStartup | undefined {
  const r = readOffsets(ctx, SCAN_STARTUP_MODE, SCAN_STARTUP_SPECIFIC_OFFSETS, SCAN_STARTUP_TIMESTAMP_MILLIS, "startup", topics);
  return r && { ...r, mode: r.mode as StartupMode };
}

function resolveBounded(ctx: ConnectorContext, topics: string[] | undefined): ResolvedBounded | undefined {
  const r = readOffsets(ctx, SCAN_BOUNDED_MODE, SCAN_BOUNDED_SPECIFIC_OFFSETS, SCAN_BOUNDED_TIMESTAMP_MILLIS, "bounded", topics);
  return r && { ...r, mode: r.mode as BoundedMode };
}

const BUILT_IN_PARTITIONERS = ["default", "fixed", "round-robin"];

/** validateSinkPartitioner + getFlinkKafkaPartitioner. */
export function resolvePartitioner(ctx: ConnectorContext): ResolvedPartitioner | undefined {
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
  if (value === "") {
    o.error("Option 'sink.partitioner' should be a non-empty string.", option.valueSpan);
    return undefined;
  }
  if (value === "default" || value === "fixed" || value === "round-robin") return { kind: value };
  const attached = ctx.attachedPartitionerClasses;
  if (attached !== undefined && !attached.includes(value)) {
    const match = closestMatch(value, [...BUILT_IN_PARTITIONERS, ...attached]);
    o.error(
      `Could not find and instantiate partitioner class '${value}'. ` +
        (match !== undefined
          ? `Did you mean '${match}'?`
          : "Attach the partitioner's JAR or JavaScript resource to the job (resource upload), or use 'default', 'fixed' or 'round-robin'."),
      option.valueSpan,
    );
    return undefined;
  }
  if (attached === undefined) {
    const builtIn = closestMatch(value, BUILT_IN_PARTITIONERS);
    if (builtIn !== undefined) {
      o.warning(
        `'${value}' is taken as the class name of a custom partitioner. Did you mean '${builtIn}'?`,
        option.valueSpan,
      );
    }
  }
  return { kind: "custom", className: value };
}
