/** The `avro` format factory (AvroFormatFactory, Flink 1.20): a bare Avro datum per record. */
import {
  FormatError,
  type FormatContext,
  type FormatFactory,
  type FormatIssue,
} from "@/lib/formats/format";
import { flink, withReleases } from "@/lib/options/config-option";
import { utf8Decode } from "@/lib/formats/common/text";
import { AVRO_OPTIONS, readAvroConfig, validateAvroEncoding } from "./avro-options";
import { AvroSchemaError, convertRowToSchema, type AvroSchema } from "./avro-schema";
import { AvroRowDecoder, AvroRowEncoder } from "./avro-codec";

/** Schema derivation problems, reported per column. */
export function avroSchemaIssues(ctx: FormatContext, legacy: boolean): FormatIssue[] {
  const issues: FormatIssue[] = [];
  for (const f of ctx.rowType.fields) {
    try {
      convertRowToSchema({ kind: "ROW", nullable: false, fields: [f] }, legacy);
    } catch (e) {
      if (!(e instanceof AvroSchemaError)) throw e;
      issues.push({ severity: "error", column: f.name, message: e.message });
    }
  }
  return issues;
}

export function deriveSchema(ctx: FormatContext, legacy: boolean, rowName?: string): AvroSchema {
  try {
    return convertRowToSchema(ctx.rowType, legacy, rowName);
  } catch (e) {
    throw new FormatError((e as Error).message);
  }
}

export const avroFormat: FormatFactory = {
  identifier: "avro",
  requiredOptions: [],
  // AvroFormatOptions' own description dates timestamp_mapping.legacy: "Before 1.19, …".
  optionalOptions: withReleases(AVRO_OPTIONS, { "timestamp_mapping.legacy": flink("1.19") }),
  changelogMode: "insert-only",

  validate(ctx) {
    return [
      ...validateAvroEncoding(ctx.options),
      ...avroSchemaIssues(ctx, readAvroConfig(ctx.options).legacyTimestampMapping),
    ];
  },

  createSerializer(ctx) {
    const config = readAvroConfig(ctx.options);
    const encoder = new AvroRowEncoder(
      ctx.rowType,
      deriveSchema(ctx, config.legacyTimestampMapping),
      config,
    );
    return { serialize: (row) => encoder.encode(row.values) };
  },

  createDeserializer(ctx) {
    const config = readAvroConfig(ctx.options);
    const decoder = new AvroRowDecoder(
      ctx.rowType,
      deriveSchema(ctx, config.legacyTimestampMapping),
      config,
    );
    return {
      deserialize(bytes) {
        try {
          return [{ kind: "+I", values: decoder.decode(bytes) }];
        } catch (e) {
          const detail = config.encoding === "json" ? ` '${utf8Decode(bytes)}'` : "";
          throw new FormatError(
            `Failed to deserialize Avro record${detail}. ${(e as Error).message}`,
            (e as { field?: string }).field,
          );
        }
      },
    };
  },
};
