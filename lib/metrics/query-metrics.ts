/**
 * Metric series of a job for a time range: per instance, or summed over instances (the job).
 * Reads the tier that covers the range (downsample.ts) and, when a coarser resolution is asked
 * for, combines buckets with the same rule as compaction.
 */
import { prisma } from "@/lib/db/prisma";
import { resolutionFor, TIERS } from "./downsample";
import { COUNTERS } from "./metric-names";

export interface MetricSeries {
  name: string;
  /** null: summed over the job's instances. */
  instance: number | null;
  resolutionS: number;
  /** [epoch ms, value] */
  points: Array<[number, number]>;
}

export interface MetricQuery {
  jobId: string;
  names: string[];
  fromMs: number;
  toMs: number;
  /** Bucket width in seconds; at least the stored tier's. */
  resolutionS?: number;
  /** One instance, or undefined for the job (sum over instances). */
  instance?: number;
}

const MAX_NAMES = [...COUNTERS, "records-lag-max", "lastCommitTime"];

export async function queryMetrics(q: MetricQuery, nowMs = Date.now()): Promise<MetricSeries[]> {
  const stored = resolutionFor(q.fromMs, nowMs);
  const width = Math.max(stored, q.resolutionS ?? stored);
  const tiers = TIERS.map((t) => t.resolutionS).filter((r) => r <= width && r >= stored);
  const rows = await prisma().$queryRaw<
    Array<{ name: string; instance: number | null; bucket: Date; value: number }>
  >`
    WITH per_instance AS (
      SELECT name, instance, floor(extract(epoch FROM at) / ${width}::int) AS b,
             CASE WHEN name = ANY(${MAX_NAMES}::text[]) OR name LIKE 'records-lag:%' THEN max(value) ELSE avg(value) END AS value
        FROM "MetricSample"
       WHERE "jobId" = ${q.jobId}::uuid AND name = ANY(${q.names}::text[])
         AND "resolutionS" = ANY(${tiers}::int[])
         AND at >= ${new Date(q.fromMs)} AND at <= ${new Date(q.toMs)}
         AND (${q.instance ?? null}::int IS NULL OR instance = ${q.instance ?? null}::int)
       GROUP BY name, instance, b)
    SELECT name,
           CASE WHEN ${q.instance ?? null}::int IS NULL THEN NULL ELSE instance END AS instance,
           to_timestamp(b * ${width}::int) AS bucket,
           CASE WHEN ${q.instance ?? null}::int IS NULL AND name NOT IN ('currentSendTime', 'lastCommitTime') THEN sum(value)
                WHEN name = 'lastCommitTime' THEN max(value) ELSE avg(value) END AS value
      FROM per_instance
     GROUP BY name, 2, b
     ORDER BY name, b`;
  const series = new Map<string, MetricSeries>();
  for (const r of rows) {
    const key = `${r.name}|${r.instance}`;
    let s = series.get(key);
    if (!s)
      series.set(key, (s = { name: r.name, instance: r.instance, resolutionS: width, points: [] }));
    s.points.push([r.bucket.getTime(), Number(r.value)]);
  }
  return [...series.values()];
}
