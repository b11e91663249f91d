/**
 * The options of the `kafka` and `upsert-kafka` connectors exactly as flink-connector-kafka 3.4.0
 * declares them (KafkaConnectorOptions, FactoryUtil.FORMAT / SINK_PARALLELISM, and the deprecated
 * `sink.semantic` of KafkaDynamicTableFactory).
 */
import {
  type ConfigOption,
  kafkaConnectorRelease,
  option,
  withReleases,
  withValueDocs,
} from "@/lib/options/config-option";
import { BUILT_IN_PARTITIONERS, SINK_PARTITIONER_OPTION } from "@/lib/partitioners/registry";
import { SINK_PARALLELISM } from "../factory";

const E = (...values: string[]) => ({ kind: "enum" as const, values });

/**
 * What flink-connector-kafka 3.3.0 changed about `topic` and `topic-pattern` on the sink side
 * (FLINK-22748; before, KafkaConnectorOptionsUtil.validateSinkTopic refused all but one topic).
 */
const SINK_TOPICS_CHANGE = {
  since: kafkaConnectorRelease("3.3.0"),
  change:
    "A sink takes a topic list or 'topic-pattern' too (each row names its topic in the writable `topic` metadata column); before, a sink wrote to exactly one topic.",
};

export const FORMAT = option(
  "format",
  { kind: "string" },
  "Defines the format identifier for encoding data.",
);
export const KEY_FORMAT = option(
  "key.format",
  { kind: "string" },
  "Defines the format identifier for encoding key data.",
);
export const VALUE_FORMAT = option(
  "value.format",
  { kind: "string" },
  "Defines the format identifier for encoding value data.",
);
export const KEY_FIELDS = option(
  "key.fields",
  { kind: "list" },
  "Physical columns that make up the key.",
  "",
);
export const VALUE_FIELDS_INCLUDE = withValueDocs(
  option(
    "value.fields-include",
    E("ALL", "EXCEPT_KEY"),
    "Whether key columns also appear in the value.",
    "ALL",
  ),
  {
    ALL: "The value holds every physical column, the key's columns included.",
    EXCEPT_KEY: "The value holds the physical columns that are not in 'key.fields'.",
  },
);
export const KEY_FIELDS_PREFIX = option(
  "key.fields-prefix",
  { kind: "string" },
  "Prefix of key columns in the schema.",
);
export { SINK_PARALLELISM };
export const TOPIC: ConfigOption = {
  ...option("topic", { kind: "list" }, "Topic name(s), separated by ';'."),
  changes: [SINK_TOPICS_CHANGE],
};
export const TOPIC_PATTERN: ConfigOption = {
  ...option("topic-pattern", { kind: "string" }, "Topic name pattern (Java regex)."),
  changes: [SINK_TOPICS_CHANGE],
};
export const PROPS_BOOTSTRAP_SERVERS = option(
  "properties.bootstrap.servers",
  { kind: "string" },
  "Required Kafka server connection string",
);
export const PROPS_GROUP_ID = option(
  "properties.group.id",
  { kind: "string" },
  "Required consumer group in Kafka consumer, no need for Kafka producer",
);
export const SCAN_STARTUP_MODE = withValueDocs(
  option(
    "scan.startup.mode",
    E("earliest-offset", "latest-offset", "group-offsets", "timestamp", "specific-offsets"),
    "Startup mode for Kafka consumer.",
    "group-offsets",
  ),
  {
    "earliest-offset": "Start from the earliest offset of each partition.",
    "latest-offset": "Start from the latest offset: only records written after the job starts.",
    "group-offsets":
      "Start from the offsets committed by 'properties.group.id'; partitions without one follow 'properties.auto.offset.reset'.",
    timestamp:
      "Start from the first record at or after 'scan.startup.timestamp-millis' in each partition.",
    "specific-offsets":
      "Start from the offsets in 'scan.startup.specific-offsets' ('partition:0,offset:42;partition:1,offset:300').",
  },
);
export const SCAN_BOUNDED_MODE = withValueDocs(
  option(
    "scan.bounded.mode",
    E("unbounded", "latest-offset", "group-offsets", "timestamp", "specific-offsets"),
    "Bounded mode for Kafka consumer.",
    "unbounded",
  ),
  {
    unbounded: "Read forever.",
    "latest-offset": "Stop at the latest offsets when the job starts.",
    "group-offsets": "Stop at the offsets committed by 'properties.group.id'.",
    timestamp: "Stop at 'scan.bounded.timestamp-millis'.",
    "specific-offsets": "Stop at the offsets in 'scan.bounded.specific-offsets'.",
  },
);
export const SCAN_STARTUP_SPECIFIC_OFFSETS = option(
  "scan.startup.specific-offsets",
  { kind: "string" },
  'Optional offsets used in case of "specific-offsets" startup mode',
);
export const SCAN_BOUNDED_SPECIFIC_OFFSETS = option(
  "scan.bounded.specific-offsets",
  { kind: "string" },
  'Optional offsets used in case of "specific-offsets" bounded mode',
);
export const SCAN_STARTUP_TIMESTAMP_MILLIS = option(
  "scan.startup.timestamp-millis",
  { kind: "long" },
  'Optional timestamp used in case of "timestamp" startup mode',
);
export const SCAN_BOUNDED_TIMESTAMP_MILLIS = option(
  "scan.bounded.timestamp-millis",
  { kind: "long" },
  'Optional timestamp used in case of "timestamp" bounded mode',
);
export const SCAN_TOPIC_PARTITION_DISCOVERY: ConfigOption = {
  ...option(
    "scan.topic-partition-discovery.interval",
    { kind: "duration" },
    "Interval for discovering new partitions; 0 disables discovery.",
    "5 min",
  ),
  changes: [
    {
      since: kafkaConnectorRelease("3.1.0"),
      change:
        "Defaults to 5 min (FLIP-288, FLINK-32020); before, the option had no default and a source discovered no new partitions unless it was set.",
    },
  ],
};
export { BUILT_IN_PARTITIONERS };
export const SINK_PARTITIONER = withValueDocs(
  option(
    SINK_PARTITIONER_OPTION,
    { kind: "string" },
    "Output partitioning from Flink's partitions into Kafka's partitions: 'default', 'fixed', 'round-robin' or a custom partitioner's full class name.",
    "default",
  ),
  {
    default:
      "Kafka's own partitioner: murmur2 of the key bytes, or sticky batches for records without a key.",
    fixed:
      "Each parallel sink instance writes to one Kafka partition (instance index mod partitions).",
    "round-robin":
      "Each instance spreads its records over the partitions in turn (only without 'key.fields').",
  },
);
export const SINK_BUFFER_FLUSH_MAX_ROWS = option(
  "sink.buffer-flush.max-rows",
  { kind: "int" },
  "The max size of buffered records before flushing (upsert-kafka).",
  "0",
);
export const SINK_BUFFER_FLUSH_INTERVAL = option(
  "sink.buffer-flush.interval",
  { kind: "duration" },
  "The flush interval (upsert-kafka).",
  "0 s",
);
export const DELIVERY_GUARANTEE = withValueDocs(
  option(
    "sink.delivery-guarantee",
    E("exactly-once", "at-least-once", "none"),
    "Optional delivery guarantee when committing.",
    "at-least-once",
  ),
  {
    "exactly-once":
      "Records are written in Kafka transactions committed with each checkpoint (needs checkpointing and 'sink.transactional-id-prefix'); readers use read_committed.",
    "at-least-once":
      "Waits for every record to be acknowledged at each checkpoint; a restart may write some twice.",
    none: "Fire and forget: records may be lost or duplicated on failure.",
  },
);
export const TRANSACTIONAL_ID_PREFIX = option(
  "sink.transactional-id-prefix",
  { kind: "string" },
  "Prefix of the transactional ids of an exactly-once sink.",
);
export const SINK_SEMANTIC: ConfigOption = {
  ...option("sink.semantic", { kind: "string" }, "Optional semantic when committing."),
  deprecated: {
    message:
      "sink.semantic is deprecated and will be removed. Please use sink.delivery-guarantee instead.",
    replacedBy: "sink.delivery-guarantee",
  },
};

/**
 * Which option names a kafka table's value format: `format` when set, else `value.format`, as
 * KafkaDynamicTableFactory.getValueDecodingFormat looks for FactoryUtil.FORMAT first.
 */
export function valueFormatOption(options: {
  has(key: string): boolean;
}): "format" | "value.format" | undefined {
  if (options.has(FORMAT.key)) return "format";
  return options.has(VALUE_FORMAT.key) ? "value.format" : undefined;
}

/** Enum classes as Flink names them in "Could not parse value for enum <class>". */
export const ENUM_CLASSES: Readonly<Record<string, string>> = {
  "value.fields-include":
    "class org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions$ValueFieldsStrategy",
  "scan.startup.mode":
    "class org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions$ScanStartupMode",
  "scan.bounded.mode":
    "class org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions$ScanBoundedMode",
  "sink.delivery-guarantee": "class org.apache.flink.connector.base.DeliveryGuarantee",
};

/** KafkaDynamicTableFactory.requiredOptions / optionalOptions (3.4.0). */
export const KAFKA_REQUIRED: readonly ConfigOption[] = [PROPS_BOOTSTRAP_SERVERS];
export const KAFKA_OPTIONAL: readonly ConfigOption[] = [
  FORMAT,
  KEY_FORMAT,
  KEY_FIELDS,
  KEY_FIELDS_PREFIX,
  VALUE_FORMAT,
  VALUE_FIELDS_INCLUDE,
  TOPIC,
  TOPIC_PATTERN,
  PROPS_GROUP_ID,
  SCAN_STARTUP_MODE,
  SCAN_STARTUP_SPECIFIC_OFFSETS,
  SCAN_TOPIC_PARTITION_DISCOVERY,
  SCAN_STARTUP_TIMESTAMP_MILLIS,
  SINK_PARTITIONER,
  SINK_PARALLELISM,
  DELIVERY_GUARANTEE,
  TRANSACTIONAL_ID_PREFIX,
  SINK_SEMANTIC,
  SCAN_BOUNDED_MODE,
  SCAN_BOUNDED_SPECIFIC_OFFSETS,
  SCAN_BOUNDED_TIMESTAMP_MILLIS,
];

/**
 * What upsert-kafka gained after kafka had it, from flink-connector-kafka's history:
 * UpsertKafkaDynamicTableFactory.optionalOptions lists none of these up to v3.0.2 and all from
 * v3.1.0 (FLINK-31740 boundedness, FLINK-31408 exactly-once), and `topic-pattern` from v3.3.0
 * (FLINK-22748, which also made `topic` optional).
 */
const UPSERT_KAFKA_RELEASES: Readonly<Record<string, string>> = {
  "scan.bounded.mode": kafkaConnectorRelease("3.1.0"),
  "scan.bounded.specific-offsets": kafkaConnectorRelease("3.1.0"),
  "scan.bounded.timestamp-millis": kafkaConnectorRelease("3.1.0"),
  "sink.delivery-guarantee": kafkaConnectorRelease("3.1.0"),
  "sink.transactional-id-prefix": kafkaConnectorRelease("3.1.0"),
  "topic-pattern": kafkaConnectorRelease("3.3.0"),
};

/** UpsertKafkaDynamicTableFactory.requiredOptions / optionalOptions (3.4.0). */
export const UPSERT_KAFKA_REQUIRED: readonly ConfigOption[] = [
  PROPS_BOOTSTRAP_SERVERS,
  KEY_FORMAT,
  VALUE_FORMAT,
];
export const UPSERT_KAFKA_OPTIONAL: readonly ConfigOption[] = withReleases(
  [
    TOPIC,
    TOPIC_PATTERN,
    KEY_FIELDS_PREFIX,
    VALUE_FIELDS_INCLUDE,
    SINK_PARALLELISM,
    SINK_BUFFER_FLUSH_INTERVAL,
    SINK_BUFFER_FLUSH_MAX_ROWS,
    SCAN_BOUNDED_MODE,
    SCAN_BOUNDED_SPECIFIC_OFFSETS,
    SCAN_BOUNDED_TIMESTAMP_MILLIS,
    DELIVERY_GUARANTEE,
    TRANSACTIONAL_ID_PREFIX,
  ],
  UPSERT_KAFKA_RELEASES,
);

/** Options that only mean something on one side; Flink accepts them on both and ignores them there. */
export const SOURCE_ONLY_KEYS: readonly string[] = [
  PROPS_GROUP_ID,
  SCAN_STARTUP_MODE,
  SCAN_STARTUP_SPECIFIC_OFFSETS,
  SCAN_STARTUP_TIMESTAMP_MILLIS,
  SCAN_BOUNDED_MODE,
  SCAN_BOUNDED_SPECIFIC_OFFSETS,
  SCAN_BOUNDED_TIMESTAMP_MILLIS,
  SCAN_TOPIC_PARTITION_DISCOVERY,
].map((o) => o.key);
export const SINK_ONLY_KEYS: readonly string[] = [
  SINK_PARTITIONER,
  SINK_PARALLELISM,
  DELIVERY_GUARANTEE,
  SINK_SEMANTIC,
  TRANSACTIONAL_ID_PREFIX,
  SINK_BUFFER_FLUSH_MAX_ROWS,
  SINK_BUFFER_FLUSH_INTERVAL,
].map((o) => o.key);

/** Keys the Flink Kafka source/sink read from `properties.*` besides kafka-clients' own. */
export const FLINK_SOURCE_PROPERTY_KEYS: readonly string[] = [
  "client.id.prefix",
  "partition.discovery.interval.ms",
  "register.consumer.metrics",
  "commit.offsets.on.checkpoint",
  "flink.disable-metrics",
];
export const FLINK_SINK_PROPERTY_KEYS: readonly string[] = [
  "register.producer.metrics",
  "flink.disable-metrics",
];
