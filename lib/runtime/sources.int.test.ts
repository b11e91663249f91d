/**
 * The kafka source's reading window on the real broker: every scan.startup.mode and
 * scan.bounded.mode, and partition discovery (scan.topic-partition-discovery.interval) for a
 * topic pattern and for new partitions of a listed topic, off when the interval is 0.
 */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import {
  addPartitions,
  commitGroupOffsets,
  createTopic,
  produce,
  runScript,
  uniqueName,
  waitUntil,
  type RawRecord,
} from "./testing/run-script";

const broker = brokerForTests();

/** Reads `src` (raw values with their partition) into a print sink. */
function script(topicOption: string, options: string, groupId = uniqueName("g")) {
  return `
    CREATE TABLE src (v STRING, p INT METADATA FROM 'partition' VIRTUAL) WITH ('connector' = 'kafka', ${topicOption},
      'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'properties.group.id' = '${groupId}', 'format' = 'raw', ${options});
    CREATE TABLE printed_rows (v STRING, p INT) WITH ('connector' = 'print');
    INSERT INTO printed_rows SELECT v, p FROM src;`;
}

/**
 * A 2-partition topic with a0..a2 in partition 0 and b0..b1 in partition 1, timestamps 1000 apart.
 * The timestamps are in 1970, far past the broker's 7-day retention: without retention.ms = -1 the
 * broker's first retention check (30 s after it starts) deletes them all and earliest-offset then
 * rightly reads nothing.
 */
async function filledTopic(): Promise<string> {
  const topic = uniqueName("window");
  await createTopic(broker.kafka, topic, 2, { configs: { "retention.ms": "-1" } });
  const records: RawRecord[] = [
    { value: "a0", partition: 0, timestamp: "1000" },
    { value: "a1", partition: 0, timestamp: "2000" },
    { value: "a2", partition: 0, timestamp: "3000" },
    { value: "b0", partition: 1, timestamp: "1500" },
    { value: "b1", partition: 1, timestamp: "2500" },
  ];
  await produce(broker.kafka, topic, records);
  return topic;
}

/** Runs a bounded script to the end and returns the values it read, sorted. */
async function boundedRead(sql: string): Promise<string[]> {
  const { job, printed } = await runScript(sql);
  expect(await job.outcome).toEqual({ state: "FINISHED" });
  return printed.map((line) => /^\+I\[(\w+), \d\]$/.exec(line)![1]).sort();
}

const latestEnd = "'scan.bounded.mode' = 'latest-offset'";

describe("scan.startup.mode", () => {
  it("earliest-offset reads everything", async () => {
    const topic = await filledTopic();
    expect(
      await boundedRead(
        script(`'topic' = '${topic}'`, `'scan.startup.mode' = 'earliest-offset', ${latestEnd}`),
      ),
    ).toEqual(["a0", "a1", "a2", "b0", "b1"]);
  });

  it("latest-offset reads only what is written after the start", async () => {
    const topic = await filledTopic();
    const { job, printed } = await runScript(
      script(`'topic' = '${topic}'`, "'scan.startup.mode' = 'latest-offset'"),
    );
    await produce(broker.kafka, topic, [{ value: "new", partition: 1 }]);
    await waitUntil("the new record is read", () => printed.length >= 1);
    await job.stopWithOffsets();
    expect(printed).toEqual(["+I[new, 1]"]);
  });

  it("group-offsets resumes from the group's commits; auto.offset.reset decides where there is none", async () => {
    const topic = await filledTopic();
    const groupId = uniqueName("committed");
    await commitGroupOffsets(broker.kafka, groupId, topic, [{ partition: 0, offset: 2 }]);
    const withReset = script(
      `'topic' = '${topic}'`,
      `'scan.startup.mode' = 'group-offsets', 'properties.auto.offset.reset' = 'earliest', ${latestEnd}`,
      groupId,
    );
    expect(await boundedRead(withReset)).toEqual(["a2", "b0", "b1"]);

    const latestReset = uniqueName("committed");
    await commitGroupOffsets(broker.kafka, latestReset, topic, [{ partition: 0, offset: 1 }]);
    const resetLatest = script(
      `'topic' = '${topic}'`,
      `'scan.startup.mode' = 'group-offsets', 'properties.auto.offset.reset' = 'latest', ${latestEnd}`,
      latestReset,
    );
    expect(await boundedRead(resetLatest)).toEqual(["a1", "a2"]);

    const noReset = uniqueName("uncommitted");
    await commitGroupOffsets(broker.kafka, noReset, topic, [{ partition: 0, offset: 1 }]);
    const { job } = await runScript(
      script(
        `'topic' = '${topic}'`,
        `'scan.startup.mode' = 'group-offsets', ${latestEnd}`,
        noReset,
      ),
    );
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.message).toContain(
      `Undefined offset with no reset policy for partitions: [${topic}-1]`,
    );
    expect(outcome.failure.message).toContain("'properties.auto.offset.reset'");
  });

  it("timestamp starts at the first record at or after the timestamp in each partition", async () => {
    const topic = await filledTopic();
    const sql = script(
      `'topic' = '${topic}'`,
      `'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '2000', ${latestEnd}`,
    );
    expect(await boundedRead(sql)).toEqual(["a1", "a2", "b1"]);
  });

  it("specific-offsets starts where told; an unlisted partition at the group's commit, else the earliest", async () => {
    const topic = await filledTopic();
    const groupId = uniqueName("specific");
    const sql = script(
      `'topic' = '${topic}'`,
      `'scan.startup.mode' = 'specific-offsets', 'scan.startup.specific-offsets' = 'partition:0,offset:2', ${latestEnd}`,
      groupId,
    );
    expect(await boundedRead(sql)).toEqual(["a2", "b0", "b1"]);
    await commitGroupOffsets(broker.kafka, groupId, topic, [{ partition: 1, offset: 1 }]);
    expect(await boundedRead(sql)).toEqual(["a2", "b1"]);
  });
});

describe("scan.bounded.mode", () => {
  const earliest = "'scan.startup.mode' = 'earliest-offset'";

  it("latest-offset stops at the end offsets seen at the start", async () => {
    const topic = await filledTopic();
    const { job, printed } = await runScript(
      script(`'topic' = '${topic}'`, `${earliest}, ${latestEnd}`),
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    await produce(broker.kafka, topic, [{ value: "late", partition: 0 }]);
    expect(printed).toHaveLength(5);
  });

  it("group-offsets stops at the group's commits and fails as Flink without one", async () => {
    const topic = await filledTopic();
    const groupId = uniqueName("stop-at");
    await commitGroupOffsets(broker.kafka, groupId, topic, [
      { partition: 0, offset: 1 },
      { partition: 1, offset: 2 },
    ]);
    expect(
      await boundedRead(
        script(
          `'topic' = '${topic}'`,
          `${earliest}, 'scan.bounded.mode' = 'group-offsets'`,
          groupId,
        ),
      ),
    ).toEqual(["a0", "b0", "b1"]);

    const partial = uniqueName("stop-at-partial");
    await commitGroupOffsets(broker.kafka, partial, topic, [{ partition: 0, offset: 1 }]);
    const { job } = await runScript(
      script(`'topic' = '${topic}'`, `${earliest}, 'scan.bounded.mode' = 'group-offsets'`, partial),
    );
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.message).toBe(
      `Partition ${topic}-1 should stop at committed offset. But there is no committed offset of this partition for group ${partial}`,
    );
  });

  it("timestamp stops before the first record at or after the timestamp", async () => {
    const topic = await filledTopic();
    const sql = script(
      `'topic' = '${topic}'`,
      `${earliest}, 'scan.bounded.mode' = 'timestamp', 'scan.bounded.timestamp-millis' = '2500'`,
    );
    expect(await boundedRead(sql)).toEqual(["a0", "a1", "b0"]);
  });

  it("specific-offsets stops where told; an unlisted partition at the group's commit, else at its beginning", async () => {
    const topic = await filledTopic();
    const groupId = uniqueName("stop-specific");
    const sql = script(
      `'topic' = '${topic}'`,
      `${earliest}, 'scan.bounded.mode' = 'specific-offsets', 'scan.bounded.specific-offsets' = 'partition:0,offset:2'`,
      groupId,
    );
    expect(await boundedRead(sql)).toEqual(["a0", "a1"]);
    await commitGroupOffsets(broker.kafka, groupId, topic, [{ partition: 1, offset: 1 }]);
    expect(await boundedRead(sql)).toEqual(["a0", "a1", "b0"]);
  });
});

describe("partition discovery", () => {
  it("reads a topic created after the start that matches the pattern", async () => {
    const prefix = uniqueName("pattern");
    await createTopic(broker.kafka, `${prefix}-one`, 1);
    await produce(broker.kafka, `${prefix}-one`, [{ value: "first" }]);
    const { job, printed, logs } = await runScript(
      script(
        `'topic-pattern' = '${prefix}-.*'`,
        "'scan.startup.mode' = 'earliest-offset', 'scan.topic-partition-discovery.interval' = '1 s'",
      ),
    );
    await waitUntil("the first topic is read", () => printed.length >= 1);
    await createTopic(broker.kafka, `${prefix}-two`, 2);
    await produce(broker.kafka, `${prefix}-two`, [
      { value: "second", partition: 1 },
      { value: "third", partition: 0 },
    ]);
    await waitUntil("the discovered topic is read", () => printed.length >= 3);
    await job.stopWithOffsets();
    expect([...printed].sort()).toEqual(["+I[first, 0]", "+I[second, 1]", "+I[third, 0]"]);
    expect(logs.some((l) => l.includes("Discovered 2 new partitions to read"))).toBe(true);
  });

  it("reads new partitions of a listed topic", async () => {
    const topic = uniqueName("growing");
    await createTopic(broker.kafka, topic, 1);
    const { job, printed } = await runScript(
      script(
        `'topic' = '${topic}'`,
        "'scan.startup.mode' = 'earliest-offset', 'scan.topic-partition-discovery.interval' = '1 s'",
      ),
    );
    await produce(broker.kafka, topic, [{ value: "old", partition: 0 }]);
    await waitUntil("the first partition is read", () => printed.length >= 1);
    await addPartitions(broker.kafka, topic, 3);
    await produce(broker.kafka, topic, [{ value: "new", partition: 2 }]);
    await waitUntil("the new partition is read", () => printed.length >= 2);
    await job.stopWithOffsets();
    expect(printed).toEqual(["+I[old, 0]", "+I[new, 2]"]);
  });

  it("discovers nothing with an interval of 0", async () => {
    const prefix = uniqueName("no-discovery");
    await createTopic(broker.kafka, `${prefix}-one`, 1);
    await produce(broker.kafka, `${prefix}-one`, [{ value: "first" }]);
    const { job, printed } = await runScript(
      script(
        `'topic-pattern' = '${prefix}-.*'`,
        "'scan.startup.mode' = 'earliest-offset', 'scan.topic-partition-discovery.interval' = '0'",
      ),
    );
    await waitUntil("the first topic is read", () => printed.length >= 1);
    await createTopic(broker.kafka, `${prefix}-two`, 1);
    await produce(broker.kafka, `${prefix}-two`, [{ value: "unseen" }]);
    await new Promise((r) => setTimeout(r, 3000));
    await job.stopWithOffsets();
    expect(printed).toEqual(["+I[first, 0]"]);
  });
});

describe("the consumer group", () => {
  it("is never joined: it has no members while the job reads, and receives the checkpoints' offsets", async () => {
    const topic = await filledTopic();
    const groupId = uniqueName("g");
    const { job, printed } = await runScript(
      `SET 'execution.checkpointing.interval' = '500ms';
       ${script(`'topic' = '${topic}'`, "'scan.startup.mode' = 'earliest-offset'", groupId)}`,
      { parallelism: 2 },
    );
    await waitUntil("every record is read", () => printed.length >= 5);
    const admin = broker.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0].members).toEqual([]);
      let committed: string[] = [];
      for (let i = 0; i < 50 && committed.join() !== "3,2"; i++) {
        const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
        committed = t.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(committed).toEqual(["3", "2"]);
    } finally {
      await admin.disconnect();
      await job.stopWithOffsets();
    }
  });

  it("receives nothing with 'properties.commit.offsets.on.checkpoint' = 'false'", async () => {
    const topic = await filledTopic();
    const groupId = uniqueName("g");
    const { job, printed } = await runScript(
      `SET 'execution.checkpointing.interval' = '200ms';
       ${script(`'topic' = '${topic}'`, "'scan.startup.mode' = 'earliest-offset', 'properties.commit.offsets.on.checkpoint' = 'false'", groupId)}`,
    );
    await waitUntil("every record is read", () => printed.length >= 5);
    await new Promise((r) => setTimeout(r, 600)); // a few checkpoints
    await job.stopWithOffsets();
    const admin = broker.kafka.admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(t.partitions.map((p) => p.offset)).toEqual(["-1", "-1"]);
    } finally {
      await admin.disconnect();
    }
  });

  it("may be one another application consumes with: the job reads, the application is not rebalanced", async () => {
    const topic = await filledTopic();
    const groupId = uniqueName("shared");
    const other = broker.kafka.consumer({ groupId });
    let joins = 0;
    other.on(other.events.GROUP_JOIN, () => joins++);
    await other.connect();
    await other.subscribe({ topic, fromBeginning: true });
    await other.run({ eachMessage: async () => {} });
    try {
      await waitUntil("the application joined its group", () => joins === 1);
      const { job, printed, logs } = await runScript(
        `SET 'execution.checkpointing.interval' = '500ms';
         ${script(`'topic' = '${topic}'`, "'scan.startup.mode' = 'earliest-offset'", groupId)}`,
      );
      await waitUntil("every record is read", () => printed.length >= 5);
      await new Promise((r) => setTimeout(r, 1500)); // a few checkpoints
      await job.stopWithOffsets();
      expect(printed.length).toBe(5);
      expect(joins).toBe(1);
      // The group belongs to the application: committing into it is refused, reported, survived.
      expect(
        logs.some((l) => l.startsWith("WARN") && l.includes(`consumer group '${groupId}'`)),
      ).toBe(true);
    } finally {
      await other.disconnect();
    }
  });
});

describe("a position outside the log", () => {
  it("goes on from where the startup mode's reset strategy says (specific-offsets: the earliest), with a warning", async () => {
    const topic = await filledTopic();
    const { printed, logs, job } = await runScript(
      script(
        `'topic' = '${topic}'`,
        "'scan.startup.mode' = 'specific-offsets', 'scan.startup.specific-offsets' = 'partition:0,offset:100;partition:1,offset:0'",
      ),
    );
    await waitUntil("every record is read", () => printed.length >= 5);
    await job.stopWithOffsets();
    expect(printed.map((l) => /^\+I\[(\w+),/.exec(l)![1]).sort()).toEqual([
      "a0",
      "a1",
      "a2",
      "b0",
      "b1",
    ]);
    expect(logs.some((l) => l.includes(`Offset 100 of ${topic}-0 is out of range`))).toBe(true);
  });
});
