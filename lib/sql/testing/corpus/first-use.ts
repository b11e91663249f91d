/**
 * Tables no statement uses, judged as Flink judges them at their first use: as a sink when the
 * connector can write, otherwise as a source; source-only checks once a statement reads the table.
 */
import type { CorpusCase } from "./cases";

const BOOT = "'properties.bootstrap.servers' = 'k:9092'";
const KAFKA = (extra: string) =>
  `'connector' = 'kafka', 'topic' = 't', ${BOOT}, 'format' = 'csv'${extra}`;
const alone = (name: string, sql: string, line?: number, culprit?: string): CorpusCase =>
  line === undefined ? { name, sql } : { name, sql, error: { line, culprit: culprit! } };

export const FIRST_USE_CASES: CorpusCase[] = [
  alone(
    "first use: the spec's sink DDL alone is clean",
    `CREATE TABLE kafka_sink (user_id BIGINT, behavior STRING, ts TIMESTAMP(3)) WITH (${KAFKA("")});`,
  ),
  alone(
    "first use: standalone sink without a topic",
    `CREATE TABLE s (a STRING) WITH (\n  'connector' = 'kafka',\n  ${BOOT},\n  'format' = 'csv'\n);`,
    1,
    "Either 'topic' or 'topic-pattern' must be set.",
  ),
  alone(
    "first use: typo'd option with a suggestion",
    `CREATE TABLE s (a STRING) WITH (\n  ${KAFKA(",\n  'sink.partitionr' = 'fixed'")}\n);`,
    3,
    "Did you mean 'sink.partitioner'?",
  ),
  alone(
    "first use: unknown connector",
    "CREATE TABLE s (a STRING) WITH ('connector' = 'kafak');",
    1,
    "Could not find any factory for identifier 'kafak'",
  ),
  alone(
    "first use: unknown format",
    `CREATE TABLE s (a STRING) WITH ('connector' = 'kafka', 'topic' = 't', ${BOOT}, 'format' = 'cvs');`,
    1,
    "Could not find any factory for identifier 'cvs'",
  ),
  alone(
    "first use: bad enum value",
    `CREATE TABLE s (a STRING) WITH (${KAFKA(",\n 'sink.delivery-guarantee' = 'exactly_once2'")});`,
    2,
    "Could not parse value for enum",
  ),
  alone(
    "first use: bad boolean value",
    `CREATE TABLE s (a STRING) WITH (${KAFKA(",\n 'csv.disable-quote-character' = 'yes'")});`,
    2,
    "Unrecognized option for boolean: yes",
  ),
  alone(
    "first use: exactly-once without a prefix",
    `CREATE TABLE s (a STRING) WITH (${KAFKA(",\n 'sink.delivery-guarantee' = 'exactly-once'")});`,
    2,
    "sink.transactional-id-prefix must be specified",
  ),
  alone(
    "first use: a source-looking table with read-only metadata is not judged as a sink",
    `CREATE TABLE s (a STRING, o BIGINT METADATA FROM 'offset') WITH (${KAFKA(", 'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset'")});`,
  ),
  alone(
    "first use: an unknown metadata key is refused by every role",
    `CREATE TABLE s (a STRING, o BIGINT METADATA FROM 'offsets') WITH (${KAFKA("")});`,
    1,
    "Invalid metadata key 'offsets'",
  ),
  alone(
    "first use: source-only companions are not required before a statement reads the table",
    `CREATE TABLE s (a STRING) WITH (${KAFKA(", 'scan.startup.mode' = 'timestamp'")});`,
  ),
  alone(
    "first use: a SELECT makes the source-only checks apply",
    `CREATE TABLE s (a STRING) WITH (${KAFKA(", 'properties.group.id' = 'g', 'scan.startup.mode' = 'timestamp'")});\nSELECT a FROM s;`,
    1,
    "'scan.startup.timestamp-millis' is required in 'timestamp' startup mode but missing.",
  ),
  alone(
    "first use: a source-only connector is checked as a source",
    "CREATE TABLE d (a STRING) WITH ('connector' = 'datagen',\n 'rows-per-second' = 'x');",
    2,
    "rows-per-second",
  ),
  alone(
    "first use: a table read only through an unused view is still checked",
    `CREATE TABLE s (a STRING) WITH ('connector' = 'kafka', ${BOOT}, 'format' = 'csv');\nCREATE TEMPORARY VIEW v AS SELECT a FROM s;`,
    1,
    "Either 'topic' or 'topic-pattern' must be set.",
  ),
];
