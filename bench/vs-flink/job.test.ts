import { describe, expect, it } from "vitest";
import {
  jobScript,
  row,
  rowId,
  sentAtMicros,
  TRANSACTION_TIMEOUT_MS,
  type JobOptions,
} from "./job";
import { matrixFromEnv } from "./index";

const options: JobOptions = {
  format: "csv",
  guarantee: "at-least-once",
  parallelism: 2,
  bootstrap: "127.0.0.1:9092",
  input: "in",
  output: "out",
  name: "bench-x",
  checkpointIntervalMs: 1000,
  bounded: true,
};

describe("jobScript", () => {
  it("sets the parallelism, checkpoints and a bounded source for both engines", () => {
    const sql = jobScript(options);
    expect(sql).toContain("SET 'parallelism.default' = '2';");
    expect(sql).toContain("SET 'execution.checkpointing.interval' = '1000ms';");
    expect(sql).toContain("'scan.bounded.mode' = 'latest-offset'");
    expect(sql).toContain("'sink.delivery-guarantee' = 'at-least-once'");
    expect(sql).not.toContain("transactional-id-prefix");
    // FlinkSqlJob splits on ';' at a line's end: every statement must end so.
    expect(sql.trim().split(/;\s*\n/).length).toBe(5);
  });

  it("gives exactly-once a transactional id and the broker's 15-minute transaction timeout", () => {
    const sql = jobScript({
      ...options,
      guarantee: "exactly-once",
      bounded: false,
      format: "json",
    });
    expect(sql).toContain("'sink.transactional-id-prefix' = 'bench-x'");
    expect(sql).toContain(`'properties.transaction.timeout.ms' = '${TRANSACTION_TIMEOUT_MS}'`);
    expect(TRANSACTION_TIMEOUT_MS).toBe(900_000);
    expect(sql).not.toContain("scan.bounded.mode");
    expect(sql).toContain("'format' = 'json'");
  });
});

describe("rows", () => {
  it("are about 90 (CSV) and 110 (JSON) bytes and carry their produce time", () => {
    for (const id of [-1, 0, 42, 2_999_999]) {
      const csv = row("csv", id, 1_796_411_040_985_123);
      const json = row("json", id, 1_796_411_040_985_123);
      expect(csv.length).toBeGreaterThanOrEqual(85);
      expect(csv.length).toBeLessThanOrEqual(95);
      expect(json.length).toBeGreaterThanOrEqual(105);
      expect(json.length).toBeLessThanOrEqual(115);
      expect(csv.split(",")).toHaveLength(5);
      expect(sentAtMicros("csv", csv)).toBe(1_796_411_040_985_123);
      expect(sentAtMicros("json", json)).toBe(1_796_411_040_985_123);
      expect(rowId("csv", csv)).toBe(id);
      expect(rowId("json", json)).toBe(id);
    }
  });
});

describe("matrixFromEnv", () => {
  it("runs the whole matrix with 3M records by default and narrows it by comma lists", () => {
    expect(matrixFromEnv({})).toEqual({
      records: 3_000_000,
      checkpointIntervalMs: 1000,
      formats: ["csv", "json"],
      guarantees: ["at-least-once", "exactly-once"],
      layouts: ["1x1", "4x2"],
      pinnings: ["pinned", "unpinned"],
      contenders: ["tributary", "flink", "bytecopy"],
    });
    expect(
      matrixFromEnv({
        TRIBUTARY_BENCH_RECORDS: "100000",
        TRIBUTARY_BENCH_LAYOUTS: "4x2",
        TRIBUTARY_BENCH_CONTENDERS: "tributary, flink",
      }),
    ).toMatchObject({ records: 100_000, layouts: ["4x2"], contenders: ["tributary", "flink"] });
  });

  it("says what is wrong with a setting", () => {
    expect(() => matrixFromEnv({ TRIBUTARY_BENCH_RECORDS: "1e5x" })).toThrow(
      "TRIBUTARY_BENCH_RECORDS wants a positive integer, not '1e5x'",
    );
    expect(() => matrixFromEnv({ TRIBUTARY_BENCH_FORMATS: "csv,avro" })).toThrow(
      "TRIBUTARY_BENCH_FORMATS: unknown avro; one of csv, json",
    );
  });
});
