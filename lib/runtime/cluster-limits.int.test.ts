/**
 * Clusters that limit what the sink's delivery guarantee needs, each a local broker of its own:
 * a low transaction.max.timeout.ms (Flink asks for 1 h; Tributary lowers it or explains the
 * conflict before the job starts), a transaction.state.log.replication.factor above the broker
 * count (no transaction coordinator can ever exist), and producer settings the Java client refuses.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, startLocalBroker, type LocalBroker } from "@/lib/kafka/local-broker";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import { validateScript } from "@/lib/sql/validate";
import { createTopic, readAll, runScript, testKafka, uniqueName } from "./testing/run-script";

interface OwnBroker {
  broker: LocalBroker;
  dataDir: string;
}

async function ownBroker(options: {
  transactionMaxTimeoutMs?: number;
  serverProperties?: Record<string, string | number>;
}): Promise<OwnBroker> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-limited-broker-"));
  const broker = await startLocalBroker({
    dataDir,
    port: await findFreePort(),
    controllerPort: await findFreePort(),
    stopGraceMs: 10_000,
    onLog: () => {},
    onStatus: () => {},
    ...options,
  });
  return { broker, dataDir };
}

async function stop(own: OwnBroker | undefined): Promise<void> {
  if (!own) return;
  await own.broker.stop();
  await rm(own.dataDir, { recursive: true, force: true });
}

const sink = (bootstrap: string, topic: string, options: string) => `
  CREATE TABLE dst (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${bootstrap}',
    'format' = 'csv', ${options});`;
const exactlyOnce = (prefix: string) =>
  `'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '${prefix}'`;

async function failure(script: string) {
  const { job } = await runScript(script);
  const outcome = await job.outcome;
  expect(outcome.state).toBe("FAILED");
  if (outcome.state !== "FAILED") throw new Error("unreachable");
  return outcome.failure;
}

describe("a cluster with transaction.max.timeout.ms = 60 s", () => {
  let own: OwnBroker | undefined;
  beforeAll(async () => {
    own = await ownBroker({ transactionMaxTimeoutMs: 60_000 });
  }, 120_000);
  afterAll(() => stop(own), 60_000);

  it("runs Flink's exactly-once sink with the broker's maximum instead of 1 h, and says so", async () => {
    const bootstrap = own!.broker.bootstrapServers;
    const kafka = testKafka(bootstrap);
    const topic = uniqueName("eo-low-max");
    await createTopic(kafka, topic, 2);
    const { job, logs } = await runScript(
      `${sink(bootstrap, topic, exactlyOnce(uniqueName("tx")))} INSERT INTO dst VALUES (1), (2);`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect(logs).toContain(
      "INFO Flink's exactly-once sink asks for transaction.timeout.ms = 3600000 (1 h), more than this cluster's transaction.max.timeout.ms (60000); Tributary uses 60000 ms instead.",
    );
    expect(
      (await readAll(kafka, topic, { readCommitted: true, atLeast: 2 }))
        .map((r) => r.value!.toString())
        .sort(),
    ).toEqual(["1", "2"]);
  });

  it("explains a configured transaction.timeout.ms above the maximum before the job starts", async () => {
    const bootstrap = own!.broker.bootstrapServers;
    const topic = uniqueName("eo-too-long");
    await createTopic(testKafka(bootstrap), topic, 1);
    const f = await failure(
      `${sink(bootstrap, topic, `${exactlyOnce(uniqueName("tx"))}, 'properties.transaction.timeout.ms' = '3600000'`)} INSERT INTO dst VALUES (1);`,
    );
    expect(f.message).toBe(
      "'properties.transaction.timeout.ms' = 3600000 is larger than the cluster's transaction.max.timeout.ms (60000), so the brokers would refuse every transaction: set it to at most 60000, or raise transaction.max.timeout.ms on the brokers.",
    );
    expect(f.retriable).toBe(false);
  });

  it("explains a checkpoint interval the transactions cannot outlive", async () => {
    const bootstrap = own!.broker.bootstrapServers;
    const topic = uniqueName("eo-slow-checkpoints");
    await createTopic(testKafka(bootstrap), topic, 1);
    const f = await failure(
      `SET 'execution.checkpointing.interval' = '2 min'; ${sink(bootstrap, topic, exactlyOnce(uniqueName("tx")))} INSERT INTO dst VALUES (1);`,
    );
    expect(f.message).toBe(
      "'execution.checkpointing.interval' (120000 ms) must be shorter than the transaction timeout (60000 ms), or the broker aborts every transaction before it commits.",
    );
  });
});

describe("a cluster whose transaction coordinator can never start", () => {
  let own: OwnBroker | undefined;
  beforeAll(async () => {
    own = await ownBroker({
      serverProperties: {
        "transaction.state.log.replication.factor": 3,
        "transaction.state.log.min.isr": 2,
      },
    });
  }, 120_000);
  afterAll(() => stop(own), 60_000);

  it("fails an exactly-once job at once, naming the cause and the fix", async () => {
    const bootstrap = own!.broker.bootstrapServers;
    const topic = uniqueName("eo-no-coordinator");
    await createTopic(testKafka(bootstrap), topic, 1);
    const started = Date.now();
    const f = await failure(
      `${sink(bootstrap, topic, exactlyOnce(uniqueName("tx")))} INSERT INTO dst VALUES (1);`,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(f.message).toBe(
      "The cluster cannot run transactions: its brokers create the transaction coordinators' topic __transaction_state with transaction.state.log.replication.factor = 3 replicas, but the cluster has only 1 broker. Set transaction.state.log.replication.factor (and transaction.state.log.min.isr) to at most 1 on the brokers, or use 'sink.delivery-guarantee' = 'at-least-once'.",
    );
    expect(f.retriable).toBe(false);
  });

  it("still runs at-least-once with the idempotent producer, which needs no coordinator", async () => {
    const bootstrap = own!.broker.bootstrapServers;
    const kafka = testKafka(bootstrap);
    const topic = uniqueName("alo-no-coordinator");
    await createTopic(kafka, topic, 1);
    const { job } = await runScript(
      `${sink(bootstrap, topic, "'sink.delivery-guarantee' = 'at-least-once'")} INSERT INTO dst VALUES (1), (2);`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect((await readAll(kafka, topic)).map((r) => r.value!.toString())).toEqual(["1", "2"]);
  });
});

describe("producer settings the Java client refuses", () => {
  let broker: { bootstrapServers: string; release(): Promise<void> };
  beforeAll(async () => {
    broker = await acquireTestBroker();
  });
  afterAll(async () => broker.release());

  it("exactly-once with properties.enable.idempotence = false", async () => {
    const topic = uniqueName("eo-no-idempotence");
    await createTopic(testKafka(broker.bootstrapServers), topic, 1);
    const f = await failure(
      `${sink(broker.bootstrapServers, topic, `${exactlyOnce(uniqueName("tx"))}, 'properties.enable.idempotence' = 'false'`)} INSERT INTO dst VALUES (1);`,
    );
    expect(f.message).toMatch(
      /^Cannot set a transactional.id without also enabling idempotence\. /,
    );
    expect(f.message).toContain(
      "remove 'properties.enable.idempotence' = 'false', or use 'sink.delivery-guarantee' = 'at-least-once'",
    );
  });

  it("an idempotent producer with acks = 1, refused when the script is validated", () => {
    const result = validateScript(
      `${sink(broker.bootstrapServers, "any", "'properties.enable.idempotence' = 'true', 'properties.acks' = '1'")} INSERT INTO dst VALUES (1);`,
    );
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
      "Must set properties.acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
    ]);
  });
});
