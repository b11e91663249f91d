/**
 * Rules the `kafka` and `upsert-kafka` factories share, from flink-connector-kafka 3.4.0's
 * KafkaConnectorOptionsUtil, KafkaDynamicTableFactory and KafkaSinkBuilder, with their messages.
 */
import type { TableOption, TableRole } from "../table";
import type { ConnectorContext, ConnectorMetadata } from "../factory";
import type { MetadataKey } from "@/lib/formats/format";
import { T } from "@/lib/types/logical-type";
import { columnSpan, physicalColumns } from "../factory";
import { resolveFormat, type DiscoveredFormat } from "../format-discovery";
import type { ConfigOption } from "@/lib/options/config-option";
import { closestMatch, didYouMean } from "../did-you-mean";
import { replaceLiteralFix } from "@/lib/sql/fixes";
import type { QuickFix } from "@/lib/sql/diagnostic";
import type { OptionsContext } from "../options-context";
import { checkClientProperties } from "@/lib/kafka/client-config/check";
import { checkAttachedStores } from "../attached-stores";
import {
  DELIVERY_GUARANTEE,
  ENUM_CLASSES,
  FLINK_SINK_PROPERTY_KEYS,
  FLINK_SOURCE_PROPERTY_KEYS,
  KEY_FIELDS,
  KEY_FIELDS_PREFIX,
  PROPS_BOOTSTRAP_SERVERS,
  SINK_ONLY_KEYS,
  SINK_SEMANTIC,
  SOURCE_ONLY_KEYS,
  TOPIC,
  TOPIC_PATTERN,
  TRANSACTIONAL_ID_PREFIX,
  VALUE_FIELDS_INCLUDE,
} from "./kafka-options";
import type { ResolvedField, ResolvedFormat, ResolvedMetadataColumn } from "../resolved";
import type { DeliveryGuarantee, ResolvedKafkaCommon } from "./resolved";
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";

export const PROPERTIES_PREFIX = "properties.";

export function summaryName(name: string): string {
  return name.includes(".") ? name : `default_catalog.default_database.${name}`;
}

/** KafkaConnectorOptionsUtil.validateTopic. */
export function resolveTopics(
  ctx: ConnectorContext,
): { topics?: string[]; topicPattern?: string } | undefined {
  const o = ctx.options;
  const topic = o.read<string[]>(TOPIC);
  const pattern = o.read<string>(TOPIC_PATTERN);
  if (topic.state !== "absent" && pattern.state !== "absent") {
    o.error(
      "Option 'topic' and 'topic-pattern' shouldn't be set together.",
      o.option("topic-pattern")!.keySpan,
    );
    return undefined;
  }
  if (topic.state === "absent" && pattern.state === "absent") {
    o.error("Either 'topic' or 'topic-pattern' must be set.", ctx.table.withSpan);
    return undefined;
  }
  if (topic.state === "value") {
    if (topic.value.length === 0 || topic.value.some((t) => t === "")) {
      o.error(
        `Option 'topic' must name one or more topics separated by ';', but is '${topic.option!.value}'.`,
        topic.option!.valueSpan,
      );
      return undefined;
    }
    return { topics: topic.value };
  }
  if (topic.state === "secret") return { topics: [topic.option.value] };
  if (pattern.state === "value") {
    try {
      new RegExp(pattern.value);
    } catch (e) {
      o.error(
        `Option 'topic-pattern' is not a valid regular expression: ${(e as Error).message}.`,
        pattern.option!.valueSpan,
      );
      return undefined;
    }
    return { topicPattern: pattern.value };
  }
  return topic.state === "invalid" || pattern.state === "invalid"
    ? undefined
    : { topicPattern: o.raw("topic-pattern") };
}

export interface KeyValueProjection {
  keyFields: ResolvedField[];
  valueFields: ResolvedField[];
  keyPrefix?: string;
  valueFieldsInclude: "ALL" | "EXCEPT_KEY";
}

/**
 * createKeyFormatProjection / createValueFormatProjection. `keyFieldNames` overrides key.fields
 * (upsert-kafka uses the primary key); `keyFieldsSpan` is where to point at key-field problems.
 */
export function projectKeyAndValue(
  ctx: ConnectorContext,
  hasKeyFormat: boolean,
  keyFieldNames?: { names: string[]; span: import("@/lib/sql/diagnostic").SourceSpan },
): KeyValueProjection | undefined {
  const o = ctx.options;
  const physical = physicalColumns(ctx.table);
  const physicalNames = physical.map((c) => c.name);
  let ok = true;

  let names: string[] | undefined;
  let namesSpan = ctx.table.withSpan;
  let keyFieldsOption: TableOption | undefined;
  if (keyFieldNames) {
    names = keyFieldNames.names;
    namesSpan = keyFieldNames.span;
  } else {
    const read = o.read<string[]>(KEY_FIELDS);
    keyFieldsOption = o.option("key.fields");
    if (read.state === "invalid") return undefined;
    if (keyFieldsOption && read.state === "value") {
      names = read.value;
      namesSpan = keyFieldsOption.valueSpan;
    }
  }

  if (!hasKeyFormat && keyFieldsOption) {
    o.error(
      "The option 'key.fields' can only be declared if a key format is defined using 'key.format'.",
      keyFieldsOption.keySpan,
    );
    return undefined;
  }
  if (hasKeyFormat && (names === undefined || names.length === 0)) {
    o.error(
      "A key format 'key.format' requires the declaration of one or more of key fields using 'key.fields'.",
      o.option("key.format")!.keySpan,
    );
    return undefined;
  }

  const prefixRead = o.read<string>(KEY_FIELDS_PREFIX);
  const keyPrefix = prefixRead.state === "value" ? prefixRead.value : undefined;
  const keyFields: ResolvedField[] = [];
  for (const name of hasKeyFormat ? (names ?? []) : []) {
    const index = physicalNames.indexOf(name);
    if (index < 0) {
      o.error(
        `Could not find the field '${name}' in the table schema for usage in the key format. ` +
          "A key field must be a regular, physical column. " +
          `The following columns can be selected in the 'key.fields' option:\n[${physicalNames.join(", ")}]` +
          didYouMean(name, physicalNames),
        namesSpan,
        keyFieldsFix(o, name, closestMatch(name, physicalNames)),
      );
      ok = false;
      continue;
    }
    if (!name.startsWith(keyPrefix ?? "")) {
      o.error(
        `All fields in 'key.fields' must be prefixed with '${keyPrefix}' when option 'key.fields-prefix' is set but field '${name}' is not prefixed.`,
        namesSpan,
      );
      ok = false;
      continue;
    }
    keyFields.push({ index, name, type: physical[index].type });
  }

  const include = o.read<string>(VALUE_FIELDS_INCLUDE, ENUM_CLASSES["value.fields-include"]);
  if (include.state === "invalid") return undefined;
  const valueFieldsInclude = (include.state === "value" ? include.value : "ALL") as
    "ALL" | "EXCEPT_KEY";
  if (valueFieldsInclude === "ALL" && (keyPrefix ?? "").length > 0) {
    o.error(
      "A key prefix is not allowed when option 'value.fields-include' is set to 'ALL'. Set it to 'EXCEPT_KEY' instead to avoid field overlaps.",
      o.option("key.fields-prefix")!.keySpan,
    );
    return undefined;
  }
  if (!ok) return undefined;
  const keyIndexes = new Set(keyFields.map((f) => f.index));
  const valueFields = physical
    .map((c, index) => ({ index, name: c.name, type: c.type }))
    .filter((f) => valueFieldsInclude === "ALL" || !keyIndexes.has(f.index));
  return { keyFields, valueFields, keyPrefix, valueFieldsInclude };
}

/**
 * The key and value formats over the projected fields. Key fields are handed to the key format
 * without key.fields-prefix, as Flink's createKeyFormatProjection strips it.
 */
export function resolveKeyValueFormats(
  ctx: ConnectorContext,
  projection: KeyValueProjection | undefined,
  discovered: { key?: DiscoveredFormat; value?: DiscoveredFormat },
  topics: { topics?: string[] } | undefined,
): { keyFormat?: ResolvedFormat; valueFormat?: ResolvedFormat } {
  if (!projection) return {};
  const o = ctx.options;
  const prefix = projection.keyPrefix ?? "";
  const topic = topics?.topics?.length === 1 ? topics.topics[0] : undefined;
  const keyFormat = discovered.key
    ? resolveFormat(o, discovered.key, {
        part: "key",
        role: ctx.role,
        fields: projection.keyFields.map((f) => ({
          name: prefix ? f.name.slice(prefix.length) : f.name,
          type: f.type,
        })),
        columnSpan: (n) => columnSpan(ctx.table, prefix + n),
        topic,
      })
    : undefined;
  const valueFormat = discovered.value
    ? resolveFormat(o, discovered.value, {
        part: "value",
        role: ctx.role,
        fields: projection.valueFields.map((f) => ({ name: f.name, type: f.type })),
        columnSpan: (n) => columnSpan(ctx.table, n),
        topic,
      })
    : undefined;
  return { keyFormat, valueFormat };
}

/** Reads every option a factory declares as optional, so a bad value is reported even where it goes unused. */
export function readOptionalOptions(
  ctx: ConnectorContext,
  options: readonly ConfigOption[],
): boolean {
  let ok = true;
  for (const option of options) {
    if (ctx.options.read(option, ENUM_CLASSES[option.key]).state === "invalid") ok = false;
  }
  return ok;
}

/** The part of a resolved kafka / upsert-kafka table that both build the same way. */
export function resolvedKafkaCommon(
  ctx: ConnectorContext,
  parts: {
    topics: { topics?: string[]; topicPattern?: string };
    properties: Record<string, string>;
    projection: KeyValueProjection;
    keyFormat: ResolvedFormat | undefined;
    valueFormat: ResolvedFormat;
    metadataColumns: ResolvedMetadataColumn[];
  },
): Pick<
  ResolvedKafkaCommon,
  | "role"
  | "topics"
  | "topicPattern"
  | "bootstrapServers"
  | "properties"
  | "valueFormat"
  | "keyFormat"
  | "keyFields"
  | "keyFieldsPrefix"
  | "valueFieldsInclude"
  | "valueFields"
  | "physicalFields"
  | "metadataColumns"
> {
  const { projection } = parts;
  return {
    role: ctx.role,
    ...parts.topics,
    bootstrapServers: ctx.options.option(PROPS_BOOTSTRAP_SERVERS.key)!.value,
    properties: parts.properties,
    valueFormat: parts.valueFormat,
    keyFormat: parts.keyFormat,
    keyFields: projection.keyFields,
    keyFieldsPrefix: projection.keyPrefix,
    valueFieldsInclude: projection.valueFieldsInclude,
    valueFields: projection.valueFields,
    physicalFields: physicalColumns(ctx.table).map((c) => ({ name: c.name, type: c.type })),
    metadataColumns: parts.metadataColumns,
  };
}

/** Sink delivery guarantee: sink.semantic (deprecated) wins when set, as validateDeprecatedSemantic does. */
export function resolveDeliveryGuarantee(
  ctx: ConnectorContext,
  allowSemantic: boolean,
): { guarantee: DeliveryGuarantee; transactionalIdPrefix?: string } | undefined {
  const o = ctx.options;
  const dg = o.read<string>(DELIVERY_GUARANTEE, ENUM_CLASSES["sink.delivery-guarantee"]);
  if (dg.state === "invalid") return undefined;
  let guarantee = (dg.state === "value" ? dg.value : "at-least-once") as DeliveryGuarantee;
  const prefixRead = o.read<string>(TRANSACTIONAL_ID_PREFIX);
  const prefixOption = o.option("sink.transactional-id-prefix");
  let transactionalIdPrefix = prefixOption?.value;

  // validateDeliveryGuarantee looks at sink.delivery-guarantee only.
  if (guarantee === "exactly-once" && prefixRead.state === "absent") {
    o.error(
      "sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE.",
      dg.state === "value" && dg.option ? dg.option.valueSpan : ctx.table.withSpan,
    );
    return undefined;
  }

  const semantic = allowSemantic ? o.read<string>(SINK_SEMANTIC) : { state: "absent" as const };
  if (semantic.state === "value") {
    const option = semantic.option!;
    const constant = semantic.value.toUpperCase().replaceAll("-", "_");
    const byConstant: Record<string, DeliveryGuarantee> = {
      EXACTLY_ONCE: "exactly-once",
      AT_LEAST_ONCE: "at-least-once",
      NONE: "none",
    };
    if (!(constant in byConstant)) {
      o.error(
        `No enum constant org.apache.flink.connector.base.DeliveryGuarantee.${constant}: 'sink.semantic' must be one of exactly-once, at-least-once, none.`,
        option.valueSpan,
      );
      return undefined;
    }
    guarantee = byConstant[constant];
    if (guarantee === "exactly-once" && transactionalIdPrefix === undefined) {
      // KafkaSinkBuilder's own default prefix applies: the table factory only checked sink.delivery-guarantee.
      transactionalIdPrefix = "kafka-sink";
      o.warning(
        "'sink.semantic' = 'exactly-once' without 'sink.transactional-id-prefix': Flink's KafkaSink falls back to the prefix 'kafka-sink', " +
          "which every such job on the cluster shares and whose transactions then fence each other; set 'sink.transactional-id-prefix'.",
        option.valueSpan,
      );
    }
  }
  if (
    transactionalIdPrefix !== undefined &&
    !hasSecretPlaceholder(transactionalIdPrefix) &&
    new TextEncoder().encode(transactionalIdPrefix).length > 64000
  ) {
    o.error(
      "The configured prefix is too long and the resulting transactionalId might exceed Kafka's transactionalIds size.",
      prefixOption!.valueSpan,
    );
    return undefined;
  }
  return { guarantee, transactionalIdPrefix };
}

/**
 * EXPLAIN's settings of a kafka / upsert-kafka table: topics, formats, key fields, and the
 * sink's partitioner (kafka only) and delivery guarantee or the source's startup mode.
 */
export function explainKafkaTable(
  r: ResolvedKafkaCommon & { startup: { mode: string } },
  role: TableRole,
  partitioner?: string,
): string[] {
  const parts = [
    r.topics ? `topic=[${r.topics.join(", ")}]` : `topic-pattern=${r.topicPattern}`,
    `value.format=${r.valueFormat.identifier}`,
  ];
  if (r.keyFormat)
    parts.push(
      `key.format=${r.keyFormat.identifier}`,
      `key.fields=[${r.keyFields.map((f) => f.name).join(", ")}]`,
    );
  if (role === "sink") {
    if (partitioner !== undefined) parts.push(`partitioner=${partitioner}`);
    parts.push(`delivery-guarantee=${r.deliveryGuarantee}`);
    if (r.transactionalIdPrefix) parts.push(`transactional-id-prefix=${r.transactionalIdPrefix}`);
  } else {
    parts.push(`startup=${r.startup.mode}`);
  }
  return parts;
}

/** Whether the sink may write `topic` (3.3.0+): with a topic list or a topic pattern, not one topic. */
function topicWritable(topics: { topics?: string[]; topicPattern?: string }): boolean {
  return topics.topicPattern !== undefined || (topics.topics?.length ?? 0) > 1;
}

function writableMetadata(topicIsWritable: boolean): MetadataKey[] {
  return [
    ...(topicIsWritable ? [{ key: "topic", type: T.string(false) }] : []),
    { key: "headers", type: T.map(T.string(true), T.bytes(true), true) },
    { key: "timestamp", type: T.timestampLtz(3, true) },
  ];
}

/**
 * KafkaDynamicSource.ReadableMetadata / KafkaDynamicSink.WritableMetadata (3.4.0). upsert-kafka
 * builds the same source and sink classes, so both connectors declare this.
 */
export const KAFKA_METADATA: ConnectorMetadata = {
  sourceClass: "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSource",
  sinkClass: "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSink",
  readable: [
    { key: "topic", type: T.string(false) },
    { key: "partition", type: T.int(false) },
    { key: "headers", type: T.map(T.string(), T.bytes(), false) },
    { key: "leader-epoch", type: T.int(true) },
    { key: "offset", type: T.bigint(false) },
    { key: "timestamp", type: T.timestampLtz(3, false) },
    { key: "timestamp-type", type: T.string(false) },
  ],
  writable(options) {
    const topic = options.get(TOPIC.key);
    return writableMetadata(
      topicWritable({
        ...(topic !== undefined ? { topics: topic.split(";").filter((t) => t.trim() !== "") } : {}),
        ...(options.has(TOPIC_PATTERN.key) ? { topicPattern: options.get(TOPIC_PATTERN.key) } : {}),
      }),
    );
  },
  writableNote:
    "`topic` STRING NOT NULL too when 'topic' lists several topics or 'topic-pattern' is set",
  valueFormatMetadata: true,
};

const READABLE_METADATA = KAFKA_METADATA.readable.map((m) => m.key);

/**
 * Metadata columns against KafkaDynamicSource.ReadableMetadata / KafkaDynamicSink.WritableMetadata
 * (3.4.0); `value.*` keys belong to the value format and are passed through.
 */
export function resolveMetadataColumns(
  ctx: ConnectorContext,
  topics: { topics?: string[]; topicPattern?: string },
): ResolvedMetadataColumn[] | undefined {
  const o = ctx.options;
  const writable = writableMetadata(topicWritable(topics)).map((m) => m.key);
  const supported = ctx.role === "source" ? READABLE_METADATA : writable;
  const result: ResolvedMetadataColumn[] = [];
  let ok = true;
  ctx.table.columns.forEach((column, index) => {
    if (column.kind !== "metadata") return;
    const key = column.metadataKey ?? column.name;
    const virtual = column.virtual ?? false;
    if (ctx.role === "sink" && virtual) return; // not written
    if (!key.startsWith("value.") && !supported.includes(key)) {
      ok = false;
      const readOnlyHint =
        ctx.role === "sink" && key === "topic"
          ? " Metadata 'topic' is writable only when 'topic' lists several topics or 'topic-pattern' is set."
          : ctx.role === "sink" && READABLE_METADATA.includes(key)
            ? ` Metadata '${key}' can only be read: declare the column as VIRTUAL to exclude it from INSERT.`
            : didYouMean(key, supported);
      o.error(
        `Invalid metadata key '${key}' in column '${column.name}' of table '${summaryName(ctx.table.name)}'. ` +
          `The ${ctx.role === "source" ? "DynamicTableSource" : "DynamicTableSink"} class '${ctx.role === "source" ? KAFKA_METADATA.sourceClass : KAFKA_METADATA.sinkClass}' ` +
          `supports the following metadata keys for ${ctx.role === "source" ? "reading" : "writing"}:\n${supported.join("\n")}` +
          readOnlyHint,
        column.span,
      );
      return;
    }
    result.push({ index, name: column.name, key, type: column.type, virtual });
  });
  return ok ? result : undefined;
}

/** `properties.*`: Kafka client checks, plus Flink's own handling of some keys. */
export function checkProperties(
  ctx: ConnectorContext,
  startupMode?: string,
): Record<string, string> {
  const o = ctx.options;
  o.consumePrefix(PROPERTIES_PREFIX);
  const properties: Record<string, string> = {};
  const spans = new Map<string, TableOption>();
  for (const key of o.keys) {
    if (!key.startsWith(PROPERTIES_PREFIX)) continue;
    const bare = key.slice(PROPERTIES_PREFIX.length);
    properties[bare] = o.raw(key)!;
    spans.set(bare, o.option(key)!);
  }
  const forClient = { ...properties };
  const role = ctx.role === "source" ? "consumer" : "producer";
  if (ctx.role === "sink" && "group.id" in forClient) {
    delete forClient["group.id"];
    if (!ctx.firstUse)
      o.warning(
        "'properties.group.id' only applies to sources (the Kafka consumer); it has no effect when the table is written to.",
        spans.get("group.id")!.keySpan,
      );
  }
  if (ctx.role === "source") {
    if (
      "auto.offset.reset" in forClient &&
      startupMode !== undefined &&
      startupMode !== "group-offsets"
    ) {
      o.warning(
        `'properties.auto.offset.reset' is overridden by 'scan.startup.mode' = '${startupMode}'; Flink honours it only in 'group-offsets' mode.`,
        spans.get("auto.offset.reset")!.keySpan,
      );
    }
    if ("partition.discovery.interval.ms" in forClient) {
      o.warning(
        "'properties.partition.discovery.interval.ms' is overridden by 'scan.topic-partition-discovery.interval'.",
        spans.get("partition.discovery.interval.ms")!.keySpan,
      );
    }
  }
  if (ctx.role === "sink" && "transactional.id" in forClient) {
    delete forClient["transactional.id"];
    o.warning(
      "'properties.transactional.id' is managed by the sink: transactional ids are derived from 'sink.transactional-id-prefix'.",
      spans.get("transactional.id")!.keySpan,
    );
  }
  const extraKnownKeys =
    ctx.role === "source" ? FLINK_SOURCE_PROPERTY_KEYS : FLINK_SINK_PROPERTY_KEYS;
  for (const issue of checkClientProperties(forClient, role, {
    keyPrefix: PROPERTIES_PREFIX,
    extraKnownKeys,
  })) {
    const option = spans.get(issue.key);
    const span = option
      ? issue.message.startsWith("Invalid value")
        ? option.valueSpan
        : option.keySpan
      : ctx.table.withSpan;
    const fixes =
      option && issue.suggestion !== undefined
        ? replaceLiteralFix(option.keySpan, PROPERTIES_PREFIX + issue.suggestion)
        : undefined;
    if (issue.severity === "error") o.error(issue.message, span, fixes);
    else o.warning(issue.message, span, fixes);
  }
  checkAttachedStores(o, properties, spans, ctx.attachedStoreFiles, PROPERTIES_PREFIX);
  return properties;
}

/** Options that are accepted on both sides but mean something on one only. */
export function warnMisplacedOptions(ctx: ConnectorContext): void {
  const o = ctx.options;
  if (ctx.firstUse) return;
  const wrong = ctx.role === "source" ? SINK_ONLY_KEYS : SOURCE_ONLY_KEYS;
  for (const key of wrong) {
    const option = o.option(key);
    if (!option || (key === "properties.group.id" && ctx.role === "sink")) continue;
    o.warning(
      ctx.role === "source"
        ? `'${key}' only applies when the table is written to (a sink); it has no effect when '${ctx.table.name}' is read.`
        : `'${key}' only applies when the table is read (a source); it has no effect when '${ctx.table.name}' is written to.`,
      option.keySpan,
    );
  }
}

/** 'key.fields' with one misspelt column replaced by the suggestion. */
function keyFieldsFix(o: OptionsContext, name: string, match: string | undefined): QuickFix[] {
  const option = o.option("key.fields");
  if (!option || match === undefined) return [];
  const fixed = option.value
    .split(";")
    .map((part) => (part.trim() === name ? part.replace(name, match) : part))
    .join(";");
  return replaceLiteralFix(option.valueSpan, fixed);
}
