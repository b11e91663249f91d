/**
 * What validateTable hands the planner and the runtime: a table's connector settings resolved and
 * defaulted as Flink's factories resolve them, one shape per connector, each declared in its
 * connector's folder (`lib/connectors/<id>/resolved.ts`) and gathered here. Browser-safe, plain data.
 */
import type { ChangelogMode, LogicalType } from "@/lib/types/logical-type";
import type { ResolvedBlackholeTable } from "./blackhole/resolved";
import type { ResolvedDataGenTable } from "./datagen/resolved";
import {
  isPlainKafkaConnectorId,
  isPlainKafkaTable,
  type ResolvedKafkaTable,
  type ResolvedPartitioner,
} from "./kafka/resolved";
import type { ResolvedPrintTable } from "./print/resolved";
import { isUpsertKafkaConnectorId, type ResolvedUpsertKafkaTable } from "./upsert-kafka/resolved";

export type { ResolvedBlackholeTable } from "./blackhole/resolved";
export { isBlackholeTable } from "./blackhole/resolved";
export type { DataGenFieldGenerator, ResolvedDataGenTable } from "./datagen/resolved";
export { isDataGenTable } from "./datagen/resolved";
export type {
  BoundedMode,
  DeliveryGuarantee,
  PartitionerKind,
  PartitionOffset,
  ResolvedBounded,
  ResolvedKafkaCommon,
  ResolvedKafkaTable,
  ResolvedPartitioner,
  ResolvedStartup,
  StartupMode,
} from "./kafka/resolved";
export { isPlainKafkaTable, partitionerName } from "./kafka/resolved";
export type { ResolvedPrintTable } from "./print/resolved";
export { isPrintTable } from "./print/resolved";
export type { ResolvedUpsertKafkaTable } from "./upsert-kafka/resolved";
export { isUpsertKafkaConnectorId, isUpsertKafkaTable } from "./upsert-kafka/resolved";

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
  return isPlainKafkaConnectorId(connector) || isUpsertKafkaConnectorId(connector);
}

/** A table of either Kafka connector (kafka, upsert-kafka): topics, formats, client properties. */
export function isKafkaTable(t: ResolvedTable | undefined): t is ResolvedKafkaConnectorTable {
  return isKafkaConnectorId(t?.connector);
}

/** The sink's `sink.partitioner`; Flink's default for connectors without one (upsert-kafka). */
export function sinkPartitionerOf(t: ResolvedTable | undefined): ResolvedPartitioner {
  return isPlainKafkaTable(t) ? t.partitioner : { kind: "default" };
}
