/**
 * What the side-by-side benchmark runs: the spec's Kafka→Kafka job (CSV, or the same rows as
 * JSON) as one SQL script that both `tributary run` and Flink's TableEnvironment execute
 * unchanged, and the rows it copies (~100 bytes, with the time they were produced).
 */
export type Format = "csv" | "json";
export type Guarantee = "at-least-once" | "exactly-once";
/** Input partitions × parallelism. */
export type Layout = "1x1" | "4x2";
export type Pinning = "pinned" | "unpinned";
export type Contender = "tributary" | "flink" | "bytecopy";

export const LAYOUTS: Record<Layout, { partitions: number; parallelism: number }> = {
  "1x1": { partitions: 1, parallelism: 1 },
  "4x2": { partitions: 4, parallelism: 2 },
};

/** The broker's default transaction.max.timeout.ms: Flink's own 1 h default would be refused. */
export const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

export interface JobOptions {
  format: Format;
  guarantee: Guarantee;
  parallelism: number;
  bootstrap: string;
  input: string;
  output: string;
  /** Consumer group and transactional-id prefix. */
  name: string;
  checkpointIntervalMs: number;
  /** Read up to the offsets at start and finish (throughput), or run until stopped (latency). */
  bounded: boolean;
}

const COLUMNS = "id BIGINT, sent_at BIGINT, name STRING, amount DOUBLE, note STRING";

export function jobScript(o: JobOptions): string {
  const common = `'connector' = 'kafka', 'properties.bootstrap.servers' = '${o.bootstrap}', 'format' = '${o.format}'`;
  const exactlyOnce =
    o.guarantee === "exactly-once"
      ? `, 'sink.transactional-id-prefix' = '${o.name}', 'properties.transaction.timeout.ms' = '${TRANSACTION_TIMEOUT_MS}'`
      : "";
  return [
    `SET 'parallelism.default' = '${o.parallelism}';`,
    `SET 'execution.checkpointing.interval' = '${o.checkpointIntervalMs}ms';`,
    `CREATE TABLE src (${COLUMNS}) WITH (${common}, 'topic' = '${o.input}',`,
    `  'properties.group.id' = '${o.name}', 'scan.startup.mode' = 'earliest-offset'${o.bounded ? ", 'scan.bounded.mode' = 'latest-offset'" : ""});`,
    `CREATE TABLE dst (${COLUMNS}) WITH (${common}, 'topic' = '${o.output}',`,
    `  'sink.delivery-guarantee' = '${o.guarantee}'${exactlyOnce});`,
    `INSERT INTO dst SELECT * FROM src;`,
    "",
  ].join("\n");
}

/** One row of ~100 bytes; `sentAtMicros` is when it was produced (µs since the epoch). */
export function row(format: Format, id: number, sentAtMicros: number): string {
  const name = `customer-${String(id % 10_000).padStart(5, "0")}`;
  const amount = (id % 1000) / 10;
  if (format === "csv")
    return `${id},${sentAtMicros},${name},${amount},${`note for record ${id} `.padEnd(52 - String(id).length, "x")}`;
  return JSON.stringify({
    id,
    sent_at: sentAtMicros,
    name,
    amount,
    note: `note ${id} `.padEnd(30 - String(id).length, "x"),
  });
}

/** The produce time a row carries (the second CSV field, or "sent_at"). */
export function sentAtMicros(format: Format, value: string): number {
  if (format === "csv")
    return Number(value.slice(value.indexOf(",") + 1, value.indexOf(",", value.indexOf(",") + 1)));
  return Number((JSON.parse(value) as { sent_at: number }).sent_at);
}

export const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

/** The id a row carries (the first CSV field, or "id"). */
export function rowId(format: Format, value: string): number {
  if (format === "csv") return Number(value.slice(0, value.indexOf(",")));
  return Number((JSON.parse(value) as { id: number }).id);
}
