/**
 * Benchmark of validateScript on a generated 500-line script (tables, views, SETs, INSERTs with
 * expressions, aggregations and windows). The budget is 50 ms per validation.
 */
import { validateScript } from "@/lib/sql/validate";

export function benchScript(lines = 500): string {
  const out: string[] = ["SET 'parallelism.default' = '2';"];
  let i = 0;
  while (out.length < lines) {
    out.push(
      `CREATE TABLE src_${i} (id INT, name STRING, price DECIMAL(10, 2), ts TIMESTAMP(3),`,
      `  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`,
      `) WITH ('connector' = 'kafka', 'topic' = 'in_${i}', 'properties.bootstrap.servers' = 'k:9092',`,
      `  'properties.group.id' = 'g', 'format' = 'json');`,
      `CREATE TABLE snk_${i} (id INT, label STRING, total DECIMAL(20, 2)) WITH ('connector' = 'kafka',`,
      `  'topic' = 'out_${i}', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'csv');`,
      `CREATE TEMPORARY VIEW v_${i} AS SELECT id, UPPER(TRIM(name)) AS label, price * 2 AS total`,
      `  FROM src_${i} WHERE id > 0 AND name LIKE 'a%' AND price BETWEEN 1 AND 100;`,
      `INSERT INTO snk_${i}`,
      `SELECT id, CASE WHEN label IS NULL THEN 'none' ELSE CONCAT(label, '-', CAST(id AS STRING)) END,`,
      `  COALESCE(total, 0) FROM v_${i};`,
    );
    i++;
  }
  return out
    .slice(0, lines)
    .join("\n")
    .replace(/[^;]*$/, "");
}

/** Runs `iterations` validations of a 500-line script after a warm-up; times in ms. */
export function benchValidate(iterations = 20): {
  lines: number;
  meanMs: number;
  medianMs: number;
  maxMs: number;
  diagnostics: number;
} {
  const sql = benchScript(500);
  const lines = sql.split("\n").length;
  // Warm-up, as the editor's worker and the server are warm after their first calls.
  for (let k = 0; k < 3; k++) validateScript(sql);
  const times: number[] = [];
  let diagnostics = 0;
  for (let k = 0; k < iterations; k++) {
    const t0 = performance.now();
    diagnostics = validateScript(sql).diagnostics.length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const meanMs = times.reduce((a, b) => a + b, 0) / iterations;
  return {
    lines,
    meanMs,
    medianMs: times[Math.floor(iterations / 2)],
    maxMs: times[iterations - 1],
    diagnostics,
  };
}
