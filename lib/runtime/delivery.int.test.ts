/**
 * Delivery guarantees after a forced failure: the first attempt is cancelled while records are
 * written but not yet checkpointed; the second attempt restarts from the last checkpoint.
 * exactly-once: a read_committed consumer sees every record exactly once.
 * at-least-once: no record is lost (duplicates allowed).
 */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import type { ScriptRun } from "./testing/run-script";
import { createTopic, produce, readAll, runScript, uniqueName } from "./testing/run-script";

const broker = brokerForTests();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  what: string,
  test: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const out = (run: ScriptRun) => run.metrics.at(-1)?.reduce((n, m) => n + m.numRecordsOut, 0) ?? 0;
const committedAt = (run: ScriptRun) => run.metrics.at(-1)?.[0]?.lastCommitAt;

/** Copies csv rows from input to output with the delivery guarantee, checkpointing every `interval`. */
function copyScript(
  input: string,
  output: string,
  guarantee: "exactly-once" | "at-least-once",
  interval: string,
): string {
  return `
    SET 'execution.checkpointing.interval' = '${interval}';
    CREATE TABLE src (id BIGINT, label STRING) WITH (
      'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
      'properties.group.id' = '${uniqueName("g")}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'csv');
    CREATE TABLE dst (id BIGINT, label STRING) WITH (
      'connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
      'format' = 'csv', 'sink.delivery-guarantee' = '${guarantee}', 'sink.transactional-id-prefix' = '${uniqueName("tx")}');
    INSERT INTO dst SELECT id, label FROM src;`;
}

async function forcedFailureRun(guarantee: "exactly-once" | "at-least-once") {
  const input = uniqueName(`in-${guarantee}`);
  const output = uniqueName(`out-${guarantee}`);
  await createTopic(broker.kafka, input, 3);
  await createTopic(broker.kafka, output, 3);
  const script = copyScript(input, output, guarantee, "4s");
  const jobId = uniqueName("dep");
  const batch = (from: number) =>
    Array.from({ length: 1000 }, (_, i) => ({
      value: `${from + i},row-${from + i}`,
      partition: i % 3,
    }));

  await produce(broker.kafka, input, batch(0));
  const first = await runScript(script, { jobId, parallelism: 2 });
  await waitFor(
    "the first 1000 records to be checkpointed",
    () => out(first) >= 1000 && committedAt(first) !== undefined,
  );
  const checkpointed = committedAt(first);
  await waitFor(
    "a checkpoint after the first batch",
    async () => committedAt(first) !== checkpointed,
  );
  await produce(broker.kafka, input, batch(1000));
  await waitFor("the second batch to be written", () => out(first) >= 2000);
  // Forced failure before the next checkpoint: nothing more is committed.
  await first.job.cancel();

  const second = await runScript(script, { jobId, parallelism: 2, attemptNumber: 2 });
  const expectedIds = Array.from({ length: 2000 }, (_, i) => i);
  await waitFor(
    "the restarted job to commit everything",
    async () =>
      new Set(
        (await readAll(broker.kafka, output, { readCommitted: true })).map((r) =>
          r.value!.toString(),
        ),
      ).size >= 2000,
    45_000,
  );
  await second.job.stopWithOffsets();
  const ids = (await readAll(broker.kafka, output, { readCommitted: true })).map((r) =>
    Number(r.value!.toString().split(",")[0]),
  );
  return { ids, expectedIds };
}

describe("delivery guarantees after a forced failure", () => {
  it("exactly-once: a read_committed consumer sees no duplicate and no loss", async () => {
    const { ids, expectedIds } = await forcedFailureRun("exactly-once");
    expect(ids.length).toBe(2000);
    expect([...new Set(ids)].sort((a, b) => a - b)).toEqual(expectedIds);
  }, 120_000);

  it("at-least-once: no record is lost", async () => {
    const { ids, expectedIds } = await forcedFailureRun("at-least-once");
    expect([...new Set(ids)].sort((a, b) => a - b)).toEqual(expectedIds);
  }, 120_000);
});

describe("exactly-once restarts resume from what the last transaction committed", () => {
  /**
   * A worker killed after Kafka committed a transaction but before the run's checkpoint reached
   * PostgreSQL restarts with an older resume point. The offsets the transaction committed with its
   * records (stamped with the run) win over it — within the same run only.
   */
  it("a restart of the same run skips what it committed; a new run honours the offsets it was given", async () => {
    const input = await createTopic(broker.kafka, uniqueName("in-stamp"), 1);
    const output = await createTopic(broker.kafka, uniqueName("out-stamp"), 1);
    await produce(
      broker.kafka,
      input,
      Array.from({ length: 500 }, (_, i) => ({ value: `${i},row-${i}` })),
    );
    const script = copyScript(input, output, "exactly-once", "1s");
    const jobId = uniqueName("dep");
    const committedAll = (run: ScriptRun) => run.checkpoints.at(-1)?.offsets[input]?.[0] === "500";
    const fromTheStart = {
      offsets: { [input]: { 0: "0" } },
      recordedAt: new Date(0).toISOString(),
    };

    const first = await runScript(script, { jobId, runId: "run-a" });
    await waitFor("the first attempt to commit all 500 records", () => committedAll(first));
    await first.job.cancel();

    // The same run's restart, handed a checkpoint from before that commit.
    const restart = await runScript(script, {
      jobId,
      runId: "run-a",
      attemptNumber: 2,
      resumeFrom: fromTheStart,
    });
    await waitFor("the restart to checkpoint", () => committedAt(restart) !== undefined);
    await restart.job.stopWithOffsets();
    expect(restart.logs.some((l) => l.includes(`Reading ${input}-0 from offset 500.`))).toBe(true);
    expect((await readAll(broker.kafka, output, { readCommitted: true })).length).toBe(500);

    // A new run told to start from offset 0 (a user's choice) reads everything again.
    const rerun = await runScript(script, {
      jobId,
      runId: "run-b",
      resumeFrom: fromTheStart,
    });
    await waitFor("the new run to commit all 500 records", () => committedAll(rerun));
    await rerun.job.stopWithOffsets();
    expect(
      (await readAll(broker.kafka, output, { readCommitted: true, atLeast: 1000 })).length,
    ).toBe(1000);
  }, 90_000);
});

describe("exactly-once with 'properties.commit.offsets.on.checkpoint' = 'false'", () => {
  it("keeps its offsets in a group of its own: a restart skips what it committed, the group gets nothing", async () => {
    const input = await createTopic(broker.kafka, uniqueName("in-nocommit"), 1);
    const output = await createTopic(broker.kafka, uniqueName("out-nocommit"), 1);
    await produce(
      broker.kafka,
      input,
      Array.from({ length: 500 }, (_, i) => ({ value: `${i},row-${i}` })),
    );
    const groupId = uniqueName("untouched");
    const script = copyScript(input, output, "exactly-once", "1s")
      .replace(/'properties.group.id' = '[^']+'/, `'properties.group.id' = '${groupId}'`)
      .replace(
        "'scan.startup.mode' = 'earliest-offset'",
        "'scan.startup.mode' = 'earliest-offset', 'properties.commit.offsets.on.checkpoint' = 'false'",
      );
    const jobId = uniqueName("dep");
    const first = await runScript(script, { jobId, runId: "run-a" });
    await waitFor(
      "the first attempt to commit all 500 records",
      () =>
        first.metrics.at(-1)?.[0]?.lastCommitAt !== undefined &&
        first.checkpoints.at(-1)?.offsets[input]?.[0] === "500",
    );
    await first.job.cancel();
    // The run's restart, handed a checkpoint from before that commit (PostgreSQL lagging Kafka).
    const restart = await runScript(script, {
      jobId,
      runId: "run-a",
      attemptNumber: 2,
      resumeFrom: { offsets: { [input]: { 0: "0" } }, recordedAt: new Date(0).toISOString() },
    });
    await waitFor("the restart to checkpoint", () => committedAt(restart) !== undefined);
    await restart.job.stopWithOffsets();
    expect(restart.logs.some((l) => l.includes(`Reading ${input}-0 from offset 500.`))).toBe(true);
    expect((await readAll(broker.kafka, output, { readCommitted: true })).length).toBe(500);
    const admin = broker.kafka.admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchOffsets({ groupId, topics: [input] });
      expect(t.partitions.map((p) => p.offset)).toEqual(["-1"]);
    } finally {
      await admin.disconnect();
    }
  }, 90_000);
});

describe("exactly-once takeovers are restarts", () => {
  /**
   * A worker SIGKILLed and its lease taken over leaves the run at attempt 1. The new instance must
   * still fence the killed producer first and resume from the offsets its last committed
   * transaction stamped — not from the run's checkpoint in PostgreSQL, which lags Kafka.
   */
  it("an instance started again within attempt 1 skips what the run already committed", async () => {
    const input = await createTopic(broker.kafka, uniqueName("in-takeover"), 2);
    const output = await createTopic(broker.kafka, uniqueName("out-takeover"), 2);
    await produce(
      broker.kafka,
      input,
      Array.from({ length: 600 }, (_, i) => ({ value: `${i},row-${i}`, partition: i % 2 })),
    );
    const script = copyScript(input, output, "exactly-once", "1s");
    const jobId = uniqueName("dep");
    const committedAll = (run: ScriptRun) => {
      const offsets = run.checkpoints.at(-1)?.offsets[input];
      return offsets?.[0] === "300" && offsets?.[1] === "300";
    };
    // One instance reading both partitions, as a worker that holds it alone.
    const first = await runScript(script, { jobId, runId: "run-t" });
    await waitFor("the first start to commit all 600 records", () => committedAll(first));
    await first.job.cancel();

    // The takeover: attempt 1 again, handed the stale checkpoint from before that commit.
    const takeover = await runScript(script, {
      jobId,
      runId: "run-t",
      attemptNumber: 1,
      restart: true,
      resumeFrom: {
        offsets: { [input]: { 0: "0", 1: "0" } },
        recordedAt: new Date(0).toISOString(),
      },
    });
    await waitFor("the takeover to checkpoint", () => committedAt(takeover) !== undefined);
    await takeover.job.stopWithOffsets();
    expect(takeover.logs.some((l) => l.includes(`Reading ${input}-0 from offset 300.`))).toBe(true);
    expect(takeover.logs.some((l) => l.includes(`Reading ${input}-1 from offset 300.`))).toBe(true);
    expect((await readAll(broker.kafka, output, { readCommitted: true })).length).toBe(600);
  }, 90_000);
});

describe("exactly-once after an earlier run with more instances", () => {
  /**
   * An instance of an earlier, larger run that died with a transaction open holds read_committed
   * readers of the partitions it wrote to back until the broker times the transaction out (15 min
   * here, 1 h by Flink's default). Today's instances fence the transactional ids beyond today's
   * parallelism at start, so their output is readable at once.
   */
  it("aborts a transaction an earlier run's instance left open", async () => {
    const input = await createTopic(broker.kafka, uniqueName("in-linger"), 1);
    const output = await createTopic(broker.kafka, uniqueName("out-linger"), 1);
    await produce(
      broker.kafka,
      input,
      Array.from({ length: 10 }, (_, i) => ({ value: `${i},row-${i}` })),
    );
    const prefix = uniqueName("tx");
    // Instance 2 of a run of parallelism 3, gone with its transaction open.
    const gone = broker.kafka.producer({
      transactionalId: `${prefix}-2-0`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await gone.connect();
    const open = await gone.transaction();
    await open.send({ topic: output, messages: [{ value: "never committed", partition: 0 }] });
    await gone.disconnect();

    const script = `
      CREATE TABLE src (id BIGINT, label STRING) WITH (
        'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'csv');
      CREATE TABLE dst (id BIGINT, label STRING) WITH (
        'connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
        'format' = 'csv', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '${prefix}');
      INSERT INTO dst SELECT id, label FROM src;`;
    const { job } = await runScript(script, { parallelism: 2, earlierParallelism: 3 });
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    const committed = await readAll(broker.kafka, output, { readCommitted: true, atLeast: 10 });
    expect(committed.map((r) => r.value!.toString()).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `${i},row-${i}`).sort(),
    );
  }, 90_000);
});
