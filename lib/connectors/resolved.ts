/**
 * What validateTable hands the planner and the runtime: a table's connector settings resolved and
 * defaulted as Flink's factories resolve them, one shape per connector. Browser-safe, plain data.
 */
import type { ChangelogMode, LogicalType, RowField } from "@/lib/types/logical-type";
import type { SinkPartitionerSpec } from "@/lib/partitioners/registry";
import type { TableRole } from "./table";

export interface ResolvedField {
  /** Position among the table's physical columns. */
  index: number;
  name: string;
  type: LogicalType;
}

export interface ResolvedFormat {
  identifier: string;
  /** The format's options with the table prefix (`csv.`, `key.json.`, `value.avro.`) stripped. */
  options: Record<string, string>;
  /** The row the format encodes/decodes: the key or value fields (key fields without key.fields-prefix). */
  rowType: Extract<LogicalType, { kind: "ROW" }>;
  changelogMode: ChangelogMode;
}

export interface ResolvedMetadataColumn {
  /** Position among all declared columns. */
  index: number;
  name: string;
  /** The metadata key (`timestamp`, `headers`, `topic`, ... or `value.<format key>`). */
  key: string;
  type: LogicalType;
  virtual: boolean;
}

export type StartupMode =
  "earliest-offset" | "latest-offset" | "group-offsets" | "timestamp" | "specific-offsets";
export type BoundedMode =
  "unbounded" | "latest-offset" | "group-offsets" | "timestamp" | "specific-offsets";

export interface PartitionOffset {
  partition: number;
  offset: number;
}

export interface ResolvedStartup {
  mode: StartupMode;
  /** For specific-offsets: partition → offset of the single topic. */
  specificOffsets: PartitionOffset[];
  /** For timestamp mode. */
  timestampMillis?: number;
  /**
   * For group-offsets: what to do without a committed offset — `properties.auto.offset.reset`,
   * `none` (fail) when unset, as KafkaDynamicSource does.
   */
  offsetResetStrategy?: "earliest" | "latest" | "none";
}

export interface ResolvedBounded {
  mode: BoundedMode;
  specificOffsets: PartitionOffset[];
  timestampMillis?: number;
}

/** `sink.partitioner` resolved: the spec lib/partitioners maps values to (one mapping, there). */
export type ResolvedPartitioner = SinkPartitionerSpec;
export type PartitionerKind = ResolvedPartitioner["kind"];

export type DeliveryGuarantee = "at-least-once" | "exactly-once" | "none";

/** What kafka and upsert-kafka tables share. */
export interface ResolvedKafkaCommon {
  role: TableRole;
  /** `topic` as a list (one or more); undefined with topic-pattern. */
  topics?: string[];
  /** `topic-pattern` (a Java regex); undefined with topic. */
  topicPattern?: string;
  bootstrapServers: string;
  /** The `properties.*` map with the prefix stripped, values as written (placeholders unresolved). */
  properties: Record<string, string>;
  valueFormat: ResolvedFormat;
  keyFormat?: ResolvedFormat;
  /** The physical columns written to / read from the record key, in key.fields order. */
  keyFields: ResolvedField[];
  keyFieldsPrefix?: string;
  valueFieldsInclude: "ALL" | "EXCEPT_KEY";
  /** The physical columns in the record value. */
  valueFields: ResolvedField[];
  physicalFields: RowField[];
  metadataColumns: ResolvedMetadataColumn[];
  deliveryGuarantee: DeliveryGuarantee;
  transactionalIdPrefix?: string;
  sinkParallelism?: number;
  bounded: ResolvedBounded;
  /** The changelog the table produces (source) or accepts (sink). */
  changelogMode: ChangelogMode;
}

export interface ResolvedKafkaTable extends ResolvedKafkaCommon {
  connector: "kafka";
  startup: ResolvedStartup;
  /** scan.topic-partition-discovery.interval in ms; 0 disables discovery. */
  partitionDiscoveryIntervalMs: number;
  partitioner: ResolvedPartitioner;
}

export interface ResolvedUpsertKafkaTable extends ResolvedKafkaCommon {
  connector: "upsert-kafka";
  /** upsert-kafka always reads from the earliest offset. */
  startup: ResolvedStartup;
  /** The PRIMARY KEY columns (they are the key fields). */
  primaryKey: string[];
  /** Both > 0 to buffer; both 0 (the default) writes every change at once. */
  bufferFlush: { maxRows: number; intervalMs: number; enabled: boolean };
}

export type DataGenFieldGenerator =
  | {
      kind: "random";
      /** fields.#.min / max as written (numbers for numeric columns); undefined means the type's range. */
      min?: string;
      max?: string;
      /** For TIMESTAMP*: fields.#.max-past in ms (default 0). */
      maxPastMillis?: number;
      /** For strings, bytes and collections (default 100). */
      length: number;
      varLen: boolean;
      nullRate: number;
    }
  | { kind: "sequence"; start: string; end: string; nullRate: number };

export interface ResolvedDataGenTable {
  connector: "datagen";
  role: "source";
  rowsPerSecond: number;
  /** Undefined: unbounded (unless a sequence field ends). */
  numberOfRows?: number;
  scanParallelism?: number;
  fields: Array<ResolvedField & { generator: DataGenFieldGenerator }>;
  changelogMode: "insert-only";
}

export interface ResolvedPrintTable {
  connector: "print";
  role: "sink";
  printIdentifier?: string;
  standardError: boolean;
  sinkParallelism?: number;
  physicalFields: RowField[];
  changelogMode: "all";
}

export interface ResolvedBlackholeTable {
  connector: "blackhole";
  role: "sink";
  physicalFields: RowField[];
  changelogMode: "all";
}

export type ResolvedTable =
  | ResolvedKafkaTable
  | ResolvedUpsertKafkaTable
  | ResolvedDataGenTable
  | ResolvedPrintTable
  | ResolvedBlackholeTable;

/**
 * Which connector resolved a table, asked of the descriptors' own shapes: callers outside
 * lib/connectors never compare `connector` with an identifier of their own.
 */
export type ResolvedKafkaConnectorTable = ResolvedKafkaTable | ResolvedUpsertKafkaTable;

/** A `connector` option's value naming either Kafka connector (for code reading a DDL's options). */
export function isKafkaConnectorId(connector: string | undefined): boolean {
  return connector === "kafka" || connector === "upsert-kafka";
}

/** A `connector` option's value naming upsert-kafka (keyed by the table's primary key). */
export function isUpsertKafkaConnectorId(connector: string | undefined): boolean {
  return connector === "upsert-kafka";
}

/** A table of either Kafka connector (kafka, upsert-kafka): topics, formats, client properties. */
export function isKafkaTable(t: ResolvedTable | undefined): t is ResolvedKafkaConnectorTable {
  return isKafkaConnectorId(t?.connector);
}

/** A table of the `kafka` connector itself (startup modes, discovery, a sink partitioner). */
export function isPlainKafkaTable(t: ResolvedTable | undefined): t is ResolvedKafkaTable {
  return t?.connector === "kafka";
}

/** A table of `upsert-kafka`: keyed by its primary key, deletes written as tombstones. */
export function isUpsertKafkaTable(t: ResolvedTable | undefined): t is ResolvedUpsertKafkaTable {
  return t?.connector === "upsert-kafka";
}

/** The sink's `sink.partitioner`; Flink's default for connectors without one (upsert-kafka). */
export function sinkPartitionerOf(t: ResolvedTable | undefined): ResolvedPartitioner {
  return isPlainKafkaTable(t) ? t.partitioner : { kind: "default" };
}

/** The partitioner as `sink.partitioner` names it: the built-in's name or the custom class. */
export function partitionerName(p: ResolvedPartitioner): string {
  return p.kind === "custom" ? p.className : p.kind;
}

/** A `datagen` source: rows generated per its fields' generators. */
export function isDataGenTable(t: ResolvedTable | undefined): t is ResolvedDataGenTable {
  return t?.connector === "datagen";
}

/** A `print` sink: rows printed to the job's output. */
export function isPrintTable(t: ResolvedTable | undefined): t is ResolvedPrintTable {
  return t?.connector === "print";
}

/** A `blackhole` sink: rows discarded. */
export function isBlackholeTable(t: ResolvedTable | undefined): t is ResolvedBlackholeTable {
  return t?.connector === "blackhole";
}
