/**
 * Helpers for lifecycle tests on real Kafka: a Kafka→Kafka script whose sink rows carry each
 * source record's partition and offset (so a test can tell which records were written twice and
 * whether they lie after the last commit), a producer that keeps records coming, the run's
 * checkpoint and where instances said they started, and a failing wait that explains itself.
 */
import { prisma } from "@/lib/db/prisma";
import { produce, readAll, type Kafka } from "@/lib/kafka/testing/test-kafka";
import { asResumePoint } from "@/lib/jobs/resume-point";
import type { ResumePoint } from "@/lib/runtime/job-runtime";
import { jobStatus } from "./test-workers";

export interface KafkaJobScript {
  bootstrapServers: string;
  input: string;
  output: string;
  groupId: string;
  startupMode?: "earliest-offset" | "latest-offset" | "group-offsets";
  guarantee?: "at-least-once" | "exactly-once";
  transactionalIdPrefix?: string;
  checkpointInterval?: string;
  settings?: string;
}

/** Source rows are "<id>,row-<id>"; sink rows "<id>,<partition>,<offset>" (the source record's). */
export function kafkaJobSql(s: KafkaJobScript): string {
  const guarantee = s.guarantee ?? "at-least-once";
  return `SET 'execution.checkpointing.interval' = '${s.checkpointInterval ?? "500 ms"}';
${s.settings ?? ""}
CREATE TABLE src (id BIGINT, label STRING,
  part INT METADATA FROM 'partition' VIRTUAL, off BIGINT METADATA FROM 'offset' VIRTUAL) WITH (
  'connector' = 'kafka', 'topic' = '${s.input}', 'properties.bootstrap.servers' = '${s.bootstrapServers}',
  'properties.group.id' = '${s.groupId}', 'scan.startup.mode' = '${s.startupMode ?? "earliest-offset"}',
  ${s.startupMode === "group-offsets" ? "'properties.auto.offset.reset' = 'earliest'," : ""}
  'format' = 'csv');
CREATE TABLE snk (id BIGINT, part INT, off BIGINT) WITH (
  'connector' = 'kafka', 'topic' = '${s.output}', 'properties.bootstrap.servers' = '${s.bootstrapServers}',
  'format' = 'csv', 'sink.delivery-guarantee' = '${guarantee}'
  ${guarantee === "exactly-once" ? `, 'sink.transactional-id-prefix' = '${s.transactionalIdPrefix ?? `tx-${s.output}`}'` : ""});
INSERT INTO snk SELECT id, part, off FROM src;`;
}

export const sourceRow = (id: number, partitions: number) => ({
  value: `${id},row-${id}`,
  partition: id % partitions,
});

export interface SinkRow {
  id: number;
  part: number;
  off: number;
}

export async function sinkRows(
  kafka: Kafka,
  topic: string,
  options: { readCommitted?: boolean } = {},
): Promise<SinkRow[]> {
  return (await readAll(kafka, topic, options)).map((r) => {
    const [id, part, off] = r.value!.toString().split(",").map(Number);
    return { id, part, off };
  });
}

/** Ids written more than once, with the source coordinates of each. */
export function duplicates(rows: SinkRow[]): SinkRow[] {
  const seen = new Set<number>();
  const twice = new Map<number, SinkRow>();
  for (const row of rows) {
    if (seen.has(row.id)) twice.set(row.id, row);
    seen.add(row.id);
  }
  return [...twice.values()];
}

/** Produces `batch` records every `everyMs` (ids from `from` on) until stopped; stop() returns the next id. */
export function keepProducing(
  kafka: Kafka,
  topic: string,
  partitions: number,
  from: number,
  batch = 30,
  everyMs = 100,
) {
  let next = from;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await produce(
        kafka,
        topic,
        Array.from({ length: batch }, (_, i) => sourceRow(next + i, partitions)),
      );
      next += batch;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      return next;
    },
  };
}

/** The newest run's checkpoint (the offsets its instances committed). */
export async function runCheckpoint(jobId: string): Promise<ResumePoint | undefined> {
  const run = await prisma().jobRun.findFirst({
    where: { jobId },
    orderBy: { startedAt: "desc" },
    select: { checkpoint: true },
  });
  return asResumePoint(run?.checkpoint);
}

/** The partitions → offsets named by "Starting instance(s) … from offsets t-p@o, …" lines logged after `afterLogId`. */
export async function startedFrom(
  jobId: string,
  topic: string,
  afterLogId = 0n,
): Promise<Map<number, number>> {
  const lines = await prisma().jobLog.findMany({
    where: { jobId, id: { gt: afterLogId }, message: { startsWith: "Starting instance" } },
    orderBy: { id: "asc" },
  });
  const out = new Map<number, number>();
  for (const line of lines) {
    for (const m of line.message.matchAll(new RegExp(`${topic}-(\\d+)@(\\d+)`, "g")))
      out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}

export async function lastLogId(jobId: string): Promise<bigint> {
  const last = await prisma().jobLog.aggregate({ where: { jobId }, _max: { id: true } });
  return BigInt(last._max.id ?? 0);
}

/** On a timeout, the job's status, instances and log: what a failure needs to be understood. */
export async function explained<T>(id: string, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (e) {
    const logs = await prisma().jobLog.findMany({
      where: { jobId: id },
      orderBy: { id: "asc" },
    });
    const instances = await prisma().jobInstance.findMany({
      where: { attempt: { run: { jobId: id } } },
      include: { attempt: true },
    });
    throw new Error(
      `${String(e)}\nstatus ${await jobStatus(id)}\ninstances (attempt, instance, status, worker, claims): ` +
        `${JSON.stringify(instances.map((s) => [s.attempt.attemptNumber, s.instance, s.status, s.workerId, s.claims]))}\n` +
        logs
          .map((l) => `${l.createdAt.toISOString()} ${l.level} ${l.instance ?? "job"} ${l.message}`)
          .join("\n"),
    );
  }
}
