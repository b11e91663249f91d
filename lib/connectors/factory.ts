/**
 * The contract of a connector factory (Flink's DynamicTableSourceFactory / SinkFactory): its
 * identifier, the roles it serves, the options it declares, and validation that resolves a table.
 */
import { option, type ConfigOption } from "@/lib/options/config-option";
import type { MetadataKey } from "@/lib/formats/format";
import type { ChangelogMode } from "@/lib/types/logical-type";
import type { FormatOptionKey } from "./format-discovery";
import type { FormatLookup } from "./format-lookup";
import type { OptionsContext } from "./options-context";
import type { ResolvedTable } from "./resolved";
import type { TableColumn, TableDefinition, TableRole } from "./table";

export interface ConnectorContext {
  table: TableDefinition;
  role: TableRole;
  options: OptionsContext;
  formats: FormatLookup;
  /** Class names of custom partitioners attached to the job; undefined when resources are not known. */
  attachedPartitionerClasses?: readonly string[];
  /**
   * No statement uses the table yet: it is checked for its likely role (validateScript), so
   * warnings that an option does not apply to that role are withheld — the role is a guess.
   */
  firstUse?: boolean;
  /** The attached resources' classes (or JS exports) that are no partitioner. */
  attachedOtherClasses?: readonly string[];
  /**
   * The key and trust stores attached to the job, which `properties.ssl.*store.location` names as
   * `/flink/usrlib/<fileName>`; undefined when resources are not known.
   */
  attachedStoreFiles?: readonly AttachedStoreFile[];
}

/** An attached key or trust store resource: its file name and the container format found at upload. */
export interface AttachedStoreFile {
  fileName: string;
  type: "JKS" | "PKCS12" | "PEM";
}

/**
 * The metadata a connector reads and writes (SupportsReadingMetadata / SupportsWritingMetadata),
 * with the classes Flink names in its messages. A connector without one supports no metadata.
 */
export interface ConnectorMetadata {
  sourceClass: string;
  sinkClass: string;
  readable: readonly MetadataKey[];
  /** Writable keys depend on the table's options (Kafka's `topic` needs a topic list or pattern). */
  writable(options: ReadonlyMap<string, string>): MetadataKey[];
  /** When `writable` depends on the options: which, in words (for the README's reference). */
  writableNote?: string;
  /** Whether the value format's readable metadata is exposed as `value.<key>`. */
  valueFormatMetadata: boolean;
}

/** A connector's descriptor; `R` is the resolved table its validation produces. */
export interface ConnectorFactory<R extends ResolvedTable = ResolvedTable> {
  identifier: string;
  roles: readonly TableRole[];
  metadata?: ConnectorMetadata;
  /** Options under this prefix (`properties.`) configure a Kafka client; absent: no client. */
  clientPropertiesPrefix?: string;
  /**
   * Which option names the table's value format, from its options (kafka: `format` wins over
   * `value.format`); absent, or undefined for these options: the connector has no value format.
   */
  valueFormatOption?(options: ReadonlyMap<string, string>): FormatOptionKey | undefined;
  /**
   * The changelog mode of a table from its options alone, for when validation resolved nothing
   * (the planner still infers the job's changelog around it): what its source produces and its
   * sink accepts.
   */
  changelogMode(options: ReadonlyMap<string, string>, formats: FormatLookup): ChangelogMode;
  requiredOptions: readonly ConfigOption[];
  optionalOptions: readonly ConfigOption[];
  /** Validates the table for the role; returns undefined when an error was reported. */
  validate(ctx: ConnectorContext): R | undefined;
  /** EXPLAIN's line for a resolved table, after `connector=<id>`: its settings as `key=value`. */
  explain?(table: R, role: TableRole): string[];
}

export const FLINK_IMPLICIT_OPTIONS: readonly ConfigOption[] = [
  { key: "connector", type: { kind: "string" }, description: "The connector identifier." },
  {
    key: "property-version",
    type: { kind: "int" },
    defaultValue: "1",
    description: "Version of the overall property design.",
  },
];

/** FactoryUtil.SINK_PARALLELISM: one option, declared by every sink factory that honours it. */
export const SINK_PARALLELISM = option(
  "sink.parallelism",
  { kind: "int" },
  "Parallelism of the sink.",
);

export function physicalColumns(table: TableDefinition): TableColumn[] {
  return table.columns.filter((c) => c.kind === "physical");
}

export function columnSpan(table: TableDefinition, name: string) {
  return table.columns.find((c) => c.name === name)?.span;
}
