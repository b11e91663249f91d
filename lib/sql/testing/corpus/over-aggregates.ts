/**
 * OVER aggregation — aggregates over a window of preceding rows, one output row per input row —
 * validated with the checks of Flink's StreamExecOverAggregate (one window for all aggregates,
 * ascending order on one time attribute, n / UNBOUNDED PRECEDING to CURRENT ROW). Flink runs
 * them; the embedded engine does not (engine-capabilities.ts).
 */
import type { CorpusCase } from "./cases";

const TABLES = [
  "CREATE TABLE clicks (user_id INT, url STRING, amount INT, price DECIMAL(10, 2), ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'kafka', 'topic' = 'k', 'properties.bootstrap.servers' = 'k:9092', 'properties.group.id' = 'g', 'format' = 'json');",
  "CREATE TABLE totals (user_id INT, url STRING, total INT, cnt BIGINT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');",
  "CREATE TABLE prev_amounts (user_id INT, amount INT, prev_amount INT) WITH ('connector' = 'kafka', 'topic' = 'p', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');",
].join("\n");
const ENGINE = "OVER aggregation";

const ok = (name: string, sql: string): CorpusCase => ({
  name,
  sql: `${TABLES}\n${sql}`,
  engine: ENGINE,
});
const bad = (name: string, sql: string, culprit: string): CorpusCase => ({
  name,
  sql: `${TABLES}\n${sql}`,
  error: { line: 4, culprit },
});

export const OVER_AGGREGATE_CASES: CorpusCase[] = [
  ok(
    "over aggregation: the default frame (RANGE UNBOUNDED PRECEDING) by event time",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (PARTITION BY user_id ORDER BY ts) AS total, COUNT(*) OVER (PARTITION BY user_id ORDER BY ts) AS cnt FROM clicks;",
  ),
  ok(
    "over aggregation: ROWS BETWEEN 2 PRECEDING AND CURRENT ROW by processing time",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (PARTITION BY user_id ORDER BY pt ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), COUNT(url) OVER (PARTITION BY user_id ORDER BY pt ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM clicks;",
  ),
  ok(
    "over aggregation: RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW",
    "INSERT INTO totals SELECT user_id, url, MAX(amount) OVER (PARTITION BY user_id ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW), COUNT(*) OVER (PARTITION BY user_id ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM clicks;",
  ),
  ok(
    "over aggregation: the short frame form ROWS 5 PRECEDING and no PARTITION BY",
    "INSERT INTO totals SELECT user_id, url, MIN(amount) OVER (ORDER BY ts ROWS 5 PRECEDING), COUNT(*) OVER (ORDER BY ts ROWS 5 PRECEDING) FROM clicks;",
  ),
  ok(
    "over aggregation: LAG with a default",
    "INSERT INTO prev_amounts SELECT user_id, amount, LAG(amount, 1, 0) OVER (PARTITION BY user_id ORDER BY ts) FROM clicks;",
  ),
  ok(
    "over aggregation: an aggregate of an expression",
    "INSERT INTO totals SELECT user_id, url, SUM(amount * 2) OVER (PARTITION BY user_id ORDER BY ts), COUNT(*) OVER (PARTITION BY user_id ORDER BY ts) FROM clicks;",
  ),
  ok(
    "over aggregation: a named window (WINDOW w AS …)",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER w, COUNT(*) OVER w FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW);",
  ),
  bad(
    "over aggregation: a window the WINDOW clause lacks",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER w, COUNT(*) OVER v FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY ts);",
    "Window 'v' not found",
  ),
  bad(
    "over aggregation: OVER w without a WINDOW clause",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER w, COUNT(*) OVER w FROM clicks;",
    "Window 'w' not found",
  ),
  bad(
    "over aggregation: two different windows",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (PARTITION BY user_id ORDER BY ts), COUNT(*) OVER (PARTITION BY url ORDER BY ts) FROM clicks;",
    "All aggregates must be computed on the same window.",
  ),
  bad(
    "over aggregation: ordered descending",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (PARTITION BY user_id ORDER BY ts DESC), COUNT(*) OVER (PARTITION BY user_id ORDER BY ts DESC) FROM clicks;",
    "The window can only be ordered in ASCENDING mode.",
  ),
  bad(
    "over aggregation: ordered by a column that is no time attribute",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (PARTITION BY user_id ORDER BY amount), COUNT(*) OVER (PARTITION BY user_id ORDER BY amount) FROM clicks;",
    "OVER windows' ordering in stream mode must be defined on a time attribute.",
  ),
  bad(
    "over aggregation: without ORDER BY",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (PARTITION BY user_id), COUNT(*) OVER (PARTITION BY user_id) FROM clicks;",
    "The window can only be ordered by a single time column.",
  ),
  bad(
    "over aggregation: a FOLLOWING bound",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING), COUNT(*) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM clicks;",
    "OVER RANGE FOLLOWING windows are not supported yet.",
  ),
  bad(
    "over aggregation: a ROWS bound that is not an integer",
    "INSERT INTO totals SELECT user_id, url, SUM(amount) OVER (ORDER BY ts ROWS BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW), COUNT(*) OVER (ORDER BY ts) FROM clicks;",
    "ROWS value must be a non-negative integral constant",
  ),
  bad(
    "over aggregation: LEAD, which Flink refuses in stream mode",
    "INSERT INTO prev_amounts SELECT user_id, amount, LEAD(amount) OVER (PARTITION BY user_id ORDER BY ts) FROM clicks;",
    "LEAD Function is not supported in stream mode.",
  ),
  // AggFunctionFactory: in stream mode these three ranking functions are refused by name.
  bad(
    "over aggregation: CUME_DIST, which Flink refuses in stream mode",
    "INSERT INTO totals SELECT user_id, url, amount, CUME_DIST() OVER (PARTITION BY user_id ORDER BY ts) FROM clicks;",
    "CUME_DIST Function is not supported in stream mode.",
  ),
  bad(
    "over aggregation: PERCENT_RANK, which Flink refuses in stream mode",
    "INSERT INTO totals SELECT user_id, url, amount, PERCENT_RANK() OVER (PARTITION BY user_id ORDER BY pt) FROM clicks;",
    "PERCENT_RANK Function is not supported in stream mode.",
  ),
  bad(
    "over aggregation: NTILE, which Flink refuses in stream mode",
    "INSERT INTO totals SELECT user_id, url, amount, NTILE(4) OVER (PARTITION BY user_id ORDER BY ts) FROM clicks;",
    "NTILE Function is not supported in stream mode.",
  ),
  bad(
    "over aggregation: a scalar function with OVER",
    "INSERT INTO prev_amounts SELECT user_id, amount, ABS(amount) OVER (ORDER BY ts) FROM clicks;",
    "ABS is not an aggregate function",
  ),
  bad(
    "over aggregation: mixed with GROUP BY",
    "INSERT INTO prev_amounts SELECT user_id, MAX(amount), SUM(amount) OVER (ORDER BY ts) FROM clicks GROUP BY user_id;",
    "cannot be combined with GROUP BY",
  ),
  // CURRENT_WATERMARK: typed by the front end; the embedded engine keeps no watermark, so Flink runs it.
  {
    name: "CURRENT_WATERMARK filters late rows, and the job runs on Flink",
    sql: `${TABLES}\nINSERT INTO prev_amounts SELECT user_id, amount, amount FROM clicks WHERE CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts);`,
    engine: "CURRENT_WATERMARK()",
  },
  bad(
    "CURRENT_WATERMARK of a column that is no rowtime attribute",
    "INSERT INTO prev_amounts SELECT user_id, amount, amount FROM clicks WHERE CURRENT_WATERMARK(pt) IS NULL;",
    "The argument of CURRENT_WATERMARK() must be a rowtime attribute",
  ),
  bad(
    "OVERLAY of a number",
    "INSERT INTO totals SELECT user_id, OVERLAY(amount PLACING 'x' FROM 1), amount, 1 FROM clicks;",
    "Cannot apply 'OVERLAY'",
  ),
];
