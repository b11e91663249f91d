import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { Kafka, logLevel } from "../kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, startLocalBroker, type LocalBroker } from "./index";
import { createTopic } from "@/lib/kafka/testing/test-kafka";
import { repositoryRoot } from "./jars";
import { isAlive, sleep } from "./supervision";

const USERS = [
  { username: "alice", password: "alice-secret" },
  { username: "bob", password: "bob-secret" },
];

function client(brokers: string, sasl?: SASLOptions): Kafka {
  const config: KafkaConfig = {
    clientId: "local-broker-test",
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  };
  if (sasl) config.sasl = sasl;
  return new Kafka(config);
}

/** Reads `count` records from the start of the topic with a fresh consumer group. */
async function consume(
  kafka: Kafka,
  topic: string,
  count: number,
  readUncommitted = false,
): Promise<Array<{ key: string | null; value: string | null; partition: number }>> {
  const consumer = kafka.consumer({
    groupId: `g-${topic}-${Math.random()}`,
    readUncommitted,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: Array<{ key: string | null; value: string | null; partition: number }> = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`saw ${seen.length} of ${count} records in ${topic}`)),
        30_000,
      );
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          seen.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            partition,
          });
          if (seen.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe("local Kafka broker", () => {
  let dataDir: string;
  let broker: LocalBroker;
  let ports: { port: number; controllerPort: number; saslPort: number };
  const logLines: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "tributary-broker-"));
    ports = {
      port: await findFreePort(),
      controllerPort: await findFreePort(),
      saslPort: await findFreePort(),
    };
    broker = await startLocalBroker({
      dataDir,
      port: ports.port,
      controllerPort: ports.controllerPort,
      sasl: { port: ports.saslPort, users: USERS },
      transactionMaxTimeoutMs: 120_000,
      onLog: (line) => logLines.push(line),
    });
  }, 300_000);

  afterAll(async () => {
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("answers on the PLAINTEXT listener as a Kafka 4 KRaft node and logs to a file, not the console", async () => {
    expect(broker.bootstrapServers).toBe(`127.0.0.1:${ports.port}`);
    expect(broker.kafkaVersion).toMatch(/^4\./);
    const admin = client(broker.bootstrapServers).admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toEqual([{ nodeId: 1, host: "127.0.0.1", port: ports.port }]);
    expect(logLines.some((l) => l.includes("Kafka Server started"))).toBe(true);
    expect(readFileSync(broker.logFile, "utf8")).toContain("Kafka Server started");
    expect(existsSync(path.join(dataDir, "broker.pid"))).toBe(true);
  });

  it("produces and consumes with a consumer group, and the admin API sees topics, offsets and groups", async () => {
    const kafka = client(broker.bootstrapServers);
    const topic = "plain-roundtrip";
    await createTopic(kafka, topic, 3);
    // Idempotent: a retried send right after topic creation must not write a record twice.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic,
      messages: [0, 1, 2, 3, 4].map((i) => ({ key: `k${i}`, value: `v${i}` })),
    });
    await producer.disconnect();

    const groupId = "roundtrip-group";
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // A rebalance right after the first join may hand a partition over before its offsets were
    // committed, so a record can arrive twice (at-least-once); wait for every distinct value.
    const values = new Set<string>();
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.add(message.value!.toString());
          if (values.size === 5) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect([...values].sort()).toEqual(["v0", "v1", "v2", "v3", "v4"]);

    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const groups = await admin.listGroups();
    await admin.disconnect();
    expect(metadata.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    const committed = offsets[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(committed).toBe(5);
    expect(groups.groups.map((g) => g.groupId)).toContain(groupId);
  });

  it("refuses to auto-create a topic (auto.create.topics.enable=false by default)", async () => {
    const producer = client(broker.bootstrapServers).producer({
      allowAutoTopicCreation: true,
      retry: { retries: 1 },
    });
    await producer.connect();
    await expect(
      producer.send({ topic: "never-created", messages: [{ value: "x" }] }),
    ).rejects.toThrow(/does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION/i);
    await producer.disconnect();
  });

  it("accepts an idempotent producer", async () => {
    const kafka = client(broker.bootstrapServers);
    const topic = "idempotent";
    await createTopic(kafka, topic, 1);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const [result] = await producer.send({
      topic,
      acks: -1,
      messages: [{ value: "once" }, { value: "twice" }],
    });
    await producer.disconnect();
    expect(result.errorCode).toBe(0);
    expect((await consume(kafka, topic, 2)).map((r) => r.value)).toEqual(["once", "twice"]);
  });

  it("runs transactions: read_committed sees committed records only, and offsets commit inside a transaction", async () => {
    const kafka = client(broker.bootstrapServers);
    const topic = "transactional";
    await createTopic(kafka, topic, 1);
    const producer = kafka.producer({
      transactionalId: "local-broker-test-tx",
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 60_000,
    });
    await producer.connect();
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: "aborted" }] });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: "committed-1" }, { value: "committed-2" }] });
    await committed.sendOffsets({
      consumerGroupId: "tx-offsets-group",
      topics: [{ topic, partitions: [{ partition: 0, offset: "2" }] }],
    });
    await committed.commit();
    await producer.disconnect();

    expect((await consume(kafka, topic, 2)).map((r) => r.value)).toEqual([
      "committed-1",
      "committed-2",
    ]);
    expect((await consume(kafka, topic, 3, true)).map((r) => r.value)).toEqual([
      "aborted",
      "committed-1",
      "committed-2",
    ]);
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: "tx-offsets-group", topics: [topic] });
    await admin.disconnect();
    expect(offsets[0].partitions[0].offset).toBe("2");
  });

  it("refuses a transaction timeout above transaction.max.timeout.ms", async () => {
    const producer = client(broker.bootstrapServers).producer({
      transactionalId: "too-long",
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 3_600_000,
      retry: { retries: 1, initialRetryTime: 50 },
    });
    await expect(producer.connect().then(() => producer.transaction())).rejects.toThrow(
      /transaction timeout/i,
    );
    await producer.disconnect();
  });

  for (const mechanism of ["plain", "scram-sha-256", "scram-sha-512"] as const) {
    it(`authenticates with SASL ${mechanism.toUpperCase()} on the SASL_PLAINTEXT listener`, async () => {
      const user = mechanism === "plain" ? USERS[0] : USERS[1];
      const kafka = client(broker.saslBootstrapServers!, { mechanism, ...user } as SASLOptions);
      const topic = `sasl-${mechanism}`;
      await createTopic(kafka, topic, 1);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ key: "who", value: user.username }] });
      await producer.disconnect();
      expect(await consume(kafka, topic, 1)).toEqual([
        { key: "who", value: user.username, partition: 0 },
      ]);
    });
  }

  it("rejects a wrong SASL password without echoing it", async () => {
    const admin = client(broker.saslBootstrapServers!, {
      mechanism: "scram-sha-256",
      username: "alice",
      password: "not-the-password",
    }).admin({ retry: { retries: 0 } });
    const failure = await admin.connect().then(
      () => undefined,
      (error: Error) => error,
    );
    await admin.disconnect();
    expect(failure?.message).toMatch(/SASL SCRAM SHA256 authentication failed/);
    expect(readFileSync(broker.logFile, "utf8")).not.toContain("alice-secret");
  });

  it("refuses a second start on a data directory whose broker is in use, and leaves that broker running", async () => {
    await expect(
      startLocalBroker({
        dataDir,
        port: await findFreePort(),
        controllerPort: await findFreePort(),
      }),
    ).rejects.toThrow(
      `A local Kafka broker (pid ${broker.pid}, started by process ${process.pid}) already runs on`,
    );
    expect(isAlive(broker.pid)).toBe(true);
  });

  it("gives a clear message naming the port when the port is taken", async () => {
    const other = await mkdtemp(path.join(tmpdir(), "tributary-broker-busy-"));
    try {
      await expect(
        startLocalBroker({
          dataDir: other,
          port: ports.port,
          controllerPort: await findFreePort(),
        }),
      ).rejects.toThrow(
        `Port ${ports.port} on 127.0.0.1, wanted for the local Kafka broker's PLAINTEXT listener, is already in use`,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it("stops cleanly, leaving no process, and a second start reuses the data", async () => {
    const firstPid = broker.pid;
    const clusterId = await readFile(path.join(dataDir, "kafka-logs", "meta.properties"), "utf8");
    const started = Date.now();
    await broker.stop();
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(isAlive(firstPid)).toBe(false);
    expect(existsSync(path.join(dataDir, "broker.pid"))).toBe(false);
    expect((await broker.exited).code).not.toBeNull();

    broker = await startLocalBroker({
      dataDir,
      port: ports.port,
      controllerPort: ports.controllerPort,
      sasl: { port: ports.saslPort, users: USERS },
    });
    expect(await readFile(path.join(dataDir, "kafka-logs", "meta.properties"), "utf8")).toBe(
      clusterId,
    );
    const kafka = client(broker.bootstrapServers);
    expect((await consume(kafka, "idempotent", 2)).map((r) => r.value)).toEqual(["once", "twice"]);
    // SCRAM users survive the restart too: they live in the cluster metadata.
    const scram = client(broker.saslBootstrapServers!, { mechanism: "scram-sha-256", ...USERS[1] });
    expect((await consume(scram, "sasl-scram-sha-256", 1))[0].value).toBe("bob");
  }, 120_000);

  it("refuses new SCRAM users on storage formatted without them, naming the user and the fix", async () => {
    await expect(
      startLocalBroker({
        dataDir,
        port: await findFreePort(),
        controllerPort: await findFreePort(),
        sasl: {
          port: await findFreePort(),
          users: [...USERS, { username: "carol", password: "carol-secret" }],
        },
      }),
    ).rejects.toThrow(/formatted without SCRAM user\(s\) 'carol'.*delete/);
  }, 60_000);
});

describe("local Kafka broker outliving its parent", () => {
  /** Starts a broker in a separate Node process (the fixture) and returns that process and the broker's pid. */
  async function startInChild(dataDir: string) {
    const port = await findFreePort();
    const controllerPort = await findFreePort();
    const root = repositoryRoot();
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(root, "lib/kafka/testing/broker-child.ts"),
        dataDir,
        String(port),
        String(controllerPort),
      ],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const { pid } = JSON.parse(firstLine) as { pid: number };
    return { child, brokerPid: pid, port, controllerPort };
  }

  async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    return !isAlive(pid);
  }

  it("dies with its parent when the parent is killed with SIGKILL", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-broker-orphan-"));
    try {
      const { child, brokerPid } = await startInChild(dataDir);
      expect(isAlive(brokerPid)).toBe(true);
      child.kill("SIGKILL");
      expect(await waitUntilGone(brokerPid, 20_000)).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("ends a stale broker found through the pid file on the next start", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-broker-stale-"));
    let broker: LocalBroker | undefined;
    try {
      const { child, brokerPid, port, controllerPort } = await startInChild(dataDir);
      // Take the watchdog away first, as a crash of the whole process tree would.
      const pidFile = JSON.parse(await readFile(path.join(dataDir, "broker.pid"), "utf8")) as {
        watchdogPid: number;
      };
      process.kill(pidFile.watchdogPid, "SIGKILL");
      child.kill("SIGKILL");
      await sleep(1000);
      expect(isAlive(brokerPid)).toBe(true);

      broker = await startLocalBroker({ dataDir, port, controllerPort });
      expect(isAlive(brokerPid)).toBe(false);
      expect(broker.pid).not.toBe(brokerPid);
    } finally {
      await broker?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
