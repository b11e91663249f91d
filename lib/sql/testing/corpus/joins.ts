/**
 * Queries users write every day: regular joins, CROSS JOIN UNNEST — validated with Calcite's name
 * rules ("Column 'x' is ambiguous") and Flink's changelog inference (an outer join produces
 * updates and deletes). The embedded engine runs CROSS JOIN UNNEST; a JOIN validates and
 * explains, and is an error naming the capability until an engine runs it.
 */
import type { CorpusCase } from "./cases";

const K = (topic: string, extra = "") =>
  `'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json'${extra}`;
const TABLES = [
  `CREATE TABLE orders (order_id INT, customer_id INT, amount DECIMAL(10, 2), tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (${K("o", ", 'properties.group.id' = 'g'")});`,
  `CREATE TABLE customers (customer_id INT, name STRING) WITH (${K("c", ", 'properties.group.id' = 'g'")});`,
  `CREATE TABLE enriched (order_id INT, name STRING) WITH (${K("e")});`,
  `CREATE TABLE enriched_upsert (order_id INT, name STRING, PRIMARY KEY (order_id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'eu', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');`,
  `CREATE TABLE order_tags (order_id INT, tag STRING) WITH (${K("t")});`,
].join("\n");
const LINES = 5;

const join = (name: string, sql: string, engine?: string): CorpusCase => ({
  name,
  sql: `${TABLES}\n${sql}`,
  ...(engine ? { engine } : {}),
});
const bad = (name: string, sql: string, culprit: string): CorpusCase => ({
  name,
  sql: `${TABLES}\n${sql}`,
  error: { line: LINES + 1, culprit },
});

export const JOIN_CASES: CorpusCase[] = [
  join(
    "join: inner join on a key",
    "INSERT INTO enriched SELECT o.order_id, c.name FROM orders AS o JOIN customers AS c ON o.customer_id = c.customer_id;",
    "JOIN",
  ),
  join(
    "join: comma join with the condition in WHERE",
    "INSERT INTO enriched SELECT o.order_id, c.name FROM orders o, customers c WHERE o.customer_id = c.customer_id;",
    "JOIN",
  ),
  join(
    "join: interval join on event time",
    "INSERT INTO enriched SELECT a.order_id, CAST(b.order_id AS STRING) FROM orders a JOIN orders b ON a.order_id = b.order_id AND a.ts BETWEEN b.ts - INTERVAL '1' HOUR AND b.ts;",
    "JOIN",
  ),
  join(
    "join: a LEFT interval join is insert-only, so an append-only kafka sink takes it",
    "INSERT INTO enriched SELECT a.order_id, CAST(b.order_id AS STRING) FROM orders a LEFT JOIN orders b ON a.order_id = b.order_id AND a.ts >= b.ts - INTERVAL '10' MINUTE AND a.ts < b.ts + INTERVAL '1' MINUTE;",
    "JOIN",
  ),
  join(
    "join: a left join into upsert-kafka accepts its updates",
    "INSERT INTO enriched_upsert SELECT o.order_id, c.name FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id;",
    "JOIN",
  ),
  bad(
    "join: a left join into an append-only kafka sink",
    "INSERT INTO enriched SELECT o.order_id, c.name FROM orders o LEFT OUTER JOIN customers c ON o.customer_id = c.customer_id;",
    "doesn't support consuming update and delete changes which is produced by node Join(joinType=[LeftOuterJoin]",
  ),
  bad(
    "join: an unqualified column both sides have",
    "INSERT INTO enriched SELECT order_id, name FROM orders o JOIN customers c ON customer_id = c.customer_id;",
    "Column 'customer_id' is ambiguous",
  ),
  bad(
    "join: a column the qualified table lacks",
    "INSERT INTO enriched SELECT o.order_id, c.nme FROM orders o JOIN customers c ON o.customer_id = c.customer_id;",
    "Column 'nme' not found in table 'c'",
  ),
  bad(
    "join: the same relation name twice",
    "INSERT INTO enriched SELECT o.order_id, 'x' FROM orders o JOIN customers o ON TRUE;",
    "Duplicate relation name 'o' in FROM clause",
  ),
  bad(
    "join: a non-boolean condition",
    "INSERT INTO enriched SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id;",
    "JOIN condition must be a condition",
  ),
  join(
    "join: USING names the common column once, unqualified",
    "INSERT INTO enriched SELECT customer_id, name FROM orders JOIN customers USING (customer_id);",
    "JOIN",
  ),
  join(
    "join: NATURAL JOIN on the columns both sides have",
    "INSERT INTO enriched SELECT order_id, name FROM orders NATURAL JOIN customers;",
    "JOIN",
  ),
  join(
    "join: LEFT JOIN … USING into upsert-kafka",
    "INSERT INTO enriched_upsert SELECT order_id, name FROM orders LEFT JOIN customers USING (customer_id);",
    "JOIN",
  ),
  bad(
    "join: USING a column one side lacks",
    "INSERT INTO enriched SELECT order_id, name FROM orders JOIN customers USING (order_id);",
    "Column 'order_id' not found in any table",
  ),
  join(
    "unnest: CROSS JOIN UNNEST runs",
    "INSERT INTO order_tags SELECT order_id, tag FROM orders CROSS JOIN UNNEST(tags) AS t (tag);",
  ),
  join(
    "unnest: qualified by its alias",
    "INSERT INTO order_tags SELECT o.order_id, t.tag FROM orders o CROSS JOIN UNNEST(o.tags) AS t (tag);",
  ),
  bad(
    "unnest: of a scalar",
    "INSERT INTO order_tags SELECT order_id, tag FROM orders CROSS JOIN UNNEST(customer_id) AS t (tag);",
    "Cannot apply 'UNNEST' to arguments of type 'UNNEST(<INT>)'",
  ),
  bad(
    "unnest: more aliases than columns",
    "INSERT INTO order_tags SELECT order_id, tag FROM orders CROSS JOIN UNNEST(tags) AS t (tag, extra);",
    "List of column aliases must have same degree as table",
  ),
];

const OVER_TABLES = [
  `CREATE TABLE clicks (user_id INT, url STRING, amount INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH (${K("k", ", 'properties.group.id' = 'g'")});`,
  `CREATE TABLE top3 (user_id INT, url STRING, rn BIGINT, PRIMARY KEY (user_id, rn) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'top', 'properties.bootstrap.servers' = 'k:9092', 'key.format' = 'json', 'value.format' = 'json');`,
  `CREATE TABLE firsts (user_id INT, url STRING) WITH (${K("f")});`,
].join("\n");
const over = (name: string, sql: string, expect: { engine?: string; culprit?: string }) => ({
  name,
  sql: `${OVER_TABLES}\n${sql}`,
  ...(expect.engine ? { engine: expect.engine } : {}),
  ...(expect.culprit ? { error: { line: 4, culprit: expect.culprit } } : {}),
});
const RANK_ENGINE = "OVER window (Top-N / deduplication)";

export const OVER_CASES: CorpusCase[] = [
  over(
    "over: Top-N into upsert-kafka",
    "INSERT INTO top3 SELECT user_id, url, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC) AS rn FROM clicks) WHERE rn <= 3;",
    { engine: RANK_ENGINE },
  ),
  over(
    "over: deduplication keeping the first row by processing time is insert-only",
    "INSERT INTO firsts SELECT user_id, url FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY pt ASC) AS rn FROM clicks) WHERE rn = 1;",
    { engine: RANK_ENGINE },
  ),
  over(
    "over: Top-N into an append-only kafka sink",
    "INSERT INTO firsts SELECT user_id, url FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC) AS rn FROM clicks) WHERE rn <= 3;",
    {
      culprit:
        "doesn't support consuming update and delete changes which is produced by node Rank(",
    },
  ),
  over(
    "over: keeping the last row by event time updates",
    "INSERT INTO firsts SELECT user_id, url FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) AS rn FROM clicks) WHERE rn = 1;",
    { culprit: "Deduplicate(keep=[LastRow], key=[user_id], order=[ROWTIME])" },
  ),
  over(
    "over: ROW_NUMBER without ORDER BY",
    "INSERT INTO firsts SELECT user_id, url FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id) AS rn FROM clicks) WHERE rn = 1;",
    { culprit: "The window rank function without order by" },
  ),
  over(
    "over: ROW_NUMBER without the outer filter",
    "INSERT INTO firsts SELECT user_id, url FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts) AS rn FROM clicks);",
    { culprit: "must be filtered in the outer query" },
  ),
  over(
    "over: an OVER aggregation inside an expression",
    "INSERT INTO firsts SELECT user_id, CAST(SUM(amount) OVER (PARTITION BY user_id ORDER BY ts) AS STRING) FROM clicks;",
    { culprit: "only as a whole SELECT item" },
  ),
];
