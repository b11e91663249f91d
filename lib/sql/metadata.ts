/**
 * Metadata columns as Flink resolves them against a connector: the Kafka connector's readable and
 * writable keys and types (KafkaDynamicSource.ReadableMetadata / KafkaDynamicSink.WritableMetadata,
 * flink-connector-kafka 3.4.0), the value format's readable keys under the `value.` prefix, and
 * Flink's messages from DynamicSourceUtils / DynamicSinkUtils.validateAndApplyMetadata.
 */
import type { CatalogTable } from "@/lib/sql/catalog";
import { diagnostic, type Diagnostic } from "@/lib/sql/diagnostic";
import { supportsExplicitCast } from "@/lib/sql/types";
import { T, typeToString, type LogicalType } from "@/lib/types/logical-type";
import type { TableRole } from "@/lib/connectors/table";
import { isSecretPlaceholder } from "@/lib/sql/options";

const KAFKA_SOURCE_CLASS = "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSource";

/** Kafka's readable metadata, in the connector's declaration order. */
export const KAFKA_READABLE_METADATA: ReadonlyArray<[string, LogicalType]> = [
  ["topic", T.string(false)],
  ["partition", T.int(false)],
  ["headers", T.map(T.string(), T.bytes(), false)],
  ["leader-epoch", T.int(true)],
  ["offset", T.bigint(false)],
  ["timestamp", T.timestampLtz(3, false)],
  ["timestamp-type", T.string(false)],
];

/** Value-format metadata that the Kafka source exposes as `value.<key>`. */
export const FORMAT_READABLE_METADATA: Record<string, ReadonlyArray<[string, LogicalType]>> = {
  "debezium-json": [
    ["schema", T.string()],
    ["ingestion-timestamp", T.timestampLtz(3)],
    ["source.timestamp", T.timestampLtz(3)],
    ["source.database", T.string()],
    ["source.schema", T.string()],
    ["source.table", T.string()],
    ["source.properties", T.map(T.string(false), T.string())],
  ],
  "canal-json": [
    ["database", T.string()],
    ["table", T.string()],
    ["sql-type", T.map(T.string(false), T.int(false))],
    ["pk-names", T.array(T.string())],
    ["ingestion-timestamp", T.timestampLtz(3)],
    ["event-timestamp", T.timestampLtz(3)],
  ],
  "maxwell-json": [
    ["database", T.string()],
    ["table", T.string()],
    ["primary-key-columns", T.array(T.string())],
    ["ingestion-timestamp", T.timestampLtz(3)],
  ],
};

/**
 * Writable metadata of the Kafka sink. `topic` is writable only when the table names a topic list
 * or a topic pattern (3.3.0+); with a single topic the sink hides it.
 */
export function kafkaWritableMetadata(
  options: ReadonlyMap<string, string>,
): Array<[string, LogicalType]> {
  const topic = options.get("topic");
  const topicWritable =
    options.has("topic-pattern") ||
    (topic !== undefined && topic.split(";").filter((t) => t.trim() !== "").length > 1);
  const out: Array<[string, LogicalType]> = [];
  if (topicWritable) out.push(["topic", T.string(false)]);
  out.push(["headers", T.map(T.string(true), T.bytes(true), true)]);
  out.push(["timestamp", T.timestampLtz(3, true)]);
  return out;
}

export function readableMetadata(table: CatalogTable): Array<[string, LogicalType]> | null {
  const connector = table.options.get("connector");
  if (connector !== "kafka" && connector !== "upsert-kafka") return null;
  const format = table.options.get("value.format") ?? table.options.get("format");
  const fromFormat =
    format && !isSecretPlaceholder(format) ? (FORMAT_READABLE_METADATA[format] ?? []) : [];
  return [
    ...fromFormat.map(([k, t]) => [`value.${k}`, t] as [string, LogicalType]),
    ...KAFKA_READABLE_METADATA,
  ];
}

/**
 * What the connector validator (lib/connectors) leaves to the planner: that a metadata column's
 * declared type is castable from (source) / to (sink) the metadata type, and that a source's
 * `value.*` key exists in its value format. Unknown Kafka keys and connectors without metadata
 * support are reported by lib/connectors.
 */
export function validateMetadataColumns(table: CatalogTable, role: TableRole): Diagnostic[] {
  const connector = table.options.get("connector");
  if (connector !== "kafka" && connector !== "upsert-kafka") return [];
  const name = table.path.join(".");
  const out: Diagnostic[] = [];
  const readable = readableMetadata(table)!;
  const available = role === "source" ? readable : kafkaWritableMetadata(table.options);
  const format = table.options.get("value.format") ?? table.options.get("format") ?? "";
  for (const c of table.columns) {
    if (c.kind !== "metadata" || (role === "sink" && c.virtual)) continue;
    const key = c.metadataKey ?? c.name;
    const entry = available.find(([k]) => k === key);
    if (!entry) {
      if (role === "source" && key.startsWith("value.") && !isSecretPlaceholder(format)) {
        const keys = readable.map(([k]) => k);
        out.push(
          diagnostic(
            "error",
            `Invalid metadata key '${key}' in column '${c.name}' of table '${name}'. The DynamicTableSource class '${KAFKA_SOURCE_CLASS}' supports the following metadata keys for reading:\n${keys.join("\n")}`,
            c.span,
          ),
        );
      }
      continue;
    }
    const metaType = entry[1];
    const ok =
      role === "source"
        ? supportsExplicitCast(metaType, c.type)
        : supportsExplicitCast(c.type, metaType);
    if (!ok) {
      out.push(
        diagnostic(
          "error",
          `Invalid data type for metadata column '${c.name}' of table '${name}'. The column cannot be declared as '${typeToString(c.type)}' because the type must be castable ${role === "source" ? "from" : "to"} metadata type '${typeToString(metaType)}'.`,
          c.span,
        ),
      );
    }
  }
  return out;
}
