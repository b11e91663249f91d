/**
 * A WITH-option as Flink's ConfigOption declares it. Connector and format factories each publish
 * the options they accept; the SQL validator checks a table's WITH clause against them. Browser-safe.
 */
export type OptionType =
  | { kind: "string" }
  | { kind: "boolean" }
  | { kind: "int" }
  | { kind: "long" }
  | { kind: "double" }
  /** Flink Duration syntax: `5 min`, `100ms`, `10 s`, a bare number is milliseconds. */
  | { kind: "duration" }
  /** Flink MemorySize syntax: `2mb`, `512 kb`, a bare number is bytes. */
  | { kind: "memory" }
  /** Parsed case-insensitively against these spellings, as ConfigurationUtils.convertToEnum does. */
  | { kind: "enum"; values: readonly string[] }
  /** `;`-separated list of strings. */
  | { kind: "list" }
  /** A single character after Java unescaping (csv.field-delimiter and friends). */
  | { kind: "char" };

export interface ConfigOption {
  key: string;
  type: OptionType;
  /** The default as Flink prints it; undefined when the option has none. */
  defaultValue?: string;
  /** Deprecated spellings that still work (Flink's withDeprecatedKeys / withFallbackKeys). */
  fallbackKeys?: readonly string[];
  description: string;
  /** What each allowed value means, for completion and hover (enumerations and well-known values). */
  valueDocs?: Readonly<Record<string, string>>;
  /**
   * The release the option first appeared in (`Flink 1.12`, `flink-connector-kafka 3.1.0`), from
   * Flink's source history; undefined where that is not established (lib/connectors/since.test.ts
   * lists those).
   */
  since?: string;
  /** Set when Flink deprecated the option. */
  deprecated?: Deprecation;
  /** What changed about the option after it appeared (a new default), oldest first. */
  changes?: readonly OptionChange[];
}

export interface Deprecation {
  /** The message Flink logs, which says what to use instead. */
  message: string;
  /** The option to write instead. */
  replacedBy?: string;
  /** The release that deprecated it. */
  since?: string;
}

export interface OptionChange {
  /** The release that made the change. */
  since: string;
  /** What it changed, and what earlier releases did. */
  change: string;
}

export function option(
  key: string,
  type: OptionType,
  description: string,
  defaultValue?: string,
  fallbackKeys?: readonly string[],
): ConfigOption {
  return { key, type, description, defaultValue, fallbackKeys };
}

/** The option as it appeared first in `release` (and what changed later). */
export function since(
  release: string,
  option: ConfigOption,
  changes?: readonly OptionChange[],
): ConfigOption {
  return { ...option, since: release, ...(changes ? { changes } : {}) };
}

/**
 * The options with the release each appeared in, by key: a descriptor's own table of releases,
 * for options several descriptors share but gained at different times (upsert-kafka took
 * Kafka's `scan.bounded.*` two years after kafka did). Keys not in the table keep what they had.
 */
export function withReleases(
  options: readonly ConfigOption[],
  releases: Readonly<Record<string, string>>,
): ConfigOption[] {
  return options.map((o) => (releases[o.key] === undefined ? o : { ...o, since: releases[o.key] }));
}

/** `Flink 1.12`: a release of Flink (for what shipped inside Flink). */
export const flink = (version: string) => `Flink ${version}`;
/** `flink-connector-kafka 3.1.0`: a release of the externalized Kafka connector. */
export const kafkaConnectorRelease = (version: string) => `flink-connector-kafka ${version}`;

/** The option with documentation for its values (kept beside the option's declaration). */
export function withValueDocs(
  option: ConfigOption,
  valueDocs: Readonly<Record<string, string>>,
): ConfigOption {
  return { ...option, valueDocs };
}
