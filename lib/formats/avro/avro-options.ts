/**
 * AvroFormatOptions as AvroFormatFactory (Flink 1.20) declares them for Kafka: `encoding` and
 * `timestamp_mapping.legacy`. `avro.codec` belongs to the filesystem connector's container
 * files only (AvroFileFormatFactory); the Kafka format writes bare datums, so Flink rejects the
 * key as an unsupported option there, and so do we (by not declaring it).
 */
import { option, type ConfigOption } from "@/lib/options/config-option";
import type { FormatIssue } from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";

export const AVRO_ENCODING = option(
  "encoding",
  { kind: "enum", values: ["binary", "json"] },
  "The encoding to use for serialization. Binary offers a more compact, space-efficient way to represent objects, while JSON offers a more human-readable option.",
  "binary",
);

export const AVRO_TIMESTAMP_LEGACY_MAPPING = option(
  "timestamp_mapping.legacy",
  { kind: "boolean" },
  "Use the legacy mapping of timestamp in avro. Before 1.19, The default behavior of Flink wrongly mapped both SQL TIMESTAMP and TIMESTAMP_LTZ type to AVRO TIMESTAMP. The correct behavior is Flink SQL TIMESTAMP maps Avro LOCAL TIMESTAMP and Flink SQL TIMESTAMP_LTZ maps Avro TIMESTAMP, you can obtain the correct mapping by disable using this legacy mapping. Use legacy behavior by default for compatibility consideration.",
  "true",
);

export const AVRO_OPTIONS: readonly ConfigOption[] = [AVRO_ENCODING, AVRO_TIMESTAMP_LEGACY_MAPPING];

export interface AvroConfig {
  encoding: "binary" | "json";
  legacyTimestampMapping: boolean;
}

export function readAvroConfig(
  options: ReadonlyMap<string, string>,
  declared: readonly ConfigOption[] = AVRO_OPTIONS,
): AvroConfig {
  const o = new FormatOptions(options, declared);
  return {
    encoding:
      (o.string(AVRO_ENCODING.key) ?? "binary").toLowerCase() === "json" ? "json" : "binary",
    legacyTimestampMapping: o.boolean(AVRO_TIMESTAMP_LEGACY_MAPPING.key),
  };
}

/** ConfigurationUtils.convertToEnum's message for a bad `encoding`. */
export function validateAvroEncoding(
  options: ReadonlyMap<string, string>,
  declared: readonly ConfigOption[] = AVRO_OPTIONS,
): FormatIssue[] {
  const value = new FormatOptions(options, declared).explicit(AVRO_ENCODING.key);
  if (value === undefined || ["binary", "json"].includes(value.toLowerCase())) return [];
  return [
    {
      severity: "error",
      option: AVRO_ENCODING.key,
      message: `Could not parse value '${value}' for key 'encoding'. Value must be one of [binary, json]`,
    },
  ];
}
