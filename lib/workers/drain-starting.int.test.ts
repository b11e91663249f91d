/**
 * SIGTERM while an instance is STARTING: the job's bootstrap server is a gate that first accepts
 * connections and never answers (the client's first request would wait for its 30 s request
 * timeout). The worker process aborts the start, hands the instances back and exits within 5 s;
 * the instances are claimable at once (no lease to wait out). Then the gate forwards to the real
 * broker, another worker takes the job over, and a read_committed reader sees every source record
 * exactly once in the exactly-once sink.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import {
  createTopic,
  produce,
  testKafka,
  uniqueName,
  type Kafka,
} from "@/lib/kafka/testing/test-kafka";
import { runJob } from "@/lib/runtime";
import { duplicates, explained, kafkaJobSql, sinkRows, sourceRow } from "./testing/kafka-jobs";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
  type TestWorker,
} from "./testing/test-workers";

const root = path.resolve(import.meta.dirname, "../..");
let broker: { bootstrapServers: string; release(): Promise<void> };
let kafka: Kafka;
let gate: net.Server;
let gatePort: number;
let forward = false;
const held = new Set<net.Socket>();
let child: ChildProcess | undefined;
let survivor: TestWorker | undefined;
let jobId: string | undefined;

beforeAll(async () => {
  broker = await acquireTestBroker();
  kafka = testKafka(broker.bootstrapServers);
  const [host, port] = broker.bootstrapServers.split(",")[0].split(":");
  // Silent until `forward`: then a plain TCP proxy to the broker (whose metadata names its own
  // address, so clients go there directly after bootstrapping).
  gate = net.createServer((socket) => {
    if (!forward) {
      held.add(socket);
      socket.on("data", () => undefined);
      socket.on("error", () => undefined);
      socket.on("close", () => held.delete(socket));
      return;
    }
    const upstream = net.connect(Number(port), host);
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => gate.listen(0, "127.0.0.1", resolve));
  gatePort = (gate.address() as net.AddressInfo).port;
});

afterAll(async () => {
  child?.kill("SIGKILL");
  if (jobId) await cancelJob(jobId).catch(() => undefined);
  await survivor?.stop();
  if (jobId)
    await prisma()
      .job.delete({ where: { id: jobId } })
      .catch(() => undefined);
  await signOffWorkersOf([process.pid, ...(child?.pid ? [child.pid] : [])]);
  for (const s of held) s.destroy();
  await new Promise((resolve) => gate.close(resolve));
  await broker.release();
});

describe("SIGTERM while an instance is STARTING", () => {
  it("hands the instances back at once; the next worker runs the job exactly once", async () => {
    const input = await createTopic(kafka, uniqueName("drain-in"), 2);
    const output = await createTopic(kafka, uniqueName("drain-out"), 2);
    await produce(
      kafka,
      input,
      Array.from({ length: 1000 }, (_, i) => sourceRow(i, 2)),
    );
    const { id } = await createJob({
      name: "drain-starting",
      parallelism: 2,
      sql: kafkaJobSql({
        bootstrapServers: `127.0.0.1:${gatePort}`,
        input,
        output,
        groupId: uniqueName("g"),
        guarantee: "exactly-once",
      }),
    });
    jobId = id;

    child = spawn(process.execPath, ["--import", "tsx", path.join(root, "workers/worker.ts")], {
      cwd: root,
      env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise<void>((resolve) => child!.once("exit", () => resolve()));
    const workerId = await explained(
      id,
      eventually(
        async () => {
          const w = await prisma().worker.findFirst({ where: { pid: child!.pid } });
          if (!w || held.size === 0 || (await jobStatus(id)) !== "STARTING") return undefined;
          const instances = await prisma().jobInstance.findMany({
            where: { attempt: { run: { jobId: id } } },
          });
          return instances.length === 2 &&
            instances.every((s) => s.status === "CLAIMED" && s.workerId === w.id)
            ? w.id
            : undefined;
        },
        60_000,
        "both instances claimed by the spawned worker and connecting to the silent gate",
      ),
    );

    const sentAt = Date.now();
    child.kill("SIGTERM");
    await exited;
    const exitMs = Date.now() - sentAt;
    expect(exitMs).toBeLessThan(5_000);
    // Handed back, not left to a lease that expires 8 s later.
    const instances = await prisma().jobInstance.findMany({
      where: { attempt: { run: { jobId: id } } },
    });
    expect(instances.map((s) => [s.status, s.workerId])).toEqual([
      ["PENDING", null],
      ["PENDING", null],
    ]);
    const logs = await prisma().jobLog.findMany({ where: { jobId: id } });
    expect(logs.some((l) => /handed back while starting; nothing was read/.test(l.message))).toBe(
      true,
    );
    const worker = await prisma().worker.findUniqueOrThrow({ where: { id: workerId } });
    expect(worker.stoppedAt).not.toBeNull();
    expect(await jobStatus(id)).toBe("STARTING");

    // The broker answers again: another worker takes the job over and runs it, exactly once.
    forward = true;
    for (const s of held) s.destroy();
    survivor = await startTestWorker(runJob);
    await explained(
      id,
      eventually(async () => (await jobStatus(id)) === "RUNNING", 60_000, "RUNNING again"),
    );
    await produce(
      kafka,
      input,
      Array.from({ length: 1000 }, (_, i) => sourceRow(1000 + i, 2)),
    );
    const rows = await explained(
      id,
      eventually(
        async () => {
          const r = await sinkRows(kafka, output, { readCommitted: true });
          return r.length >= 2000 ? r : undefined;
        },
        60_000,
        "2000 committed sink rows",
      ),
    );
    expect(duplicates(rows)).toEqual([]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2000);
  }, 180_000);
});
