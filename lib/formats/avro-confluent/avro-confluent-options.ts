/** AvroConfluentFormatOptions (Flink 1.20), keys without the `avro-confluent.` prefix. */
import { option, type ConfigOption } from "@/lib/options/config-option";

export const URL = option(
  "url",
  { kind: "string" },
  "The URL of the Confluent Schema Registry to fetch/register schemas.",
  undefined,
  ["schema-registry.url"],
);
export const SUBJECT = option(
  "subject",
  { kind: "string" },
  "The Confluent Schema Registry subject under which to register the schema used by this format during serialization. By default, 'kafka' and 'upsert-kafka' connectors use '<topic_name>-value' or '<topic_name>-key' as the default subject name if this format is used as the value or key format. But for other connectors (e.g. 'filesystem'), the subject option is required when used as sink.",
  undefined,
  ["schema-registry.subject"],
);
export const SCHEMA = option(
  "schema",
  { kind: "string" },
  "The schema registered or to be registered in the Confluent Schema Registry. If no schema is provided Flink converts the table schema to avro schema. The schema provided must match the table schema.",
);
export const SSL_KEYSTORE_LOCATION = option(
  "ssl.keystore.location",
  { kind: "string" },
  "Location / File of SSL keystore",
);
export const SSL_KEYSTORE_PASSWORD = option(
  "ssl.keystore.password",
  { kind: "string" },
  "Password for SSL keystore",
);
export const SSL_TRUSTSTORE_LOCATION = option(
  "ssl.truststore.location",
  { kind: "string" },
  "Location / File of SSL truststore",
);
export const SSL_TRUSTSTORE_PASSWORD = option(
  "ssl.truststore.password",
  { kind: "string" },
  "Password for SSL truststore",
);
export const BASIC_AUTH_CREDENTIALS_SOURCE = option(
  "basic-auth.credentials-source",
  { kind: "string" },
  "Basic auth credentials source for Schema Registry",
);
export const BASIC_AUTH_USER_INFO = option(
  "basic-auth.user-info",
  { kind: "string" },
  "Basic auth user info for schema registry",
);
export const BEARER_AUTH_CREDENTIALS_SOURCE = option(
  "bearer-auth.credentials-source",
  { kind: "string" },
  "Bearer auth credentials source for Schema Registry",
);
export const BEARER_AUTH_TOKEN = option(
  "bearer-auth.token",
  { kind: "string" },
  "Bearer auth token for Schema Registry",
);
/** A map option: set as `avro-confluent.properties.<key>` entries, forwarded to the registry client. */
export const PROPERTIES = option(
  "properties",
  { kind: "string" },
  "Properties map that is forwarded to the underlying Schema Registry. This is useful for options that are not officially exposed via Flink config options. However, note that Flink options have higher precedence.",
);

export const AVRO_CONFLUENT_REQUIRED: readonly ConfigOption[] = [URL];
export const AVRO_CONFLUENT_OPTIONAL: readonly ConfigOption[] = [
  SUBJECT,
  PROPERTIES,
  SSL_KEYSTORE_LOCATION,
  SSL_KEYSTORE_PASSWORD,
  SSL_TRUSTSTORE_LOCATION,
  SSL_TRUSTSTORE_PASSWORD,
  BASIC_AUTH_CREDENTIALS_SOURCE,
  BASIC_AUTH_USER_INFO,
  BEARER_AUTH_CREDENTIALS_SOURCE,
  BEARER_AUTH_TOKEN,
  SCHEMA,
];
