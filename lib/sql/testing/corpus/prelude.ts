/** Tables the corpus cases share, one statement per line so that case lines are easy to count. */
export const PRELUDE = [
  "CREATE TABLE src (id INT, name STRING, age INT, price DECIMAL(10, 2), ts TIMESTAMP(3), tags ARRAY<STRING>, attrs MAP<STRING, STRING>, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'kafka', 'topic' = 'in', 'properties.bootstrap.servers' = 'k:9092', 'properties.group.id' = 'g', 'format' = 'json');",
  "CREATE TABLE snk (id INT, name STRING, age INT) WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'csv');",
  "CREATE TABLE agg_snk (name STRING, cnt BIGINT, PRIMARY KEY (name) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'agg', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');",
  "CREATE TABLE win_snk (window_start TIMESTAMP(3), window_end TIMESTAMP(3), cnt BIGINT) WITH ('connector' = 'kafka', 'topic' = 'win', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');",
  "CREATE TABLE cdc (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = 'cdc', 'properties.bootstrap.servers' = 'k:9092', 'properties.group.id' = 'g', 'format' = 'debezium-json');",
].join("\n");

export const PRELUDE_LINES = 5;
