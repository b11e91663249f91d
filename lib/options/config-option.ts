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
  /** Set when the option is deprecated: the message Flink logs, which says what to use instead. */
  deprecated?: string;
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

/** The option with documentation for its values (kept beside the option's declaration). */
export function withValueDocs(
  option: ConfigOption,
  valueDocs: Readonly<Record<string, string>>,
): ConfigOption {
  return { ...option, valueDocs };
}
