/**
 * The `avro-confluent` format (RegistryAvroFormatFactory, ConfluentRegistryAvro[De]Serialization
 * Schema, Flink 1.20): Confluent's wire format — magic byte 0, the 4-byte big-endian schema id,
 * then the bare Avro binary datum. Writing registers the table's derived schema (or the one in
 * `avro-confluent.schema`) under the subject, by default `<topic>-value` / `<topic>-key` as the
 * Kafka connectors fill it in. Reading fetches the writer schema by the id in each record and
 * resolves it against the table's schema by field name.
 */
import {
  FormatError,
  type FormatContext,
  type FormatFactory,
  type FormatIssue,
  type RowDeserializer,
  type RowSerializer,
} from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { typeToString, withNullability } from "@/lib/types/logical-type";
import { AvroRowDecoder, AvroRowEncoder } from "@/lib/formats/avro/avro-codec";
import { avroSchemaIssues } from "@/lib/formats/avro/avro-format";
import { convertRowToSchema, schemaToJson, type AvroSchema } from "@/lib/formats/avro/avro-schema";
import { parseAvroSchema } from "@/lib/formats/avro/avro-schema-parse";
import type { AvroConfig } from "@/lib/formats/avro/avro-options";
import {
  AVRO_CONFLUENT_OPTIONAL,
  AVRO_CONFLUENT_REQUIRED,
  BASIC_AUTH_CREDENTIALS_SOURCE,
  BASIC_AUTH_USER_INFO,
  BEARER_AUTH_TOKEN,
  SCHEMA,
  SSL_KEYSTORE_LOCATION,
  SSL_TRUSTSTORE_LOCATION,
  SUBJECT,
  URL,
} from "./avro-confluent-options";
import { avroToLogicalType } from "./avro-to-logical-type";
import {
  FetchSchemaRegistryClient,
  type RegistryClientConfig,
  type SchemaRegistryClient,
} from "./registry-client";

export const IDENTIFIER = "avro-confluent";
const MAGIC_BYTE = 0;
/** The Confluent format always uses the binary encoding and Flink's legacy timestamp mapping. */
const BINARY: AvroConfig = { encoding: "binary", legacyTimestampMapping: true };
const ALL_OPTIONS = [...AVRO_CONFLUENT_REQUIRED, ...AVRO_CONFLUENT_OPTIONAL];

export type RegistryClientFactory = (config: RegistryClientConfig) => SchemaRegistryClient;

function registryConfig(o: FormatOptions): RegistryClientConfig {
  const source = o.string(BASIC_AUTH_CREDENTIALS_SOURCE.key)?.toUpperCase();
  return {
    url: o.string(URL.key)!,
    // Confluent's client reads user-info only when the credentials source is USER_INFO.
    userInfo: source === "USER_INFO" ? o.string(BASIC_AUTH_USER_INFO.key) : undefined,
    bearerToken: o.string(BEARER_AUTH_TOKEN.key),
  };
}

/** The subject a serializer registers under: the option, else the Kafka connector's default. */
export function resolveSubject(ctx: FormatContext): string | undefined {
  return (
    FormatOptions.of(ctx, ALL_OPTIONS).string(SUBJECT.key) ??
    (ctx.topic !== undefined ? `${ctx.topic}-${ctx.part}` : undefined)
  );
}

/** The table's schema, or the user's `schema` when it matches the table (getAvroSchema). */
function readerSchema(ctx: FormatContext): AvroSchema {
  const text = FormatOptions.of(ctx, ALL_OPTIONS).string(SCHEMA.key);
  if (text === undefined) return convertRowToSchema(ctx.rowType, true);
  const schema = parseAvroSchema(text);
  const converted = withNullability(avroToLogicalType(schema), false);
  if (typeToString(converted) !== typeToString({ ...ctx.rowType, nullable: false })) {
    throw new FormatError(
      `Schema provided for '${IDENTIFIER}' format does not match the table schema: ${text}`,
    );
  }
  return schema;
}

export function createAvroConfluentFormat(
  clientFactory: RegistryClientFactory = (c) => new FetchSchemaRegistryClient(c),
): FormatFactory {
  return {
    identifier: IDENTIFIER,
    requiredOptions: AVRO_CONFLUENT_REQUIRED,
    optionalOptions: AVRO_CONFLUENT_OPTIONAL,
    changelogMode: "insert-only",

    validate(ctx) {
      const o = FormatOptions.of(ctx, ALL_OPTIONS);
      const issues: FormatIssue[] = [];
      if (!o.has(URL.key)) {
        issues.push({
          severity: "error",
          option: URL.key,
          message: `One or more required options are missing.\n\nMissing required options are:\n\n${URL.key}`,
        });
      }
      if (o.has(SCHEMA.key)) {
        try {
          readerSchema(ctx);
        } catch (e) {
          issues.push({ severity: "error", option: SCHEMA.key, message: (e as Error).message });
        }
      } else {
        issues.push(...avroSchemaIssues(ctx, true));
      }
      if (resolveSubject(ctx) === undefined) {
        issues.push({
          severity: "warning",
          option: SUBJECT.key,
          message: `Option ${IDENTIFIER}.${SUBJECT.key} is required for serialization when the table has no single topic; reading works without it.`,
        });
      }
      if (
        o.has(BASIC_AUTH_USER_INFO.key) &&
        o.string(BASIC_AUTH_CREDENTIALS_SOURCE.key)?.toUpperCase() !== "USER_INFO"
      ) {
        issues.push({
          severity: "warning",
          option: BASIC_AUTH_USER_INFO.key,
          message: `'${IDENTIFIER}.${BASIC_AUTH_USER_INFO.key}' is only used when '${IDENTIFIER}.${BASIC_AUTH_CREDENTIALS_SOURCE.key}' = 'USER_INFO' (the registry client's default source is URL).`,
        });
      }
      for (const key of [SSL_KEYSTORE_LOCATION.key, SSL_TRUSTSTORE_LOCATION.key]) {
        if (o.has(key)) {
          issues.push({
            severity: "warning",
            option: key,
            message: `'${IDENTIFIER}.${key}' names a Java keystore, which Tributary's registry client cannot load; use an https URL whose certificate the system trusts.`,
          });
        }
      }
      return issues;
    },

    createSerializer(ctx): RowSerializer {
      const o = FormatOptions.of(ctx, ALL_OPTIONS);
      const subject = resolveSubject(ctx);
      if (subject === undefined)
        throw new FormatError(
          `Option ${IDENTIFIER}.${SUBJECT.key} is required for serialization`,
          undefined,
        );
      const schema = readerSchema(ctx);
      const encoder = new AvroRowEncoder(ctx.rowType, schema, BINARY);
      const client = clientFactory(registryConfig(o));
      let header: Uint8Array | undefined;
      return {
        async open() {
          let id: number;
          try {
            id = await client.register(subject, schemaToJson(schema));
          } catch (e) {
            throw new FormatError(`Could not register schema in registry. ${(e as Error).message}`);
          }
          header = new Uint8Array(5);
          header[0] = MAGIC_BYTE;
          new DataView(header.buffer).setInt32(1, id);
        },
        serialize(row) {
          if (header === undefined)
            throw new FormatError(
              `The ${IDENTIFIER} serializer has no schema id yet: await open() first.`,
            );
          return encoder.encodeAfter(header, row.values);
        },
      };
    },

    createDeserializer(ctx): RowDeserializer {
      const o = FormatOptions.of(ctx, ALL_OPTIONS);
      readerSchema(ctx);
      const client = clientFactory(registryConfig(o));
      const decoders = new Map<number, AvroRowDecoder>();
      const pending = new Map<number, Promise<void>>();
      const schemaId = (bytes: Uint8Array) =>
        bytes.length >= 5 ? new DataView(bytes.buffer, bytes.byteOffset).getInt32(1) : undefined;
      return {
        prepare(bytes) {
          if (bytes[0] !== MAGIC_BYTE) return undefined;
          const id = schemaId(bytes);
          if (id === undefined || decoders.has(id)) return undefined;
          let p = pending.get(id);
          if (!p) {
            p = client
              .getById(id)
              .then((text) => {
                decoders.set(id, new AvroRowDecoder(ctx.rowType, parseAvroSchema(text), BINARY));
              })
              .catch((e) => {
                throw new FormatError(
                  `Could not find schema with id ${id} in registry. ${(e as Error).message}`,
                );
              })
              .finally(() => pending.delete(id));
            pending.set(id, p);
          }
          return p;
        },
        deserialize(bytes) {
          try {
            if (bytes.length === 0 || bytes[0] !== MAGIC_BYTE)
              throw new Error("Unknown data format. Magic number does not match");
            const id = schemaId(bytes);
            if (id === undefined)
              throw new Error("Unexpected end of input: no schema id after the magic byte");
            const decoder = decoders.get(id);
            if (!decoder)
              throw new Error(
                `Schema id ${id} has not been fetched from the registry; await prepare() first`,
              );
            return [{ kind: "+I", values: decoder.decode(bytes, 5) }];
          } catch (e) {
            throw new FormatError(
              `Failed to deserialize Avro record. ${(e as Error).message}`,
              (e as { field?: string }).field,
            );
          }
        },
      };
    },
  };
}

export const avroConfluentFormat: FormatFactory = createAvroConfluentFormat();
