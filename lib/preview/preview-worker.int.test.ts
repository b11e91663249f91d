import net from "node:net";
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { testInfrastructure, TEST_SASL_USERS } from "@/lib/devstack/testing/test-infrastructure";
import { createTopic, produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { runPreviewInWorker } from "./preview-worker";

const infra = testInfrastructure();
const kafka = testKafka(infra.bootstrapServers);
const noSecrets = async (name: string) => {
  throw new Error(`no secret ${name}`);
};

/** Resolves once the worker process is gone, with how it ended. */
const ended = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

/** A "broker" that accepts connections and never answers: kafkajs waits on it for its request timeout. */
const accepted = new Set<net.Socket>();
const silent = net.createServer((socket) => accepted.add(socket));
const silentPort = new Promise<number>((resolve) =>
  silent.listen(0, "127.0.0.1", () => resolve((silent.address() as net.AddressInfo).port)),
);
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe("preview in a worker process", () => {
  it("answers the same preview as in-process, in a child that then exits", async () => {
    const source = await createTopic(kafka, uniqueName("pvw-src"), 1);
    const sink = await createTopic(kafka, uniqueName("pvw-sink"), 2);
    await produce(kafka, source, [{ value: "1,a" }, { value: "2,b" }, { value: "3,c" }]);
    let child: ChildProcess | undefined;
    const result = await runPreviewInWorker({
      sql: `CREATE TABLE s (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${source}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'csv');
CREATE TABLE k (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${sink}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}', 'format' = 'json');
INSERT INTO k SELECT * FROM s;`,
      rows: 2,
      resolveSecret: noSecrets,
      onStart: (c) => (child = c),
    });
    expect(result.failure).toBeUndefined();
    expect(result.sinks[0].records?.map((r) => r.value?.text)).toEqual([
      '{"id":1,"name":"a"}',
      '{"id":2,"name":"b"}',
    ]);
    expect(child!.pid).not.toBe(process.pid);
    expect(await ended(child!)).toEqual({ code: 0, signal: null });
  });

  it.skipIf(!infra.saslBootstrapServers)(
    "hands the worker a secret over IPC, never in its argv or environment",
    async () => {
      const user = TEST_SASL_USERS[0];
      const sink = await createTopic(kafka, uniqueName("pvw-sasl"), 1);
      let child: ChildProcess | undefined;
      const asked: Array<[string, string]> = [];
      const result = await runPreviewInWorker({
        sql: `CREATE TABLE k (id INT) WITH ('connector' = 'kafka', 'topic' = '${sink}', 'format' = 'csv',
  'properties.bootstrap.servers' = '${infra.saslBootstrapServers}', 'properties.security.protocol' = 'SASL_PLAINTEXT',
  'properties.sasl.mechanism' = 'PLAIN',
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="${user.username}" password="\${secret_values.pv_password}";');
INSERT INTO k VALUES (7);`,
        resolveSecret: async (name, bootstrapServers) => {
          asked.push([name, bootstrapServers]);
          return user.password;
        },
        onStart: (c) => (child = c),
      });
      expect(result.failure).toBeUndefined();
      expect(result.sinks[0].records?.map((r) => r.value?.text)).toEqual(["7"]);
      expect(asked).toEqual([["pv_password", infra.saslBootstrapServers]]);
      expect(child!.spawnargs.join(" ")).not.toContain(user.password);
      expect(JSON.stringify(result)).not.toContain(user.password);
    },
  );

  it("kills a preview that runs past its wall-clock bound, and the next preview runs", async () => {
    const port = await silentPort;
    let child: ChildProcess | undefined;
    const started = Date.now();
    const result = await runPreviewInWorker({
      sql: `CREATE TABLE s (id INT) WITH ('connector' = 'kafka', 'topic' = 'never-answered',
  'properties.bootstrap.servers' = '127.0.0.1:${port}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'csv');
CREATE TABLE p (id INT) WITH ('connector' = 'print');
INSERT INTO p SELECT * FROM s;`,
      timeoutMs: 1000,
      killAfterMs: 6000,
      resolveSecret: noSecrets,
      onStart: (c) => (child = c),
    });
    expect(result.ok).toBe(false);
    expect(result.failure?.message).toMatch(/stopped after 6\.0 s.*killed/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(6000);
    expect(await ended(child!)).toEqual({ code: null, signal: "SIGKILL" });

    const next = await runPreviewInWorker({
      sql: `CREATE TABLE p (id INT) WITH ('connector' = 'print'); INSERT INTO p VALUES (1), (2);`,
      resolveSecret: noSecrets,
    });
    expect(next.failure).toBeUndefined();
    expect(next.sinks[0].rows.map((r) => r.cells)).toEqual([["1"], ["2"]]);
  });

  it("stops a preview that runs out of its bounded heap with a clear error", async () => {
    let child: ChildProcess | undefined;
    const result = await runPreviewInWorker({
      sql: `CREATE TABLE g (s STRING) WITH ('connector' = 'datagen', 'fields.s.length' = '20000000');
CREATE TABLE p (s STRING) WITH ('connector' = 'blackhole');
INSERT INTO p SELECT s FROM g;`,
      rows: 1000,
      heapMb: 160,
      resolveSecret: noSecrets,
      onStart: (c) => (child = c),
    });
    expect(result.ok).toBe(false);
    expect(result.failure?.message).toMatch(/ran out of memory.*160 MB heap/);
    expect((await ended(child!)).code).not.toBe(0);
  });
});
