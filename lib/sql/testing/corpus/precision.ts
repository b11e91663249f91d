/**
 * Precision above the type system's maximum is lowered, as Calcite's SqlTypeFactoryImpl does
 * with FlinkTypeSystem.getMaxPrecision (DECIMAL 38, TIMESTAMP and TIMESTAMP_LTZ 9, TIME 3 — Calcite's
 * MAX_DATETIME_PRECISION, which Flink does not raise for TIME), with a warning naming the result.
 */
import type { CorpusCase } from "./cases";

const SINK = (col: string) =>
  `CREATE TABLE t (a ${col}) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');`;
const clamped = (name: string, sql: string, warning: string): CorpusCase => ({
  name,
  sql,
  warning,
});

export const PRECISION_CASES: CorpusCase[] = [
  clamped(
    "clamp: DECIMAL(40, 2)",
    SINK("DECIMAL(40, 2)"),
    "DECIMAL(40, 2) is taken as DECIMAL(38, 2)",
  ),
  clamped("clamp: DECIMAL(39)", SINK("DECIMAL(39)"), "DECIMAL(39, 0) is taken as DECIMAL(38, 0)"),
  clamped("clamp: TIMESTAMP(10)", SINK("TIMESTAMP(10)"), "TIMESTAMP(10) is taken as TIMESTAMP(9)"),
  clamped("clamp: TIMESTAMP(12)", SINK("TIMESTAMP(12)"), "TIMESTAMP(12) is taken as TIMESTAMP(9)"),
  clamped(
    "clamp: TIMESTAMP_LTZ(10)",
    SINK("TIMESTAMP_LTZ(10)"),
    "TIMESTAMP_LTZ(10) is taken as TIMESTAMP_LTZ(9)",
  ),
  clamped(
    "clamp: TIMESTAMP(11) WITH LOCAL TIME ZONE",
    SINK("TIMESTAMP(11) WITH LOCAL TIME ZONE"),
    "TIMESTAMP_LTZ(11) is taken as TIMESTAMP_LTZ(9)",
  ),
  clamped("clamp: TIME(9)", SINK("TIME(9)"), "TIME(9) is taken as TIME(3)"),
  clamped(
    "clamp: in CAST, and the clamped type is the one the sink sees",
    `${SINK("DECIMAL(38, 2)")}\nINSERT INTO t SELECT CAST(1.5 AS DECIMAL(50, 2));`,
    "DECIMAL(50, 2) is taken as DECIMAL(38, 2)",
  ),
  clamped(
    "clamp: nested in ARRAY and ROW",
    SINK("ARRAY<ROW<x TIMESTAMP(15)>>"),
    "TIMESTAMP(15) is taken as TIMESTAMP(9)",
  ),
];
