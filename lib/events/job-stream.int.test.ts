import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createJob } from "@/lib/jobs/create-job";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { appendJobLogs } from "@/lib/job-logs/append-job-logs";
import { lockJob } from "@/lib/jobs/lock-job";
import { recordLifecycleLog } from "@/lib/jobs/record-job-event";
import { eventually } from "@/lib/workers/testing/test-workers";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import type { JobListStreamMessage, JobStreamMessage } from "./job-stream-event";
import { JobStreamHub } from "./job-stream-hub";
import { jobListStreamSchemas, jobStreamSchemas } from "./schemas";
import { openJobListStream } from "./open-job-list-stream";
import { MAX_REPLAY, openJobStream } from "./open-job-stream";
import { TestClient } from "./testing/sse-test-client";

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

const created: string[] = [];
let hub: JobStreamHub;

async function deploy(name: string) {
  const { id } = await createJob({ name, sql: SQL });
  created.push(id);
  return id;
}

const log = (id: string, message: string) =>
  appendJobLogs(id, [{ level: "INFO", message, instance: 0, at: new Date() }]);

async function listenConnections(): Promise<number> {
  const rows = await prisma().$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'tributary-job-stream'`;
  return rows[0].n;
}

beforeAll(() => {
  testInfrastructure();
});

afterEach(async () => {
  await prisma().job.deleteMany({ where: { id: { in: created.splice(0) } } });
});

afterAll(async () => {
  await eventually(async () => hub.stats().jobSubscribers === 0, 2_000).catch(() => undefined);
});

describe("job event streams", () => {
  it("sends the replayed lines before a live line that arrived while the replay was read", async () => {
    const id = await deploy("race");
    await log(id, "old line");
    // A hub that hands the stream a newer live line the moment it subscribes, i.e. before the
    // replay query has returned.
    const racingHub = {
      subscribeJob: async (
        jobId: string,
        subscriber: { deliver: (m: JobStreamMessage) => void },
      ) => {
        subscriber.deliver({
          kind: "log",
          id: "9000000000000",
          jobId,
          at: new Date().toISOString(),
          level: "INFO",
          instance: 0,
          message: "live line",
        });
        return () => undefined;
      },
    } as unknown as JobStreamHub;
    const client = await new TestClient().open((r) => openJobStream(r, id, racingHub));
    await eventually(async () => client.logs().includes("live line"), 5_000, "live line");
    const logs = client.logs();
    expect(logs).toContain("old line");
    expect(logs.indexOf("old line")).toBeLessThan(logs.indexOf("live line"));
    client.close();
    await client.done;
  });

  it("keeps at most MAX_REPLAY live messages, the newest, while its replay waits", async () => {
    const id = await deploy("capped");
    await log(id, "old line");
    // A hub that hands the stream more live lines than the cap before the replay was read.
    const floodingHub = {
      subscribeJob: async (
        jobId: string,
        subscriber: { deliver: (m: JobStreamMessage) => void },
      ) => {
        for (let i = 0; i < MAX_REPLAY + 1_000; i++)
          subscriber.deliver({
            kind: "log",
            id: String(9_000_000_000_000 + i),
            jobId,
            at: new Date().toISOString(),
            level: "INFO",
            instance: 0,
            message: `live ${i}`,
          });
        return () => undefined;
      },
    } as unknown as JobStreamHub;
    const client = await new TestClient().open((r) => openJobStream(r, id, floodingHub));
    const last = `live ${MAX_REPLAY + 999}`;
    await eventually(async () => client.logs().includes(last), 10_000, "the newest live line");
    const live = client.logs().filter((l) => l.startsWith("live "));
    expect(live).toHaveLength(MAX_REPLAY);
    expect(live[0]).toBe("live 1000");
    expect(client.logs().indexOf("old line")).toBeLessThan(client.logs().indexOf("live 1000"));
    client.close();
    await client.done;
  });

  it("streams status changes and log lines live, and replays exactly what was missed after Last-Event-ID", async () => {
    hub = new JobStreamHub();
    const id = await deploy("replayed");
    const first = await new TestClient().open((r) => openJobStream(r, id, hub));
    await eventually(async () => first.parsed()[0]?.kind === "snapshot", 5_000, "snapshot");
    await log(id, "line 1");
    await log(id, "line 2");
    await eventually(async () => first.logs().includes("line 2"), 5_000, "live lines");
    const lastSeen = first.lastId()!;
    first.close();
    await first.done;
    await eventually(
      async () => hub.stats().jobSubscribers === 0,
      2_000,
      "release of the first stream",
    );

    // While disconnected: more lines and a status change.
    await log(id, "line 3");
    await cancelJob(id);
    await log(id, "line 4");

    const second = await new TestClient().open((r) => openJobStream(r, id, hub), lastSeen);
    await eventually(async () => second.logs().includes("line 4"), 5_000, "replayed lines");
    const replayed = second.parsed().filter((m) => m.kind !== "snapshot" && m.kind !== "metrics");
    expect(replayed.every((m) => "id" in m && BigInt(m.id) > BigInt(lastSeen))).toBe(true);
    expect(second.logs()).toEqual(["line 3", "Cancel requested.", "line 4"]);
    const statuses = replayed.flatMap((m) =>
      m.kind === "event" && m.type === "status" ? [m.payload.status] : [],
    );
    expect(statuses).toEqual(["CANCELLED"]);
    // Every message the server sent is one the browser's reader parses.
    expect([...first.droppedBy(jobStreamSchemas), ...second.droppedBy(jobStreamSchemas)]).toEqual(
      [],
    );
    const ids = second.messages.filter((m) => m.id).map((m) => BigInt(m.id!));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);

    // And live again after the replay, without repeats.
    await log(id, "line 5");
    await eventually(async () => second.logs().includes("line 5"), 5_000, "live after replay");
    expect(second.logs().filter((l) => l === "line 4")).toHaveLength(1);
    second.close();
    await second.done;
  });

  it("serves 200 concurrent subscribers of one job from one LISTEN connection, and releases everything when they leave", async () => {
    hub = new JobStreamHub();
    const id = await deploy("popular");
    const clients = await Promise.all(
      Array.from({ length: 200 }, () => new TestClient().open((r) => openJobStream(r, id, hub))),
    );
    expect(hub.stats()).toEqual({ listening: true, jobSubscribers: 200, listSubscribers: 0 });
    expect(await listenConnections()).toBe(1);

    await log(id, "to everyone");
    await eventually(
      async () => clients.every((c) => c.logs().includes("to everyone")),
      10_000,
      "delivery to all 200",
    );

    for (const c of clients) c.close();
    await Promise.all(clients.map((c) => c.done));
    await eventually(
      async () => hub.stats().jobSubscribers === 0 && !hub.stats().listening,
      2_000,
      "all subscribers released",
    );
    await eventually(
      async () => (await listenConnections()) === 0,
      5_000,
      "the LISTEN connection closed",
    );
  });

  it("releases a stream the client leaves at once", async () => {
    hub = new JobStreamHub();
    const id = await deploy("left");
    const client = await new TestClient().open((r) => openJobStream(r, id, hub));
    expect(hub.stats().jobSubscribers).toBe(1);
    client.close();
    await client.done;
    await eventually(async () => hub.stats().jobSubscribers === 0, 1_000, "release");
    await log(id, "nobody listens");
    expect(client.logs()).not.toContain("nobody listens");
  });

  it("streams job-list changes and catches up after Last-Event-ID", async () => {
    hub = new JobStreamHub();
    const list = await new TestClient().open((r) => openJobListStream(r, hub));
    await eventually(
      async () => list.parsed<JobListStreamMessage>()[0]?.kind === "snapshot",
      5_000,
      "list snapshot",
    );
    const id = await deploy("listed");
    await eventually(
      async () =>
        list
          .parsed<JobListStreamMessage>()
          .some((m) => m.kind === "job" && m.job.id === id && m.job.status === "CREATED"),
      5_000,
      "the new job in the list",
    );
    const lastSeen = list.lastId()!;
    list.close();
    await list.done;
    await cancelJob(id);
    const again = await new TestClient().open((r) => openJobListStream(r, hub), lastSeen);
    await eventually(
      async () =>
        again
          .parsed<JobListStreamMessage>()
          .some((m) => m.kind === "job" && m.job.id === id && m.job.status === "CANCELLED"),
      5_000,
      "the change made while away",
    );
    expect([
      ...list.droppedBy(jobListStreamSchemas),
      ...again.droppedBy(jobListStreamSchemas),
    ]).toEqual([]);
    again.close();
    await again.done;
  });

  it("delivers a line whose id was taken before a lifecycle change committed a later one", async () => {
    hub = new JobStreamHub();
    const id = await deploy("late-commit");
    const client = await new TestClient().open((r) => openJobStream(r, id, hub));
    await eventually(async () => client.parsed()[0]?.kind === "snapshot", 5_000, "snapshot");
    // A lifecycle change holds the job's lock while a worker appends a line: the line must not
    // take an id below the lifecycle's and commit after it (the stream would drop it as old).
    let appended: Promise<void> | undefined;
    await prisma().$transaction(async (tx) => {
      await lockJob(tx, id);
      appended = log(id, "worker line");
      await new Promise((r) => setTimeout(r, 300));
      await recordLifecycleLog(tx, id, "INFO", "lifecycle line");
    });
    await appended;
    await eventually(
      async () => client.logs().includes("worker line") && client.logs().includes("lifecycle line"),
      5_000,
      "both lines live",
    );
    const stored = await prisma().jobLog.findMany({
      where: { jobId: id },
      orderBy: { id: "asc" },
    });
    expect(client.logs()).toEqual(stored.map((l) => l.message));
    client.close();
    await client.done;
  });

  it("two workers appending one job's log concurrently: a subscriber that reconnects gets every id once, in order", async () => {
    hub = new JobStreamHub();
    const id = await deploy("two-writers");
    const first = await new TestClient().open((r) => openJobStream(r, id, hub));
    await eventually(async () => first.parsed()[0]?.kind === "snapshot", 5_000, "snapshot");
    const writer = (instance: number) =>
      (async () => {
        for (let batch = 0; batch < 40; batch++) {
          await appendJobLogs(
            id,
            Array.from({ length: 1 + (batch % 3) }, (_, i) => ({
              level: "INFO" as const,
              message: `w${instance} b${batch} l${i}`,
              instance,
              at: new Date(),
            })),
          );
        }
      })();
    const writers = Promise.all([writer(0), writer(1)]);
    // Reconnect mid-way, from the last id the first connection saw.
    await eventually(
      async () => first.logs().length >= 20,
      10_000,
      "lines on the first connection",
    );
    first.close();
    await first.done;
    const lastSeen = first.lastId()!;
    const second = await new TestClient().open((r) => openJobStream(r, id, hub), lastSeen);
    await writers;
    const stored = await prisma().jobLog.findMany({
      where: { jobId: id },
      orderBy: { id: "asc" },
    });
    await eventually(
      async () => second.logs().at(-1) === stored.at(-1)!.message,
      10_000,
      "the last line on the second connection",
    );
    const idsOf = (c: TestClient) =>
      c.parsed().flatMap((m) => (m.kind === "log" ? [BigInt(m.id)] : []));
    const delivered = [...idsOf(first), ...idsOf(second)];
    expect(delivered).toEqual(stored.map((l) => l.id));
    second.close();
    await second.done;
  });
});
