/**
 * What the SQL front end hands a connector factory: a CREATE TABLE as Flink's catalog would hold
 * it (columns, primary key, WITH options), with source positions so that every problem found in
 * an option or a column points at it. Browser-safe.
 */
import type { SourceSpan } from "@/lib/sql/diagnostic";
import type { LogicalType } from "@/lib/types/logical-type";

export interface TableOption {
  key: string;
  value: string;
  keySpan: SourceSpan;
  valueSpan: SourceSpan;
}

export type ColumnKind = "physical" | "metadata" | "computed";

export interface TableColumn {
  name: string;
  type: LogicalType;
  kind: ColumnKind;
  /** For metadata columns: the key (`METADATA FROM 'key'`), or the column name when FROM is absent. */
  metadataKey?: string;
  /** For metadata columns declared VIRTUAL (read-only: excluded from INSERT). */
  virtual?: boolean;
  span: SourceSpan;
}

export interface TableDefinition {
  name: string;
  columns: TableColumn[];
  primaryKey?: { columns: string[]; span: SourceSpan };
  options: TableOption[];
  /** The whole CREATE TABLE statement, for problems that belong to no single option or column. */
  span: SourceSpan;
  /** The `WITH` keyword, for "missing option" problems. */
  withSpan: SourceSpan;
}

/** How a statement uses the table: Flink creates a DynamicTableSource or a DynamicTableSink. */
export type TableRole = "source" | "sink";
