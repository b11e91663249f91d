/**
 * The contract every format (csv, json, raw, avro, avro-confluent, debezium-json, canal-json,
 * maxwell-json) fulfils, like Flink's DeserializationFormatFactory / SerializationFormatFactory.
 * Browser-safe: bytes are Uint8Array, no Node.js imports.
 */
import type { ConfigOption } from "@/lib/options/config-option";
import type { ChangelogMode, ChangelogRow, LogicalType, RowKind } from "@/lib/types/logical-type";

export interface FormatIssue {
  severity: "error" | "warning";
  /** The option's key without the format prefix (e.g. `field-delimiter`), when one is the culprit. */
  option?: string;
  /** A column name, when one is the culprit (e.g. an unsupported type). */
  column?: string;
  message: string;
}

export interface FormatContext {
  /** The format's options with the table prefix (`csv.`, `key.csv.`, `value.csv.`) stripped. */
  options: ReadonlyMap<string, string>;
  /** The physical row type the format handles: a ROW of the value (or key) fields. */
  rowType: Extract<LogicalType, { kind: "ROW" }>;
  /** Topic (single topic only), used for schema-registry subject defaults. */
  topic?: string;
  /** Whether this format serves the key or the value of Kafka records. */
  part: "key" | "value";
}

export interface RowSerializer {
  /** The record bytes for a row; null means "write no value" (a tombstone in upsert-kafka). */
  serialize(row: ChangelogRow): Uint8Array | null;
  /**
   * Set-up that needs I/O, for the few formats that have one (avro-confluent registers its
   * schema to learn the id it writes). The runtime awaits it once before the first serialize().
   */
  open?(): Promise<void>;
}

export interface RowDeserializer {
  /** Rows decoded from one record (a changelog format may produce -U and +U from one message). */
  deserialize(bytes: Uint8Array): ChangelogRow[];
  /**
   * Rows for a record without a value (a tombstone), which Flink hands to the format as null:
   * raw makes it a row with a null field; absent means no row (every other format).
   */
  deserializeNull?(): ChangelogRow[];
  /**
   * For formats whose records reference remote state (avro-confluent: the writer schema id):
   * a promise to await before deserialize(bytes), or undefined when everything is at hand.
   */
  prepare?(bytes: Uint8Array): Promise<void> | undefined;
}

/** A metadata key a connector or format can read or write, with its type (Flink's metadata map). */
export interface MetadataKey {
  key: string;
  type: LogicalType;
}

export interface FormatFactory {
  identifier: string;
  /**
   * Metadata the format reads from a record (DecodingFormat.listReadableMetadata), in declaration
   * order; the Kafka source exposes them as `value.<key>`. Absent when it has none.
   */
  readableMetadata?: readonly MetadataKey[];
  /**
   * How a record reads without a table's columns, for the topic browser: as one text (raw), as
   * JSON, or as a CSV line. Absent: the format needs the columns that define its schema (avro).
   */
  schemaless?: "text" | "json-value" | "csv-line";
  /** Options keyed without the format prefix, as Flink declares them. */
  requiredOptions: readonly ConfigOption[];
  optionalOptions: readonly ConfigOption[];
  /** The row kinds the format can encode/decode: insert-only for csv/json/raw/avro. */
  changelogMode: ChangelogMode;
  /** Option-value and type checks beyond the generic ones (types, enums, unknown keys). */
  validate(ctx: FormatContext): FormatIssue[];
  createSerializer(ctx: FormatContext): RowSerializer;
  createDeserializer(ctx: FormatContext): RowDeserializer;
}

/** Raised by serializers and deserializers; `reason` is shown to users with the record's coordinates. */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = "FormatError";
  }
}

export const ROW_KINDS: readonly RowKind[] = ["+I", "-U", "+U", "-D"];
