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
];
