/**
 * Checks Flink makes that are easy to miss: reserved words as bare identifiers (Calcite 1.32's
 * reserved set plus Flink 1.20's own keywords), a bare NULL in a multi-row VALUES, forbidden casts
 * (LogicalTypeCasts) and SET values that a known option's type refuses.
 */
import type { CorpusCase } from "./cases";

const T = (cols: string) => `CREATE TABLE t (${cols}) WITH ('connector' = 'blackhole');`;
const good = (name: string, sql: string): CorpusCase => ({ name, sql });
const bad = (name: string, sql: string, line: number, culprit: string): CorpusCase => ({
  name,
  sql,
  error: { line, culprit },
});

const reservedColumn = (word: string): CorpusCase =>
  bad(
    `reserved: bare column named ${word}`,
    T(`${word} INT`),
    1,
    `"${word}" is a reserved keyword`,
  );

export const MISSED_CHECK_CASES: CorpusCase[] = [
  // Calcite's reserved words, and Flink's added keywords that are not listed as non-reserved.
  ...[
    "views",
    "second",
    "day",
    "value",
    "comment",
    "string",
    "bytes",
    "tables",
    "functions",
    "modules",
    "raw",
    "use",
    "rename",
    "modify",
    "hash",
    "extended",
    "lag",
    "first_value",
    "json_value",
    "system_time",
    "upsert",
    "show",
    "reset",
  ].map(reservedColumn),
  bad(
    "reserved: a column named watermark reads as a WATERMARK clause",
    T("watermark INT"),
    1,
    'Encountered "INT" at line 1, column 27. Was expecting "FOR"',
  ),
  good(
    "reserved: backquoted reserved words are fine",
    `${T("`views` INT, `second` INT, `comment` STRING")}\nINSERT INTO t VALUES (1, 2, 'x');`,
  ),
  good(
    "reserved: non-reserved keywords are fine bare",
    `${T("metadata INT, virtual INT, enforced INT, dayofweek INT, tumble INT, json INT, key INT, stop INT")}\nINSERT INTO t VALUES (1, 2, 3, 4, 5, 6, 7, 8);`,
  ),
  good(
    "reserved: JSON_VALUE and FIRST_VALUE-style words still call functions",
    `${T("a STRING")}\nINSERT INTO t SELECT JSON_VALUE('{"a":1}', '$.a');`,
  ),
  // VALUES
  bad(
    "VALUES: bare NULL in a multi-row VALUES",
    `${T("a INT")}\nINSERT INTO t VALUES (1), (NULL);`,
    2,
    "Illegal use of 'NULL'",
  ),
  bad(
    "VALUES: bare NULL in a later column of a multi-row VALUES",
    `${T("a INT, b INT")}\nINSERT INTO t VALUES (1, 2), (3, NULL);`,
    2,
    "Illegal use of 'NULL'",
  ),
  good("VALUES: bare NULL in a single-row VALUES", `${T("a INT")}\nINSERT INTO t VALUES (NULL);`),
  good(
    "VALUES: CAST(NULL AS …) in a multi-row VALUES",
    `${T("a INT")}\nINSERT INTO t VALUES (1), (CAST(NULL AS INT));`,
  ),

  // Casts (LogicalTypeCasts, then the planner's cast rules)
  bad(
    "cast: TIMESTAMP to INT",
    `${T("a INT, ts TIMESTAMP(3)")}\nINSERT INTO t SELECT CAST(ts AS INT), ts FROM t;`,
    2,
    "The cast from TIMESTAMP type to NUMERIC type is not allowed. It's recommended to use UNIX_TIMESTAMP(CAST(timestamp_col AS STRING)) instead.",
  ),
  bad(
    "cast: TIMESTAMP to DECIMAL with TRY_CAST",
    `${T("a DECIMAL(20, 3), ts TIMESTAMP(3)")}\nINSERT INTO t SELECT TRY_CAST(ts AS DECIMAL(20, 3)), ts FROM t;`,
    2,
    "The cast from TIMESTAMP type to NUMERIC type is not allowed.",
  ),
  bad(
    "cast: TIMESTAMP_LTZ to BIGINT",
    `${T("a BIGINT, ts TIMESTAMP_LTZ(3)")}\nINSERT INTO t SELECT CAST(ts AS BIGINT), ts FROM t;`,
    2,
    "The cast from TIMESTAMP_LTZ type to NUMERIC type is not allowed.",
  ),
  bad(
    "cast: BIGINT to TIMESTAMP",
    `${T("ts TIMESTAMP(3)")}\nINSERT INTO t SELECT CAST(1700000000 AS TIMESTAMP(3));`,
    2,
    "The cast from NUMERIC type to TIMESTAMP type is not allowed. It's recommended to use TO_TIMESTAMP(FROM_UNIXTIME(numeric_col)) instead, note the numeric is in seconds.",
  ),
  bad(
    "cast: DOUBLE to TIMESTAMP_LTZ",
    `${T("ts TIMESTAMP_LTZ(3)")}\nINSERT INTO t SELECT CAST(1.5E0 AS TIMESTAMP_LTZ(3));`,
    2,
    "The cast from NUMERIC type to TIMESTAMP_LTZ type is not allowed.",
  ),
  bad(
    "cast: DATE to INT is not in the matrix",
    `${T("a INT")}\nINSERT INTO t SELECT CAST(DATE '2024-01-01' AS INT);`,
    2,
    "Cast function cannot convert value of type DATE NOT NULL to type INT",
  ),
  bad(
    "cast: BYTES to INT is not in the matrix",
    `${T("a INT")}\nINSERT INTO t SELECT CAST(X'01' AS INT);`,
    2,
    "Cast function cannot convert value of type",
  ),
  good(
    "cast: the usual conversions",
    `${T("a INT, b BOOLEAN, c STRING, d DATE, e TIMESTAMP(3), f BYTES")}\nINSERT INTO t SELECT CAST(TRUE AS INT), CAST(1 AS BOOLEAN), CAST(ARRAY[1] AS STRING), CAST(TIMESTAMP '2024-01-01 00:00:00' AS DATE), CAST(DATE '2024-01-01' AS TIMESTAMP(3)), CAST('ab' AS BYTES);`,
  ),

  // SET values for known session options (lib/options/session-options.ts)
  bad(
    "SET: an enum value its option refuses",
    "SET 'table.exec.sink.not-null-enforcer' = 'IGNORE';",
    1,
    "Could not parse value 'IGNORE' for key 'table.exec.sink.not-null-enforcer'. Could not parse value for enum class org.apache.flink.table.api.config.ExecutionConfigOptions$NotNullEnforcer. Expected one of: [ERROR, DROP]",
  ),
  good(
    "SET: enum values are case-insensitive",
    "SET 'table.exec.sink.not-null-enforcer' = 'drop';",
  ),
  bad(
    "SET: a boolean option",
    "SET 'table.exec.mini-batch.enabled' = 'yes';",
    1,
    "Unrecognized option for boolean: yes",
  ),
  bad(
    "SET: a duration option",
    "SET 'table.exec.state.ttl' = '1 fortnight';",
    1,
    "Time interval unit label 'fortnight' does not match any of the recognized units",
  ),
  bad(
    "SET: an integer option",
    "SET 'parallelism.default' = 'two';",
    1,
    `Could not parse value 'two' for key 'parallelism.default'. For input string: "two"`,
  ),
  bad(
    "SET: execution.runtime-mode",
    "SET 'execution.runtime-mode' = 'streamin';",
    1,
    "Could not parse value for enum class org.apache.flink.api.common.RuntimeExecutionMode. Expected one of: [STREAMING, BATCH, AUTOMATIC]",
  ),
  good(
    "SET: known keys with good values, unknown keys and secrets pass",
    "SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE';\nSET 'pipeline.object-reuse' = 'TRUE';\nSET 'my.own.key' = 'anything';\nSET 'table.exec.state.ttl' = '${secret_values.ttl}';",
  ),
];
