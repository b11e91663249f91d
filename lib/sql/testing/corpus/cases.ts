/**
 * The SQL front end's corpus: scripts Flink accepts, and scripts Flink rejects with the line of
 * the diagnostic and a culprit the message must name. `withPrelude` cases run after PRELUDE's
 * tables (src, snk, agg_snk, win_snk, cdc), and their `line` counts from the case's first line.
 */
import { FIRST_USE_CASES } from "./first-use";
import { JOIN_CASES, OVER_CASES } from "./joins";
import { MISSED_CHECK_CASES } from "./missed-checks";
import { OVER_AGGREGATE_CASES } from "./over-aggregates";
import { PRECISION_CASES } from "./precision";

export interface CorpusCase {
  name: string;
  sql: string;
  /** Run after PRELUDE; `line` is then relative to the case's own first line. */
  withPrelude?: boolean;
  /** Absent: the script must validate without errors. */
  error?: { line: number; culprit: string };
  /**
   * Flink accepts the script, but the embedded engine lacks this capability: no errors, a warning
   * "<capability> is not run by the embedded engine: this job runs on the Flink engine …", and a
   * plan (deployed to Flink by engine 'auto').
   */
  engine?: string;
  /** Warnings that must appear (culprit substrings). */
  warning?: string;
}

const ok = (name: string, sql: string): CorpusCase => ({ name, sql, withPrelude: true });
const bad = (name: string, sql: string, line: number, culprit: string): CorpusCase => ({
  name,
  sql,
  withPrelude: true,
  error: { line, culprit },
});
const okRaw = (name: string, sql: string): CorpusCase => ({ name, sql });
/** Flink accepts the script; the embedded engine lacks the capability (engine-capabilities.ts). */
const engineLacks = (c: CorpusCase, capability: string): CorpusCase => ({
  ...c,
  engine: capability,
});
const badRaw = (name: string, sql: string, line: number, culprit: string): CorpusCase => ({
  name,
  sql,
  error: { line, culprit },
});

const KAFKA = (topic: string, format = "csv", extra = "") =>
  `'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = 'k:9092', 'format' = '${format}'${extra}`;
const KAFKA_SRC = (topic: string, format = "csv", extra = "") =>
  KAFKA(topic, format, `, 'properties.group.id' = 'g'${extra}`);

export const SPEC_SINK_DDL = `create table kafka_sink(
  user_id BIGINT,
  item_id BIGINT,
  category_id BIGINT,
  behavior STRING,
  ts TIMESTAMP(3)
) with (
  'connector' = 'kafka',
  'topic' = '<yourTopicName>',
  'properties.bootstrap.servers' = '<yourKafkaBrokers>',
  'format' = 'csv'
);`;

export const SPEC_KAFKA_TO_KAFKA = `CREATE TEMPORARY TABLE kafka_source (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '<yourTopicName>',
  'properties.bootstrap.servers' = '<yourKafkaBrokers>',
  'properties.group.id' = '<yourPropertiesGroupid>',
  'format' = 'csv'
);
CREATE TEMPORARY TABLE kafka_sink (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '<yourTopicName>',
  'properties.bootstrap.servers' = '<yourKafkaBrokers>',
  'format' = 'csv'
);
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source;`;

const SASL = `CREATE TABLE s (a STRING) WITH (
  ${KAFKA("t")},
  'properties.security.protocol' = 'SASL_PLAINTEXT',
  'properties.sasl.mechanism' = 'PLAIN',
  'properties.sasl.jaas.config' = 'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="USERNAME" password="PASSWORD";'
);
INSERT INTO s VALUES ('x');`;

// ---------------------------------------------------------------------------------------------
// Scripts Flink accepts

const valid: CorpusCase[] = [
  okRaw("spec: Kafka to Kafka example", SPEC_KAFKA_TO_KAFKA),
  okRaw(
    "spec: kafka_sink DDL with an INSERT of VALUES",
    `${SPEC_SINK_DDL}\nINSERT INTO kafka_sink VALUES (1, 2, 3, 'buy', TIMESTAMP '2024-01-01 00:00:00');`,
  ),
  okRaw("spec: SASL properties pass through", SASL),
  okRaw(
    "spec: custom partitioner attached",
    `CREATE TABLE s (a STRING) WITH (${KAFKA("t")}, 'sink.partitioner' = 'org.mycompany.MyPartitioner');\nINSERT INTO s VALUES ('x');`,
  ),
  okRaw(
    "spec: fixed partitioner",
    `CREATE TABLE s (a STRING) WITH (${KAFKA("t")}, 'sink.partitioner' = 'fixed');\nINSERT INTO s VALUES ('x');`,
  ),
  okRaw(
    "spec: round-robin partitioner",
    `CREATE TABLE s (a STRING) WITH (${KAFKA("t")}, 'sink.partitioner' = 'round-robin');\nINSERT INTO s VALUES ('x');`,
  ),
  ok("projection", "INSERT INTO snk SELECT id, name, age FROM src;"),
  ok(
    "select star from a matching table",
    "INSERT INTO snk SELECT * FROM (SELECT id, name, age FROM src);",
  ),
  ok("qualified star", "INSERT INTO snk SELECT t.* FROM (SELECT id, name, age FROM src) AS t;"),
  ok(
    "filter with AND/OR/NOT",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE (age > 18 AND NOT name = 'x') OR id IS NULL;",
  ),
  ok(
    "arithmetic and functions",
    "INSERT INTO snk SELECT id * 2 + 1, UPPER(TRIM(name)), MOD(age, 7) FROM src;",
  ),
  ok("table alias qualifies columns", "INSERT INTO snk SELECT s.id, s.name, s.age FROM src AS s;"),
  ok("alias without AS", "INSERT INTO snk SELECT s.id, s.name, s.age FROM src s;"),
  ok(
    "implicit widening TINYINT to INT",
    "INSERT INTO snk SELECT CAST(id AS TINYINT), name, CAST(age AS SMALLINT) FROM src;",
  ),
  ok("CHAR literal into STRING", "INSERT INTO snk SELECT 1, 'fixed', 2 FROM src;"),
  ok("NULL into nullable column", "INSERT INTO snk SELECT id, NULL, age FROM src;"),
  ok("CAST string to INT", "INSERT INTO snk SELECT CAST(name AS INT), name, age FROM src;"),
  ok("TRY_CAST", "INSERT INTO snk SELECT TRY_CAST(name AS INT), name, age FROM src;"),
  ok(
    "CASE searched",
    "INSERT INTO snk SELECT id, CASE WHEN age < 18 THEN 'minor' WHEN age < 65 THEN 'adult' ELSE 'senior' END, age FROM src;",
  ),
  ok(
    "CASE simple",
    "INSERT INTO snk SELECT id, CASE age WHEN 1 THEN 'one' ELSE 'many' END, age FROM src;",
  ),
  ok(
    "COALESCE / IFNULL / NULLIF",
    "INSERT INTO snk SELECT COALESCE(id, 0), IFNULL(name, '?'), NULLIF(age, 0) FROM src;",
  ),
  ok(
    "BETWEEN and IN",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE age BETWEEN 18 AND 65 AND id NOT IN (1, 2, 3);",
  ),
  ok(
    "LIKE",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE name LIKE 'a%' AND name NOT LIKE '%z';",
  ),
  ok(
    "string concatenation",
    "INSERT INTO snk SELECT id, name || '-' || CAST(age AS STRING), age FROM src;",
  ),
  ok(
    "CONCAT and CONCAT_WS",
    "INSERT INTO snk SELECT id, CONCAT(name, '!'), CHAR_LENGTH(CONCAT_WS(',', name, 'x')) FROM src;",
  ),
  ok(
    "SUBSTRING forms",
    "INSERT INTO snk SELECT id, SUBSTRING(name FROM 1 FOR 3), CHAR_LENGTH(SUBSTR(name, 2)) FROM src;",
  ),
  ok(
    "REPLACE, REGEXP_EXTRACT, SPLIT_INDEX",
    "INSERT INTO snk SELECT id, REPLACE(REGEXP_EXTRACT(name, '(\\w+)', 1), 'a', 'b'), CHAR_LENGTH(SPLIT_INDEX(name, ',', 0)) FROM src;",
  ),
  ok("CHR and LOWER", "INSERT INTO snk SELECT id, LOWER(CHR(65)), age FROM src;"),
  ok(
    "date/time functions",
    "INSERT INTO snk SELECT id, DATE_FORMAT(ts, 'yyyy-MM-dd'), CAST(UNIX_TIMESTAMP() AS INT) FROM src;",
  ),
  ok(
    "TO_TIMESTAMP and FROM_UNIXTIME",
    "INSERT INTO snk SELECT id, FROM_UNIXTIME(UNIX_TIMESTAMP(DATE_FORMAT(TO_TIMESTAMP(name), 'yyyy-MM-dd HH:mm:ss'))), age FROM src;",
  ),
  ok(
    "TO_TIMESTAMP_LTZ and NOW",
    "INSERT INTO snk SELECT id, CAST(TO_TIMESTAMP_LTZ(CAST(age AS BIGINT), 3) AS STRING), age FROM src WHERE NOW() > CURRENT_TIMESTAMP - INTERVAL '1' DAY;",
  ),
  ok(
    "LOCALTIMESTAMP compared with a TIMESTAMP",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE ts < LOCALTIMESTAMP;",
  ),
  ok("JSON_VALUE", "INSERT INTO snk SELECT id, JSON_VALUE(name, '$.a.b'), age FROM src;"),
  ok(
    "math functions",
    "INSERT INTO snk SELECT ABS(id), CAST(ROUND(price, 1) AS STRING), CAST(FLOOR(price) AS INT) + CAST(CEIL(price) AS INT) FROM src;",
  ),
  ok("CEILING alias", "INSERT INTO snk SELECT id, name, CAST(CEILING(price) AS INT) FROM src;"),
  ok("collection access", "INSERT INTO snk SELECT id, tags[1], CAST(attrs['k'] AS INT) FROM src;"),
  ok("constructors", "INSERT INTO snk SELECT id, MAP['a', name]['a'], ARRAY[age, 1][1] FROM src;"),
  ok(
    "interval and typed literals",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE ts > TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1-2' YEAR TO MONTH AND CAST(ts AS DATE) <> DATE '2024-01-01';",
  ),
  ok(
    "binary literal compared",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE CAST(name AS BYTES) = X'0A0B';",
  ),
  ok("unicode string literal", "INSERT INTO snk SELECT id, U&'\\0041B', age FROM src;"),
  ok(
    "IS TRUE / IS NOT FALSE",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE (age > 1) IS TRUE AND (age < 100) IS NOT FALSE;",
  ),
  ok(
    "comments everywhere",
    "-- a comment\nINSERT INTO snk /* inline */ SELECT id, name, age -- trailing\nFROM src;",
  ),
  ok("backquoted identifiers", "INSERT INTO `snk` SELECT `id`, `name`, `age` FROM `src`;"),
  ok(
    "fully qualified table names",
    "INSERT INTO default_catalog.default_database.snk SELECT id, name, age FROM default_database.src;",
  ),
  ok(
    "INSERT with a column list in another order",
    "INSERT INTO snk (age, name, id) SELECT age, name, id FROM src;",
  ),
  ok("INSERT with a partial column list fills NULL", "INSERT INTO snk (id) SELECT id FROM src;"),
  ok(
    "INSERT VALUES with several rows",
    "INSERT INTO snk VALUES (1, 'a', 2), (2, 'b', CAST(NULL AS INT));",
  ),
  ok(
    "UNION ALL",
    "INSERT INTO snk SELECT id, name, age FROM src UNION ALL SELECT id, name, 0 FROM src;",
  ),
  ok(
    "view",
    "CREATE TEMPORARY VIEW adults AS SELECT id, name, age FROM src WHERE age >= 18;\nINSERT INTO snk SELECT * FROM adults;",
  ),
  ok(
    "view with column names",
    "CREATE VIEW v (a, b, c) AS SELECT id, name, age FROM src;\nINSERT INTO snk SELECT a, b, c FROM v;",
  ),
  ok(
    "subquery",
    "INSERT INTO snk SELECT id, n, age FROM (SELECT id, UPPER(name) AS n, age FROM src WHERE id > 0) WHERE n <> '';",
  ),
  engineLacks(
    ok(
      "group aggregate into upsert-kafka",
      "INSERT INTO agg_snk SELECT name, COUNT(*) FROM src GROUP BY name;",
    ),
    "GROUP BY aggregation",
  ),
  engineLacks(
    ok(
      "aggregate functions",
      "INSERT INTO agg_snk SELECT name, COUNT(DISTINCT id) + CAST(SUM(age) AS BIGINT) + CAST(MIN(age) AS BIGINT) + CAST(MAX(age) AS BIGINT) + CAST(AVG(age) AS BIGINT) FROM src GROUP BY name;",
    ),
    "GROUP BY aggregation",
  ),
  engineLacks(
    ok(
      "GROUPING SETS into upsert-kafka",
      "INSERT INTO agg_snk SELECT COALESCE(name, 'all'), COUNT(*) FROM src GROUP BY GROUPING SETS ((name), ());",
    ),
    "GROUP BY aggregation",
  ),
  engineLacks(
    ok(
      "ROLLUP and GROUPING()",
      "INSERT INTO agg_snk SELECT IF(GROUPING(name) = 1, 'all', name), COUNT(*) FROM src GROUP BY ROLLUP (name);",
    ),
    "GROUP BY aggregation",
  ),
  engineLacks(
    ok(
      "HAVING",
      "INSERT INTO agg_snk SELECT name, COUNT(*) AS cnt FROM src GROUP BY name HAVING COUNT(*) > 1;",
    ),
    "GROUP BY aggregation",
  ),
  engineLacks(
    ok(
      "tumbling window aggregation is insert-only",
      "INSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;",
    ),
    "window aggregation",
  ),
  engineLacks(
    ok(
      "hopping window aggregation",
      "INSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) GROUP BY window_start, window_end;",
    ),
    "window aggregation",
  ),
  engineLacks(
    ok(
      "window with named arguments",
      "INSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(DATA => TABLE src, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '10' SECOND)) GROUP BY window_start, window_end;",
    ),
    "window aggregation",
  ),
  engineLacks(
    ok(
      "window TVF without aggregation",
      "INSERT INTO snk SELECT id, CAST(window_start AS STRING), age FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE));",
    ),
    "window table function (TUMBLE/HOP/CUMULATE)",
  ),
  engineLacks(
    ok(
      "processing-time window over a PROCTIME() column",
      "CREATE TABLE p (a INT, pt AS PROCTIME()) WITH ('connector' = 'datagen');\nINSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE p, DESCRIPTOR(pt), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;",
    ),
    "window aggregation",
  ),
  ok(
    "changelog source into upsert-kafka",
    "INSERT INTO agg_snk SELECT name, CAST(id AS BIGINT) FROM cdc;",
  ),
  engineLacks(
    ok(
      "changelog source aggregated into upsert-kafka",
      "INSERT INTO agg_snk SELECT name, COUNT(*) FROM cdc GROUP BY name;",
    ),
    "GROUP BY aggregation",
  ),
  engineLacks(
    ok(
      "statement set (BEGIN … END)",
      "BEGIN STATEMENT SET;\nINSERT INTO snk SELECT id, name, age FROM src;\nINSERT INTO agg_snk SELECT name, COUNT(*) FROM src GROUP BY name;\nEND;",
    ),
    "GROUP BY aggregation",
  ),
  ok(
    "statement set (EXECUTE … BEGIN … END)",
    "EXECUTE STATEMENT SET BEGIN\nINSERT INTO snk SELECT id, name, age FROM src;\nEND;",
  ),
  ok("EXPLAIN", "EXPLAIN INSERT INTO snk SELECT id, name, age FROM src;"),
  ok("EXPLAIN PLAN FOR", "EXPLAIN PLAN FOR INSERT INTO snk SELECT id, name, age FROM src;"),
  ok(
    "EXPLAIN with details",
    "EXPLAIN CHANGELOG_MODE, ESTIMATED_COST INSERT INTO snk SELECT id, name, age FROM src;",
  ),
  ok(
    "SET and RESET",
    "SET 'parallelism.default' = '2';\nSET 'execution.checkpointing.interval' = '10 s';\nSET 'pipeline.name' = 'my job';\nRESET 'pipeline.name';\nSET;\nRESET;\nINSERT INTO snk SELECT id, name, age FROM src;",
  ),
  ok(
    "restart strategy settings",
    "SET 'restart-strategy.type' = 'fixed-delay';\nSET 'restart-strategy.fixed-delay.attempts' = '3';\nSET 'restart-strategy.fixed-delay.delay' = '10 s';\nINSERT INTO snk SELECT id, name, age FROM src;",
  ),
  ok(
    "local time zone setting",
    "SET 'table.local-time-zone' = 'Asia/Shanghai';\nINSERT INTO snk SELECT id, name, age FROM src;",
  ),
  ok(
    "IF NOT EXISTS keeps the first table",
    "CREATE TABLE IF NOT EXISTS snk (x INT) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT id, name, age FROM src;",
  ),
  ok(
    "temporary table shadows permanent",
    "CREATE TEMPORARY TABLE snk (a INT, b STRING, c INT) WITH ('connector' = 'print');\nINSERT INTO snk SELECT id, name, age FROM src;",
  ),
  ok(
    "empty statements and trailing semicolons",
    ";;INSERT INTO snk SELECT id, name, age FROM src;;",
  ),
  ok("statement without final semicolon", "INSERT INTO snk SELECT id, name, age FROM src"),
  okRaw(
    "metadata columns read from a source",
    `CREATE TABLE m (\n  a STRING,\n  \`partition\` INT METADATA VIRTUAL,\n  \`offset\` BIGINT METADATA VIRTUAL,\n  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',\n  hs MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL,\n  tp STRING METADATA FROM 'topic' VIRTUAL\n) WITH (${KAFKA_SRC("t")});\nCREATE TABLE o (a STRING, p INT) WITH (${KAFKA("o")});\nINSERT INTO o SELECT a, \`partition\` FROM m;`,
  ),
  okRaw(
    "writable metadata: timestamp and headers",
    `CREATE TABLE o (a STRING, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', headers MAP<STRING, BYTES> METADATA) WITH (${KAFKA("o")});\nINSERT INTO o VALUES ('x', TO_TIMESTAMP_LTZ(0, 3), MAP['h', X'01']);`,
  ),
  okRaw(
    "writable topic metadata with a topic list",
    `CREATE TABLE o (a STRING, tp STRING METADATA FROM 'topic') WITH ('connector' = 'kafka', 'topic' = 'a;b', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'csv');\nINSERT INTO o VALUES ('x', 'a');`,
  ),
  okRaw(
    "virtual metadata is not part of the INSERT",
    `CREATE TABLE o (a STRING, p INT METADATA FROM 'partition' VIRTUAL) WITH (${KAFKA("o")});\nINSERT INTO o VALUES ('x');`,
  ),
  okRaw(
    "computed columns are not written",
    `CREATE TABLE o (a STRING, b AS UPPER(a)) WITH (${KAFKA("o")});\nINSERT INTO o SELECT 'x';`,
  ),
  okRaw(
    "computed column read from a source",
    `CREATE TABLE i (a STRING, n AS CHAR_LENGTH(a)) WITH (${KAFKA_SRC("i")});\nCREATE TABLE o (n INT) WITH (${KAFKA("o")});\nINSERT INTO o SELECT n FROM i;`,
  ),
  okRaw(
    "every data type in a DDL",
    `CREATE TABLE t (\n  a BOOLEAN, b TINYINT, c SMALLINT, d INTEGER, e BIGINT, f FLOAT, g DOUBLE PRECISION, h DECIMAL(38, 18),\n  i CHAR(3), j VARCHAR(20), k STRING, l BINARY(4), m VARBINARY(8), n BYTES, o DATE, p TIME(3),\n  q TIMESTAMP(9), r TIMESTAMP_LTZ(3), s TIMESTAMP(3) WITH LOCAL TIME ZONE, u ARRAY<INT NOT NULL>, v INT ARRAY,\n  w MAP<STRING, ROW<x INT, y STRING>>, z MULTISET<STRING>, rr ROW(aa INT, bb STRING) NOT NULL\n) WITH ('connector' = 'blackhole');\nINSERT INTO t SELECT * FROM t;`.replace(
      "INSERT INTO t SELECT * FROM t;",
      "",
    ),
  ),
  okRaw(
    "primary key at column level",
    `CREATE TABLE u (k STRING PRIMARY KEY NOT ENFORCED, v BIGINT) WITH ('connector' = 'upsert-kafka', 'topic' = 'u', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');\nINSERT INTO u VALUES ('a', 1);`,
  ),
  okRaw(
    "secret placeholders are accepted",
    `CREATE TABLE s (a STRING) WITH (${KAFKA("t")}, 'properties.security.protocol' = 'SASL_SSL', 'properties.sasl.mechanism' = 'PLAIN', 'properties.sasl.jaas.config' = '\${secret_values.jaas}');\nINSERT INTO s VALUES ('x');`,
  ),
  okRaw(
    "datagen into print",
    "CREATE TABLE g (a INT, b STRING) WITH ('connector' = 'datagen');\nCREATE TABLE p (a INT, b STRING) WITH ('connector' = 'print');\nINSERT INTO p SELECT * FROM g;",
  ),
  engineLacks(
    okRaw(
      "aggregate into print accepts updates",
      "CREATE TABLE g (a INT, b STRING) WITH ('connector' = 'datagen');\nCREATE TABLE p (b STRING, c BIGINT) WITH ('connector' = 'print');\nINSERT INTO p SELECT b, COUNT(*) FROM g GROUP BY b;",
    ),
    "GROUP BY aggregation",
  ),
  engineLacks(
    okRaw(
      "debezium-json sink accepts updates",
      `CREATE TABLE g (a INT, b STRING) WITH ('connector' = 'datagen');\nCREATE TABLE d (b STRING, c BIGINT) WITH (${KAFKA("d", "debezium-json")});\nINSERT INTO d SELECT b, COUNT(*) FROM g GROUP BY b;`,
    ),
    "GROUP BY aggregation",
  ),
  okRaw(
    "raw format with one column",
    `CREATE TABLE r (line STRING) WITH (${KAFKA("r", "raw")});\nINSERT INTO r VALUES ('hello');`,
  ),
  okRaw(
    "case-sensitive names that differ only in case",
    `CREATE TABLE c (Name STRING, name STRING) WITH ('connector' = 'blackhole');\nINSERT INTO c VALUES ('a', 'b');`,
  ),
  engineLacks(
    okRaw(
      "SELECT DISTINCT into print",
      "CREATE TABLE g (a INT) WITH ('connector' = 'datagen');\nCREATE TABLE p (a INT) WITH ('connector' = 'print');\nINSERT INTO p SELECT DISTINCT a FROM g;",
    ),
    "GROUP BY aggregation",
  ),
];

// ---------------------------------------------------------------------------------------------
// Parse errors

const parseErrors: CorpusCase[] = [
  bad(
    "missing ';' between statements",
    "INSERT INTO snk SELECT id, name, age FROM src\nINSERT INTO snk SELECT id, name, age FROM src;",
    2,
    'Encountered "INSERT" at line 7, column 1. Was expecting ";"',
  ),
  badRaw(
    "missing ';' after CREATE TABLE",
    "CREATE TABLE a (x INT) WITH ('connector' = 'datagen')\nCREATE TABLE b (x INT) WITH ('connector' = 'print');",
    2,
    'Encountered "CREATE"',
  ),
  bad("missing FROM table", "INSERT INTO snk SELECT id, name, age FROM;", 1, 'Encountered ";"'),
  bad(
    "trailing comma in select list",
    "INSERT INTO snk SELECT id, name, age, FROM src;",
    1,
    'Encountered "FROM"',
  ),
  bad(
    "missing comma between select items",
    "INSERT INTO snk SELECT id name age FROM src;",
    1,
    'Encountered "age"',
  ),
  bad(
    "unbalanced parenthesis",
    "INSERT INTO snk SELECT id, UPPER(name, age FROM src;",
    1,
    'Encountered "FROM"',
  ),
  bad(
    "unterminated string",
    "INSERT INTO snk SELECT id, 'abc, age FROM src;",
    1,
    "Unterminated string literal",
  ),
  bad(
    "double-quoted identifier",
    'INSERT INTO snk SELECT id, "name", age FROM src;',
    1,
    "backquotes",
  ),
  bad("INSERT without INTO", "INSERT snk SELECT id, name, age FROM src;", 1, '"INTO"'),
  badRaw(
    "reserved word as column name",
    "CREATE TABLE t (\n  id INT,\n  timestamp TIMESTAMP(3)\n) WITH ('connector' = 'blackhole');",
    3,
    "quote it as `timestamp`",
  ),
  badRaw(
    "reserved word value as column name",
    "CREATE TABLE t (value STRING) WITH ('connector' = 'blackhole');",
    1,
    "`value`",
  ),
  badRaw(
    "unquoted option key",
    "CREATE TABLE t (a INT) WITH (connector = 'print');",
    1,
    "quoted option key",
  ),
  badRaw("option without value", "CREATE TABLE t (a INT) WITH ('connector');", 1, '"="'),
  badRaw(
    "PRIMARY KEY without NOT ENFORCED",
    "CREATE TABLE t (a INT, PRIMARY KEY (a)) WITH ('connector' = 'print');",
    1,
    "NOT ENFORCED",
  ),
  badRaw(
    "PRIMARY KEY ENFORCED",
    "CREATE TABLE t (a INT, PRIMARY KEY (a) ENFORCED) WITH ('connector' = 'print');",
    1,
    "ENFORCED mode",
  ),
  badRaw(
    "unknown type name",
    "CREATE TABLE t (a TEXT) WITH ('connector' = 'print');",
    1,
    'Encountered "TEXT"',
  ),
  badRaw(
    "TIMESTAMP WITH TIME ZONE",
    "CREATE TABLE t (a TIMESTAMP(3) WITH TIME ZONE) WITH ('connector' = 'print');",
    1,
    "TIMESTAMP_LTZ",
  ),
  badRaw(
    "unclosed ARRAY type",
    "CREATE TABLE t (a ARRAY<INT) WITH ('connector' = 'print');",
    1,
    '">"',
  ),
  badRaw(
    "unterminated comment",
    "CREATE TABLE t (a INT) /* WITH ('connector' = 'print');",
    1,
    "Unterminated comment",
  ),
  bad("SET without quotes", "SET parallelism.default = 2;", 1, "single quotes"),
  bad(
    "statement set INSERT without ';'",
    "BEGIN STATEMENT SET;\nINSERT INTO snk SELECT id, name, age FROM src\nEND;",
    3,
    'ends with ";"',
  ),
  bad(
    "statement set with a CREATE",
    "BEGIN STATEMENT SET;\nCREATE TABLE x (a INT);\nEND;",
    2,
    "only INSERT",
  ),
  bad(
    "CASE without WHEN",
    "INSERT INTO snk SELECT id, CASE ELSE 'x' END, age FROM src;",
    1,
    '"WHEN"',
  ),
  bad("CAST without AS", "INSERT INTO snk SELECT CAST(id INT), name, age FROM src;", 1, '"AS"'),
  engineLacks(
    {
      name: "a regular JOIN of append-only inputs runs on Flink",
      sql: "INSERT INTO snk SELECT a.id, a.name, a.age FROM src a JOIN src b ON a.id = b.id;",
      withPrelude: true,
    },
    "JOIN",
  ),
  bad(
    "ORDER BY is not supported",
    "INSERT INTO snk SELECT id, name, age FROM src ORDER BY id;",
    1,
    "ORDER",
  ),
  bad("garbage keyword", "SELEKT id FROM src;", 1, 'Encountered "SELEKT"'),
  bad(
    "number glued to identifier",
    "INSERT INTO snk SELECT 12abc, name, age FROM src;",
    1,
    "Invalid number '12abc'",
  ),
  badRaw(
    "odd binary literal",
    "CREATE TABLE t (a BYTES) WITH ('connector' = 'print');\nINSERT INTO t VALUES (X'ABC');",
    2,
    "even number of hexadecimal digits",
  ),
  badRaw(
    "window TVF without DESCRIPTOR",
    "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nCREATE TABLE p (a INT) WITH ('connector' = 'print');\nINSERT INTO p SELECT a FROM TABLE(TUMBLE(TABLE t, INTERVAL '1' MINUTE));",
    3,
    "DESCRIPTOR",
  ),
];

// ---------------------------------------------------------------------------------------------
// Semantic errors

const semantic: CorpusCase[] = [
  bad(
    "unknown column with a case-only difference",
    "INSERT INTO snk SELECT ID, name, age FROM src;",
    1,
    "Column 'ID' not found in any table; did you mean 'id'?",
  ),
  bad(
    "unknown column with a typo",
    "INSERT INTO snk SELECT id, nmae, age FROM src;",
    1,
    "did you mean 'name'?",
  ),
  bad(
    "unknown column in WHERE",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE agee > 1;",
    1,
    "Column 'agee' not found",
  ),
  bad(
    "unknown table",
    "INSERT INTO snk SELECT id, name, age FROM sources;",
    1,
    "Object 'sources' not found",
  ),
  bad(
    "unknown table with suggestion",
    "INSERT INTO snk SELECT id, name, age FROM scr;",
    1,
    "did you mean 'src'?",
  ),
  bad(
    "unknown sink table",
    "INSERT INTO sink SELECT id, name, age FROM src;",
    1,
    "Object 'sink' not found",
  ),
  bad(
    "unknown table qualifier",
    "INSERT INTO snk SELECT x.id, name, age FROM src;",
    1,
    "Table 'x' not found",
  ),
  bad(
    "column of an aliased table",
    "INSERT INTO snk SELECT s.idd, name, age FROM src s;",
    1,
    "Column 'idd' not found in table 's'",
  ),
  bad(
    "unknown database",
    "INSERT INTO snk SELECT id, name, age FROM other_db.src;",
    1,
    "Database other_db does not exist",
  ),
  bad(
    "unknown catalog",
    "INSERT INTO snk SELECT id, name, age FROM hive.db.src;",
    1,
    "Catalog hive does not exist",
  ),
  bad(
    "unknown function",
    "INSERT INTO snk SELECT id, UPPPER(name), age FROM src;",
    1,
    "No match found for function signature UPPPER(<STRING>); did you mean 'UPPER'?",
  ),
  bad(
    "wrong argument type",
    "INSERT INTO snk SELECT id, UPPER(age), age FROM src;",
    1,
    "Cannot apply 'UPPER' to arguments of type 'UPPER(<INT>)'. Supported form(s): 'UPPER(<STRING>)'",
  ),
  bad(
    "wrong number of arguments",
    "INSERT INTO snk SELECT id, REPLACE(name, 'a'), age FROM src;",
    1,
    "Invalid number of arguments to function 'REPLACE'",
  ),
  bad(
    "SPLIT_INDEX with a string index",
    "INSERT INTO snk SELECT id, SPLIT_INDEX(name, ',', 'x'), age FROM src;",
    1,
    "SPLIT_INDEX",
  ),
  bad(
    "TO_TIMESTAMP_LTZ precision",
    "INSERT INTO snk SELECT id, CAST(TO_TIMESTAMP_LTZ(age, 6) AS STRING), age FROM src;",
    1,
    "The precision value '6' for function TO_TIMESTAMP_LTZ",
  ),
  bad(
    "DATE_FORMAT of a number",
    "INSERT INTO snk SELECT id, DATE_FORMAT(age, 'yyyy'), age FROM src;",
    1,
    "DATE_FORMAT",
  ),
  bad(
    "MOD of a DOUBLE",
    "INSERT INTO snk SELECT id, name, MOD(CAST(age AS DOUBLE), 2) FROM src;",
    1,
    "MOD",
  ),
  bad(
    "string plus number",
    "INSERT INTO snk SELECT id, name, name + 1 FROM src;",
    1,
    "Cannot apply '+' to arguments of type '<STRING> + <INT>'",
  ),
  bad(
    "comparing a string with a number",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE name = 1;",
    1,
    "Cannot apply '='",
  ),
  bad(
    "AND of a number",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE age AND TRUE;",
    1,
    "Cannot apply 'AND'",
  ),
  bad(
    "WHERE that is not a condition",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE age;",
    1,
    "WHERE clause must be a condition",
  ),
  bad(
    "|| on numbers",
    "INSERT INTO snk SELECT id, age || 'x', age FROM src;",
    1,
    "Cannot apply '||'",
  ),
  bad(
    "LIKE on a number",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE age LIKE '1%';",
    1,
    "LIKE",
  ),
  bad(
    "impossible CAST",
    "INSERT INTO snk SELECT id, name, CAST(tags AS INT) FROM src;",
    1,
    "Cast function cannot convert value of type ARRAY<STRING> to type INT",
  ),
  bad(
    "CAST BOOLEAN to DATE",
    "INSERT INTO snk SELECT id, CAST(CAST(TRUE AS DATE) AS STRING), age FROM src;",
    1,
    "cannot convert value of type BOOLEAN NOT NULL to type DATE",
  ),
  bad(
    "CASE mixing types",
    "INSERT INTO snk SELECT id, CASE WHEN age > 1 THEN 'a' ELSE 1 END, age FROM src;",
    1,
    "Illegal mixing of types in CASE or COALESCE statement",
  ),
  bad(
    "COALESCE mixing types",
    "INSERT INTO snk SELECT id, COALESCE(name, 1), age FROM src;",
    1,
    "Illegal mixing of types",
  ),
  bad(
    "IN list of incompatible type",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE age IN (1, 'two');",
    1,
    "compatible types",
  ),
  bad("index into a string", "INSERT INTO snk SELECT id, name[1], age FROM src;", 1, "ITEM"),
  bad(
    "field of a non-row",
    "INSERT INTO snk SELECT id, (name).x, age FROM src;",
    1,
    "only ROW values have fields",
  ),
  bad(
    "bad interval literal",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE ts > ts - INTERVAL '5x' MINUTE;",
    1,
    "Illegal interval literal format '5x' for INTERVAL MINUTE",
  ),
  bad(
    "bad DATE literal",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE CAST(ts AS DATE) = DATE '2024-13-01';",
    1,
    "Illegal DATE literal '2024-13-01'",
  ),
  bad(
    "bad TIMESTAMP literal",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE ts > TIMESTAMP '2024-01-01T25:00:00';",
    1,
    "Illegal TIMESTAMP literal",
  ),
  bad(
    "too many columns for the sink",
    "INSERT INTO snk SELECT id, name, age, price FROM src;",
    1,
    "Column types of query result and sink for 'default_catalog.default_database.snk' do not match.\nCause: Different number of columns.",
  ),
  bad(
    "too few columns for the sink",
    "INSERT INTO snk SELECT id, name FROM src;",
    1,
    "Query schema: [id: INT, name: STRING]\nSink schema:  [id: INT, name: STRING, age: INT]",
  ),
  bad(
    "string into INT column is not implicit",
    "INSERT INTO snk SELECT name, name, age FROM src;",
    1,
    "Incompatible types for sink column 'id' at position 0.",
  ),
  bad(
    "number into STRING column is not implicit",
    "INSERT INTO snk SELECT id, age, age FROM src;",
    1,
    "Incompatible types for sink column 'name' at position 1.",
  ),
  bad(
    "BIGINT into INT column narrows",
    "INSERT INTO snk SELECT CAST(id AS BIGINT), name, age FROM src;",
    1,
    "Incompatible types for sink column 'id'",
  ),
  bad(
    "DECIMAL into INT column narrows",
    "INSERT INTO snk SELECT id, name, price FROM src;",
    1,
    "Incompatible types for sink column 'age' at position 2",
  ),
  bad(
    "rowtime shown in the query schema",
    "INSERT INTO snk SELECT id, name, ts FROM src;",
    1,
    "ts: TIMESTAMP(3) *ROWTIME*",
  ),
  bad(
    "INSERT VALUES with wrong type",
    "INSERT INTO snk VALUES (1, 2, 3);",
    1,
    "Incompatible types for sink column 'name'",
  ),
  bad(
    "VALUES rows of different width",
    "INSERT INTO snk VALUES (1, 'a', 2), (1, 'b');",
    1,
    "Incompatible VALUES rows",
  ),
  bad(
    "unknown target column",
    "INSERT INTO snk (id, nam) SELECT id, name FROM src;",
    1,
    "Unknown target column 'nam'; did you mean 'name'?",
  ),
  bad(
    "target column twice",
    "INSERT INTO snk (id, id) SELECT id, id FROM src;",
    1,
    "Target column 'id' is assigned more than once",
  ),
  bad(
    "target column count mismatch",
    "INSERT INTO snk (id, name) SELECT id, name, age FROM src;",
    1,
    "Number of INSERT target columns (2) does not equal number of source items (3)",
  ),
  bad(
    "INSERT OVERWRITE into Kafka",
    "INSERT OVERWRITE snk SELECT id, name, age FROM src;",
    1,
    "SupportsOverwrite",
  ),
  bad(
    "INSERT into a view",
    "CREATE VIEW v AS SELECT id, name, age FROM src;\nINSERT INTO v SELECT id, name, age FROM src;",
    2,
    "Cannot insert into view",
  ),
  bad(
    "UNION ALL column count",
    "INSERT INTO snk SELECT id, name, age FROM src UNION ALL SELECT id, name FROM src;",
    1,
    "Column count mismatch in UNION ALL",
  ),
  bad(
    "UNION ALL type mismatch",
    "INSERT INTO snk SELECT id, name, age FROM src UNION ALL SELECT id, age, age FROM src;",
    1,
    "Type mismatch in column 2 of UNION ALL",
  ),
  bad(
    "column not grouped",
    "INSERT INTO agg_snk SELECT name, CAST(age AS BIGINT) FROM src GROUP BY name;",
    1,
    "Expression 'age' is not being grouped",
  ),
  bad(
    "aggregate in WHERE",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE COUNT(*) > 1;",
    1,
    "Aggregate expression is illegal in WHERE clause",
  ),
  bad(
    "nested aggregates",
    "INSERT INTO agg_snk SELECT name, MAX(COUNT(*)) FROM src GROUP BY name;",
    1,
    "Aggregate expressions cannot be nested",
  ),
  bad(
    "SUM of a string",
    "INSERT INTO agg_snk SELECT name, SUM(name) FROM src GROUP BY name;",
    1,
    "Cannot apply 'SUM'",
  ),
  bad(
    "group aggregate into an append-only kafka sink",
    "INSERT INTO snk SELECT MAX(id), name, CAST(COUNT(*) AS INT) FROM src GROUP BY name;",
    1,
    "Table sink 'default_catalog.default_database.snk' doesn't support consuming update changes which is produced by node GroupAggregate(groupBy=[name], select=[name, MAX(id) AS EXPR$0, COUNT(*) AS $f2])",
  ),
  bad(
    "global aggregate into kafka",
    "INSERT INTO win_snk SELECT CAST(NULL AS TIMESTAMP(3)), CAST(NULL AS TIMESTAMP(3)), COUNT(*) FROM src;",
    1,
    "doesn't support consuming update changes which is produced by node GroupAggregate(select=[COUNT(*) AS EXPR$2])",
  ),
  bad(
    "changelog source into an append-only sink",
    "INSERT INTO snk SELECT id, name, 0 FROM cdc;",
    1,
    "doesn't support consuming update and delete changes which is produced by node TableSourceScan(table=[[default_catalog, default_database, cdc]], fields=[id, name])",
  ),
  bad(
    "aggregate over a window start only is updating",
    "INSERT INTO win_snk SELECT window_start, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start;",
    1,
    "doesn't support consuming update changes",
  ),
  bad(
    "DISTINCT into kafka is updating",
    "INSERT INTO snk SELECT DISTINCT id, name, age FROM src;",
    1,
    "doesn't support consuming update changes",
  ),
  bad(
    "window over a non-time attribute",
    "INSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE snk, DESCRIPTOR(id), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;",
    1,
    "requires the timecol to be a time attribute type, but is INT",
  ),
  bad(
    "window time column unknown",
    "INSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(tss), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;",
    1,
    "Column 'tss' not found in any table; did you mean 'ts'?",
  ),
  bad(
    "HOP size not a multiple of slide",
    "INSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE src, DESCRIPTOR(ts), INTERVAL '2' MINUTE, INTERVAL '5' MINUTE)) GROUP BY window_start, window_end;",
    1,
    "integral multiple of slide",
  ),
  bad(
    "legacy group window function",
    "INSERT INTO agg_snk SELECT name, COUNT(*) FROM src GROUP BY name, TUMBLE(ts, INTERVAL '1' MINUTE);",
    1,
    "window table function",
  ),
  bad(
    "view over an unknown column",
    "CREATE VIEW v AS SELECT idx FROM src;",
    1,
    "Column 'idx' not found",
  ),
  bad(
    "view column list of the wrong size",
    "CREATE VIEW v (a, b) AS SELECT id FROM src;",
    1,
    "same degree",
  ),
  bad(
    "duplicate permanent table",
    "CREATE TABLE src (a INT) WITH ('connector' = 'datagen');",
    1,
    "Table (or view) default_database.src already exists in Catalog default_catalog.",
  ),
  badRaw(
    "duplicate temporary table",
    "CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'datagen');\nCREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'datagen');",
    2,
    "Temporary table '`default_catalog`.`default_database`.`t`' already exists",
  ),
  badRaw(
    "duplicate view",
    "CREATE TEMPORARY VIEW v AS SELECT 1;\nCREATE TEMPORARY VIEW v AS SELECT 2;",
    2,
    "already exists",
  ),
  badRaw(
    "duplicate column",
    "CREATE TABLE t (\n  a INT,\n  a STRING\n) WITH ('connector' = 'datagen');",
    3,
    "A column with the same name `a` has been defined at line 2, column 3.",
  ),
  badRaw(
    "DECIMAL precision clamped to 38 keeps a scale the clamped precision cannot hold",
    "CREATE TABLE t (a DECIMAL(40, 39)) WITH ('connector' = 'datagen');",
    1,
    "Decimal scale must be between 0 and the precision 38 (both inclusive).",
  ),
  badRaw(
    "DECIMAL scale above precision",
    "CREATE TABLE t (a DECIMAL(5, 7)) WITH ('connector' = 'datagen');",
    1,
    "Decimal scale must be between 0 and the precision 5 (both inclusive).",
  ),
  badRaw(
    "VARCHAR of length 0",
    "CREATE TABLE t (a VARCHAR(0)) WITH ('connector' = 'datagen');",
    1,
    "Variable character string length must be between 1 and 2147483647",
  ),
  badRaw(
    "CHAR of length 0",
    "CREATE TABLE t (a CHAR(0)) WITH ('connector' = 'datagen');",
    1,
    "Character string length must be between 1",
  ),
  badRaw(
    "primary key on an unknown column",
    "CREATE TABLE t (a INT, PRIMARY KEY (b) NOT ENFORCED) WITH ('connector' = 'datagen');",
    1,
    "Primary key column 'b' is not defined",
  ),
  badRaw(
    "primary key on a computed column",
    "CREATE TABLE t (a INT, b AS a + 1, PRIMARY KEY (b) NOT ENFORCED) WITH ('connector' = 'datagen');",
    1,
    "must be declared on physical columns",
  ),
  badRaw(
    "watermark on an unknown column",
    "CREATE TABLE t (a TIMESTAMP(3), WATERMARK FOR b AS b) WITH ('connector' = 'datagen');",
    1,
    "The rowtime attribute field 'b' is not defined in the table schema",
  ),
  badRaw(
    "watermark on a BIGINT",
    "CREATE TABLE t (a BIGINT, WATERMARK FOR a AS a) WITH ('connector' = 'datagen');",
    1,
    "the time field type is BIGINT",
  ),
  badRaw(
    "watermark on TIMESTAMP(6)",
    "CREATE TABLE t (a TIMESTAMP(6), WATERMARK FOR a AS a) WITH ('connector' = 'datagen');",
    1,
    "TIMESTAMP(6)",
  ),
  badRaw(
    "computed column with an unknown function",
    "CREATE TABLE t (a STRING, b AS UPER(a)) WITH ('connector' = 'datagen');",
    1,
    "UPER",
  ),
  badRaw(
    "computed column with an aggregate",
    "CREATE TABLE t (a INT, b AS SUM(a)) WITH ('connector' = 'datagen');",
    1,
    "not allowed in computed columns",
  ),
  badRaw(
    "partial column list leaves a NOT NULL column",
    `CREATE TABLE t (a STRING, b INT NOT NULL) WITH (${KAFKA("t")});\nINSERT INTO t (a) VALUES ('x');`,
    2,
    "Column 'b' has no default value and does not allow NULLs",
  ),
  badRaw(
    "writing a computed column",
    `CREATE TABLE t (a STRING, b AS UPPER(a)) WITH (${KAFKA("t")});\nINSERT INTO t (a, b) VALUES ('x', 'y');`,
    2,
    "Unknown target column 'b': computed columns",
  ),
  badRaw(
    "INSERT lists a VIRTUAL metadata column",
    `CREATE TABLE t (a STRING, p INT METADATA FROM 'partition' VIRTUAL) WITH (${KAFKA("t")});\nINSERT INTO t (a, p) VALUES ('x', 1);`,
    2,
    "VIRTUAL metadata columns are read-only",
  ),
  badRaw(
    "INSERT counts computed columns wrongly",
    `CREATE TABLE t (a STRING, b AS UPPER(a)) WITH (${KAFKA("t")});\nINSERT INTO t VALUES ('x', 'y');`,
    2,
    "Different number of columns.",
  ),
  badRaw(
    "metadata type not castable from the readable type",
    `CREATE TABLE m (a STRING, h BOOLEAN METADATA FROM 'headers') WITH (${KAFKA_SRC("m")});\nCREATE TABLE o (a STRING) WITH (${KAFKA("o")});\nINSERT INTO o SELECT a FROM m;`,
    1,
    "Invalid data type for metadata column 'h' of table 'default_catalog.default_database.m'",
  ),
  badRaw(
    "metadata type not castable to the writable type",
    `CREATE TABLE o (a STRING, ts BOOLEAN METADATA FROM 'timestamp') WITH (${KAFKA("o")});\nINSERT INTO o VALUES ('x', TRUE);`,
    1,
    "castable to metadata type 'TIMESTAMP_LTZ(3)'",
  ),
  badRaw(
    "value format metadata key unknown",
    `CREATE TABLE m (a STRING, s STRING METADATA FROM 'value.source.nope' VIRTUAL) WITH (${KAFKA_SRC("m", "debezium-json")});\nCREATE TABLE o (a STRING) WITH ('connector' = 'print');\nINSERT INTO o SELECT a FROM m;`,
    1,
    "Invalid metadata key 'value.source.nope'",
  ),
  bad(
    "SET of an invalid parallelism",
    "SET 'parallelism.default' = 'many';\nINSERT INTO snk SELECT id, name, age FROM src;",
    1,
    "Could not parse value 'many' for key 'parallelism.default'.",
  ),
  bad(
    "SET of a parallelism above the limit",
    "SET 'parallelism.default' = '300';\nINSERT INTO snk SELECT id, name, age FROM src;",
    1,
    "'parallelism.default' = '300' is more than Tributary runs: a job has at most 256 parallel instances.",
  ),
  bad(
    "SET of a parallelism past any integer",
    "SET 'parallelism.default' = '99999999999999999999';\nINSERT INTO snk SELECT id, name, age FROM src;",
    1,
    "at most 256 parallel instances",
  ),
  bad(
    "SET of an invalid checkpoint interval",
    "SET 'execution.checkpointing.interval' = 'often';\nINSERT INTO snk SELECT id, name, age FROM src;",
    1,
    "'execution.checkpointing.interval'",
  ),
  bad(
    "SET of an invalid time zone",
    "SET 'table.local-time-zone' = 'Mars/Olympus';\nINSERT INTO snk SELECT id, name, age FROM src;",
    1,
    "Invalid time zone 'Mars/Olympus'",
  ),
  bad(
    "error in the second INSERT of a statement set",
    "BEGIN STATEMENT SET;\nINSERT INTO snk SELECT id, name, age FROM src;\nINSERT INTO snk SELECT id, name FROM src;\nEND;",
    3,
    "Different number of columns.",
  ),
  bad(
    "error inside EXPLAIN",
    "EXPLAIN INSERT INTO snk SELECT idd, name, age FROM src;",
    1,
    "Column 'idd' not found",
  ),
  bad("error in a standalone SELECT", "SELECT nope FROM src;", 1, "Column 'nope' not found"),
  bad(
    "numeric literal out of range",
    "INSERT INTO snk SELECT id, name, age FROM src WHERE id = 123456789012345678901234567890123456789012;",
    1,
    "out of range",
  ),
  bad(
    "COUNT(*) is the only star call",
    "INSERT INTO agg_snk SELECT name, SUM(*) FROM src GROUP BY name;",
    1,
    "'*' is only allowed in COUNT(*)",
  ),
  bad(
    "DISTINCT in a scalar function",
    "INSERT INTO snk SELECT id, UPPER(DISTINCT name), age FROM src;",
    1,
    "DISTINCT is only allowed in aggregate functions",
  ),
  bad(
    "star of an unknown qualifier",
    "INSERT INTO snk SELECT x.* FROM src;",
    1,
    "Table 'x' not found",
  ),
];

// ---------------------------------------------------------------------------------------------
// Connector and format options (lib/connectors)

const connectors: CorpusCase[] = [
  badRaw(
    "no connector option",
    "CREATE TABLE t (a INT) WITH ('topic' = 'x');\nCREATE TABLE p (a INT) WITH ('connector' = 'print');\nINSERT INTO p SELECT a FROM t;",
    1,
    "Table options do not contain an option key 'connector'",
  ),
  badRaw(
    "unknown connector",
    "CREATE TABLE t (a INT) WITH ('connector' = 'kafak');\nCREATE TABLE p (a INT) WITH ('connector' = 'print');\nINSERT INTO p SELECT a FROM t;",
    1,
    "Could not find any factory for identifier 'kafak'",
  ),
  badRaw(
    "datagen as a sink",
    "CREATE TABLE g (a INT) WITH ('connector' = 'datagen');\nINSERT INTO g VALUES (1);",
    1,
    "Connector 'datagen' can only be used as a source. It cannot be used as a sink.",
  ),
  badRaw(
    "print as a source",
    "CREATE TABLE p (a INT) WITH ('connector' = 'print');\nCREATE TABLE b (a INT) WITH ('connector' = 'blackhole');\nINSERT INTO b SELECT a FROM p;",
    1,
    "Connector 'print' can only be used as a sink. It cannot be used as a source.",
  ),
  badRaw(
    "missing bootstrap servers",
    "CREATE TABLE k (a STRING) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'csv');\nINSERT INTO k VALUES ('x');",
    1,
    "properties.bootstrap.servers",
  ),
  badRaw(
    "unknown kafka option with a suggestion",
    `CREATE TABLE k (a STRING) WITH (${KAFKA("t")}, 'sink.paritioner' = 'fixed');\nINSERT INTO k VALUES ('x');`,
    1,
    "sink.partitioner",
  ),
  badRaw(
    "topic and topic-pattern together",
    `CREATE TABLE k (a STRING) WITH (${KAFKA("t")}, 'topic-pattern' = 't.*');\nINSERT INTO k VALUES ('x');`,
    1,
    "Option 'topic' and 'topic-pattern' shouldn't be set together.",
  ),
  badRaw(
    "exactly-once without a transactional id prefix",
    `CREATE TABLE k (a STRING) WITH (${KAFKA("t")}, 'sink.delivery-guarantee' = 'exactly-once');\nINSERT INTO k VALUES ('x');`,
    1,
    "sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE.",
  ),
  badRaw(
    "bad delivery guarantee",
    `CREATE TABLE k (a STRING) WITH (${KAFKA("t")}, 'sink.delivery-guarantee' = 'twice');\nINSERT INTO k VALUES ('x');`,
    1,
    "twice",
  ),
  badRaw(
    "upsert-kafka without primary key",
    "CREATE TABLE u (a STRING, b BIGINT) WITH ('connector' = 'upsert-kafka', 'topic' = 'u', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');\nINSERT INTO u VALUES ('a', 1);",
    1,
    "PRIMARY KEY",
  ),
  badRaw(
    "kafka with a primary key and csv",
    `CREATE TABLE k (a STRING, PRIMARY KEY (a) NOT ENFORCED) WITH (${KAFKA("t")});\nINSERT INTO k VALUES ('x');`,
    1,
    "doesn't support defining PRIMARY KEY constraint",
  ),
  badRaw(
    "round-robin with key.fields",
    `CREATE TABLE k (a STRING, b STRING) WITH (${KAFKA("t")}, 'sink.partitioner' = 'round-robin', 'key.format' = 'csv', 'key.fields' = 'a');\nINSERT INTO k VALUES ('x', 'y');`,
    1,
    "'round-robin' partitioner only works when option 'key.fields' is not specified",
  ),
  badRaw(
    "key.fields without key.format",
    `CREATE TABLE k (a STRING) WITH (${KAFKA("t")}, 'key.fields' = 'a');\nINSERT INTO k VALUES ('x');`,
    1,
    "key.format",
  ),
  badRaw(
    "unknown format",
    `CREATE TABLE k (a STRING) WITH (${KAFKA("t", "jsn")});\nINSERT INTO k VALUES ('x');`,
    1,
    "jsn",
  ),
  badRaw(
    "read-only metadata column written to the sink",
    `CREATE TABLE k (a STRING, p INT METADATA FROM 'partition') WITH (${KAFKA("t")});\nINSERT INTO k VALUES ('x', 1);`,
    1,
    "Invalid metadata key 'partition'",
  ),
  badRaw(
    "topic metadata with a single topic",
    `CREATE TABLE k (a STRING, tp STRING METADATA FROM 'topic') WITH (${KAFKA("t")});\nINSERT INTO k VALUES ('x', 't');`,
    1,
    "Invalid metadata key 'topic'",
  ),
  badRaw(
    "metadata on print",
    "CREATE TABLE p (a INT, m STRING METADATA) WITH ('connector' = 'print');\nINSERT INTO p VALUES (1, 'x');",
    1,
    "SupportsWritingMetadata",
  ),
];

export const CORPUS: CorpusCase[] = [
  ...valid,
  ...parseErrors,
  ...semantic,
  ...connectors,
  ...FIRST_USE_CASES,
  ...PRECISION_CASES,
  ...MISSED_CHECK_CASES,
  ...JOIN_CASES,
  ...OVER_AGGREGATE_CASES,
  ...OVER_CASES,
];
