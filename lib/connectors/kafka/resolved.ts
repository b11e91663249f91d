/**
 * What a `kafka` table resolves to (and the part `upsert-kafka` shares): topics, formats, the
 * key/value projection, startup and bounded offsets, the sink's partitioner and delivery guarantee.
 * Browser-safe, plain data.
 */
import type { SinkPartitionerSpec } from "@/lib/partitioners/registry";
import type { ChangelogMode, RowField } from "@/lib/types/logical-type";
import type {
  ResolvedField,
  ResolvedFormat,
  ResolvedMetadataColumn,
  ResolvedTable,
} from "../resolved";
import type { TableRole } from "../table";

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

/** A `connector` option's value naming the `kafka` connector itself. */
export function isPlainKafkaConnectorId(connector: string | undefined): boolean {
  return connector === "kafka";
}

/** A table of the `kafka` connector itself (startup modes, discovery, a sink partitioner). */
export function isPlainKafkaTable(t: ResolvedTable | undefined): t is ResolvedKafkaTable {
  return isPlainKafkaConnectorId(t?.connector);
}

/** The partitioner as `sink.partitioner` names it: the built-in's name or the custom class. */
export function partitionerName(p: ResolvedPartitioner): string {
  return p.kind === "custom" ? p.className : p.kind;
}
