/**
 * The `upsert-kafka` connector (UpsertKafkaDynamicTableFactory, flink-connector-kafka 3.4.0): the
 * PRIMARY KEY is the record key, deletes are tombstones, the source always starts from the
 * earliest offset, and the sink may buffer changes per key (sink.buffer-flush.*).
 */
import type { ConnectorContext, ConnectorFactory } from "../factory";
import { discoverFormat, type DiscoveredFormat } from "../format-discovery";
import {
  PROPS_BOOTSTRAP_SERVERS,
  SINK_BUFFER_FLUSH_INTERVAL,
  SINK_BUFFER_FLUSH_MAX_ROWS,
  SINK_PARALLELISM,
  UPSERT_KAFKA_OPTIONAL,
  UPSERT_KAFKA_REQUIRED,
  VALUE_FORMAT,
} from "@/lib/connectors/kafka/kafka-options";
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
  warnMisplacedOptions,
} from "@/lib/connectors/kafka/kafka-shared";
import { resolveBounded } from "@/lib/connectors/kafka/kafka-offsets";
import type { ResolvedBounded } from "@/lib/connectors/kafka/resolved";
import type { ResolvedUpsertKafkaTable } from "./resolved";

export const upsertKafkaConnector: ConnectorFactory<ResolvedUpsertKafkaTable> = {
  identifier: "upsert-kafka",
  roles: ["source", "sink"],
  metadata: KAFKA_METADATA,
  clientPropertiesPrefix: PROPERTIES_PREFIX,
  valueFormatOption: (options) => (options.has(VALUE_FORMAT.key) ? "value.format" : undefined),
  changelogMode: () => "upsert",
  requiredOptions: UPSERT_KAFKA_REQUIRED,
  optionalOptions: UPSERT_KAFKA_OPTIONAL,
  validate: validateUpsertKafka,
  explain: (table, role) => explainKafkaTable(table, role),
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
  if (!readOptionalOptions(ctx, UPSERT_KAFKA_OPTIONAL)) ok = false;

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
    if (maxRows > 0 !== intervalMs > 0) {
      o.error(
        "'sink.buffer-flush.max-rows' and 'sink.buffer-flush.interval' must be set to be greater than zero together to enable sink buffer flushing.",
        (o.option("sink.buffer-flush.max-rows") ?? o.option("sink.buffer-flush.interval"))!
          .valueSpan,
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

  const projection =
    pk && pk.columns.length > 0
      ? projectKeyAndValue(ctx, true, { names: pk.columns, span: pk.span })
      : undefined;
  if (!projection) ok = false;

  const properties = checkProperties(ctx);
  warnMisplacedOptions(ctx);
  const metadataColumns = topics ? resolveMetadataColumns(ctx, topics) : undefined;
  if (!metadataColumns) ok = false;

  const { keyFormat, valueFormat } = resolveKeyValueFormats(ctx, projection, discovered, topics);

  if (!ok || !topics || !projection || !keyFormat || !valueFormat || !metadataColumns || !pk)
    return undefined;
  return {
    connector: "upsert-kafka",
    ...resolvedKafkaCommon(ctx, {
      topics,
      properties,
      projection,
      keyFormat,
      valueFormat,
      metadataColumns,
    }),
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
