import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createJob } from "@/lib/jobs/create-job";
import { appendJobLogs } from "@/lib/job-logs/append-job-logs";
import { queryJobLogs } from "@/lib/job-logs/query-job-logs";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { compactMetrics } from "./compact-metrics";
import { downsample } from "./downsample";
import { queryMetrics } from "./query-metrics";

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;
const created: string[] = [];

async function deploy(name: string) {
  const { id } = await createJob({ name, sql: SQL });
  created.push(id);
  return id;
}

beforeAll(() => {
  testInfrastructure();
});

afterEach(async () => {
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
});

describe("metric samples", () => {
  it("compacts old 1-s samples into minute buckets by each metric's rule, and queries job totals over instances", async () => {
    const id = await deploy("metrics");
    const now = Date.parse("2026-03-01T12:00:00.000Z");
    const start = now - 2 * 3_600_000; // two hours ago: all of it is older than the 1-s tier keeps
    const rows: Array<{
      jobId: string;
      instance: number;
      name: string;
      value: number;
      at: Date;
    }> = [];
    const points: Record<string, Array<{ atMs: number; value: number }>> = {
      numRecordsOut: [],
      numRecordsOutPerSecond: [],
    };
    for (let s = 0; s < 180; s++) {
      const atMs = start + s * 1000;
      for (const instance of [0, 1]) {
        rows.push({
          jobId: id,
          instance,
          name: "numRecordsOut",
          value: s * 10 + instance,
          at: new Date(atMs),
        });
        rows.push({
          jobId: id,
          instance,
          name: "numRecordsOutPerSecond",
          value: (s % 2) * 20,
          at: new Date(atMs),
        });
      }
      points.numRecordsOut.push({ atMs, value: s * 10 });
      points.numRecordsOutPerSecond.push({ atMs, value: (s % 2) * 20 });
    }
    await prisma().metricSample.createMany({ data: rows });

    const result = await compactMetrics(now);
    expect(result).toBeDefined();
    const left = await prisma().metricSample.groupBy({
      by: ["resolutionS"],
      where: { jobId: id },
      _count: true,
    });
    expect(left).toEqual([{ resolutionS: 60, _count: 3 * 2 * 2 }]);

    for (const name of ["numRecordsOut", "numRecordsOutPerSecond"]) {
      const [series] = await queryMetrics(
        { jobId: id, names: [name], fromMs: start, toMs: start + 180_000, instance: 0 },
        now,
      );
      expect(series.resolutionS).toBe(60);
      expect(series.points).toEqual(
        downsample(name, points[name], 60).map((p) => [p.atMs, p.value]),
      );
    }
    // The job: counters summed over instances (instance 1 is always one more).
    const [job] = await queryMetrics(
      { jobId: id, names: ["numRecordsOut"], fromMs: start, toMs: start + 180_000 },
      now,
    );
    expect(job.instance).toBeNull();
    expect(job.points.map(([, v]) => v)).toEqual([590 + 591, 1190 + 1191, 1790 + 1791]);
  });
});

describe("job logs", () => {
  it("masks secrets on the way in, pages with a cursor, and filters by level, instance and text", async () => {
    const id = await deploy("logs");
    const at = new Date();
    await appendJobLogs(
      id,
      Array.from({ length: 25 }, (_, i) => ({
        level: i % 5 === 0 ? ("ERROR" as const) : ("INFO" as const),
        instance: i % 2,
        message:
          i === 7
            ? 'connecting with sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";'
            : `line ${i}`,
        at,
      })),
    );
    const secret = await queryJobLogs({ jobId: id, text: "jaas" });
    expect(secret.lines).toHaveLength(1);
    expect(secret.lines[0].message).not.toContain("hunter2");

    const first = await queryJobLogs({ jobId: id, text: "line", limit: 10 });
    expect(first.lines.map((l) => l.message)).toEqual(
      Array.from({ length: 11 }, (_, i) => `line ${24 - i}`)
        .filter((m) => m !== "line 7")
        .slice(0, 10),
    );
    const second = await queryJobLogs({
      jobId: id,
      text: "line",
      limit: 10,
      before: first.nextCursor,
    });
    expect(second.lines[0].message).toBe("line 14");
    const third = await queryJobLogs({
      jobId: id,
      text: "line",
      limit: 10,
      before: second.nextCursor,
    });
    expect(third.nextCursor).toBeUndefined();
    expect(first.lines.length + second.lines.length + third.lines.length).toBe(24);

    const errors = await queryJobLogs({ jobId: id, minLevel: "ERROR" });
    expect(errors.lines.map((l) => l.message)).toEqual([
      "line 20",
      "line 15",
      "line 10",
      "line 5",
      "line 0",
    ]);
    const odd = await queryJobLogs({ jobId: id, instance: 1, minLevel: "ERROR" });
    expect(odd.lines.map((l) => l.message)).toEqual(["line 15", "line 5"]);
  });
});
