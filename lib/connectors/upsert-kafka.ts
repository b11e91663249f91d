/**
 * The `upsert-kafka` connector (UpsertKafkaDynamicTableFactory, flink-connector-kafka 3.4.0): the
 * PRIMARY KEY is the record key, deletes are tombstones, the source always starts from the
 * earliest offset, and the sink may buffer changes per key (sink.buffer-flush.*).
 */
import type { ConnectorContext, ConnectorFactory } from "./factory";
import { columnSpan, physicalColumns } from "./factory";
import { discoverFormat, resolveFormat, type DiscoveredFormat } from "./format-discovery";
import {
  ENUM_CLASSES,
  PROPS_BOOTSTRAP_SERVERS,
  SCAN_BOUNDED_MODE,
  SCAN_BOUNDED_SPECIFIC_OFFSETS,
  SCAN_BOUNDED_TIMESTAMP_MILLIS,
  SINK_BUFFER_FLUSH_INTERVAL,
  SINK_BUFFER_FLUSH_MAX_ROWS,
  SINK_PARALLELISM,
  UPSERT_KAFKA_OPTIONAL,
  UPSERT_KAFKA_REQUIRED,
} from "./kafka-options";
import {
  checkProperties,
  parseSpecificOffsets,
  projectKeyAndValue,
  resolveDeliveryGuarantee,
  resolveMetadataColumns,
  resolveTopics,
  warnMisplacedOptions,
} from "./kafka-shared";
import type { BoundedMode, ResolvedBounded, ResolvedUpsertKafkaTable } from "./resolved";

const SOURCE_CLASS = "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSource";
const SINK_CLASS = "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSink";

export const upsertKafkaConnector: ConnectorFactory = {
  identifier: "upsert-kafka",
  roles: ["source", "sink"],
  requiredOptions: UPSERT_KAFKA_REQUIRED,
  optionalOptions: UPSERT_KAFKA_OPTIONAL,
  validate: validateUpsertKafka,
};

function validateUpsertKafka(ctx: ConnectorContext): ResolvedUpsertKafkaTable | undefined {
  const o = ctx.options;
  o.declare([...UPSERT_KAFKA_REQUIRED, ...UPSERT_KAFKA_OPTIONAL]);
  let ok = true;
  const kind = ctx.role === "sink" ? "sink" : "scan";

  const discovered: Partial<Record<"key" | "value", DiscoveredFormat>> = {};
  for (const part of ["key", "value"] as const) {
    const key = `${part}.format` as const;
    if (!o.option(key)) {
      o.error(`Could not find required ${kind} format '${key}'.`, ctx.table.withSpan);
      ok = false;
      continue;
    }
    const d = discoverFormat(o, ctx.formats, key, ctx.role);
    if (!d) {
      ok = false;
      continue;
    }
    discovered[part] = d;
    // validateFormat: upsert-kafka supplies the changelog itself, so both formats must be insert-only.
    if (d.factory.changelogMode !== "insert-only") {
      o.error(
        `'upsert-kafka' connector doesn't support '${d.identifier}' as ${part} format, because '${d.identifier}' is not in insert-only mode.`,
        o.option(key)!.valueSpan,
      );
      ok = false;
    }
  }
  if (!o.requireAll([PROPS_BOOTSTRAP_SERVERS])) ok = false;
  for (const option of UPSERT_KAFKA_OPTIONAL) {
    if (o.read(option, ENUM_CLASSES[option.key]).state === "invalid") ok = false;
  }

  const pk = ctx.table.primaryKey;
  if (!pk || pk.columns.length === 0) {
    o.error(
      "'upsert-kafka' tables require to define a PRIMARY KEY constraint. " +
        "The PRIMARY KEY specifies which columns should be read from or write to the Kafka message key. " +
        "The PRIMARY KEY also defines records in the 'upsert-kafka' table should update or delete on which keys.",
      ctx.table.withSpan,
    );
    ok = false;
  }

  const topics = resolveTopics(ctx);
  if (!topics) ok = false;

  let bounded: ResolvedBounded = { mode: "unbounded", specificOffsets: [] };
  let bufferFlush = { maxRows: 0, intervalMs: 0, enabled: false };
  let deliveryGuarantee: ResolvedUpsertKafkaTable["deliveryGuarantee"] = "at-least-once";
  let transactionalIdPrefix: string | undefined;
  if (ctx.role === "source") {
    const b = resolveBounded(ctx, topics?.topics);
    if (b) bounded = b;
    else ok = false;
  } else {
    const maxRows = o.value<number>(SINK_BUFFER_FLUSH_MAX_ROWS) ?? 0;
    const intervalMs = o.value<number>(SINK_BUFFER_FLUSH_INTERVAL) ?? 0;
    if ((maxRows > 0) !== (intervalMs > 0)) {
      o.error(
        "'sink.buffer-flush.max-rows' and 'sink.buffer-flush.interval' must be set to be greater than zero together to enable sink buffer flushing.",
        (o.option("sink.buffer-flush.max-rows") ?? o.option("sink.buffer-flush.interval"))!.valueSpan,
      );
      ok = false;
    }
    bufferFlush = { maxRows, intervalMs, enabled: maxRows > 0 && intervalMs > 0 };
    const dg = resolveDeliveryGuarantee(ctx, false);
    if (dg) {
      deliveryGuarantee = dg.guarantee;
      transactionalIdPrefix = dg.transactionalIdPrefix;
    } else ok = false;
  }

  const projection = pk && pk.columns.length > 0 ? projectKeyAndValue(ctx, true, { names: pk.columns, span: pk.span }) : undefined;
  if (!projection) ok = false;

  const properties = checkProperties(ctx);
  warnMisplacedOptions(ctx);
  const metadataColumns = topics ? resolveMetadataColumns(ctx, topics, { source: SOURCE_CLASS, sink: SINK_CLASS }) : undefined;
  if (!metadataColumns) ok = false;

  const singleTopic = topics?.topics?.length === 1 ? topics.topics[0] : undefined;
  const keyFormat =
    discovered.key && projection
      ? resolveFormat(o, discovered.key, {
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
  const valueFormat =
    discovered.value && projection
      ? resolveFormat(o, discovered.value, {
          part: "value",
          role: ctx.role,
          fields: projection.valueFields.map((f) => ({ name: f.name, type: f.type })),
          columnSpan: (n) => columnSpan(ctx.table, n),
          topic: singleTopic,
        })
      : undefined;

  if (!ok || !topics || !projection || !keyFormat || !valueFormat || !metadataColumns || !pk) return undefined;
  return {
    connector: "upsert-kafka",
    role: ctx.role,
    ...topics,
    bootstrapServers: o.option(PROPS_BOOTSTRAP_SERVERS.key)!.value,
    properties,
    valueFormat,
    keyFormat,
    keyFields: projection.keyFields,
    keyFieldsPrefix: projection.keyPrefix,
    valueFieldsInclude: projection.valueFieldsInclude,
    valueFields: projection.valueFields,
    physicalFields: physicalColumns(ctx.table).map((c) => ({ name: c.name, type: c.type })),
    metadataColumns,
    primaryKey: pk.columns,
    startup: { mode: "earliest-offset", specificOffsets: [] },
    bounded,
    bufferFlush,
    deliveryGuarantee,
    transactionalIdPrefix,
    sinkParallelism: ctx.role === "sink" ? o.value<number>(SINK_PARALLELISM) : undefined,
    changelogMode: "upsert",
  };
}

function resolveBounded(ctx: ConnectorContext, topics: string[] | undefined): ResolvedBounded | undefined {
  const o = ctx.options;
  const mode = o.read<string>(SCAN_BOUNDED_MODE, ENUM_CLASSES["scan.bounded.mode"]);
  if (mode.state === "invalid") return undefined;
  const value = (mode.state === "value" ? mode.value : "unbounded") as BoundedMode;
  const result: ResolvedBounded = { mode: value, specificOffsets: [] };
  const modeSpan = o.option("scan.bounded.mode")?.valueSpan ?? ctx.table.withSpan;
  if (value === "timestamp") {
    const ts = o.read<number>(SCAN_BOUNDED_TIMESTAMP_MILLIS);
    if (ts.state === "absent") {
      o.error("'scan.bounded.timestamp-millis' is required in 'timestamp' bounded mode but missing.", modeSpan);
      return undefined;
    }
    if (ts.state === "value") result.timestampMillis = ts.value;
  }
  if (value === "specific-offsets") {
    const offsets = o.option(SCAN_BOUNDED_SPECIFIC_OFFSETS.key);
    if (!offsets) {
      o.error("'scan.bounded.specific-offsets' is required in 'specific-offsets' bounded mode but missing.", modeSpan);
      return undefined;
    }
    if (!(topics && topics.length === 1)) {
      o.error("Currently Kafka source only supports specific offset for single topic.", offsets.keySpan);
      return undefined;
    }
    const parsed = parseSpecificOffsets(offsets.value, SCAN_BOUNDED_SPECIFIC_OFFSETS.key);
    if (typeof parsed === "string") {
      o.error(parsed, offsets.valueSpan);
      return undefined;
    }
    result.specificOffsets = parsed;
  }
  return result;
}
