import { describe, expect, it } from "vitest";
import type { Kafka, Message } from "kafkajs";
import type { ClusterClient } from "./clients";
import { toKafkaJsConfig } from "./client-config";
import { RecordWriter } from "./record-writer";

/** A producer whose sendBatch calls are recorded and acknowledged when the test says so. */
function fakeClient(properties: Record<string, string> = {}) {
  const requests: Array<{
    topicMessages: Array<{ topic: string; messages: Message[] }>;
    ack(): void;
    fail(e: Error): void;
  }> = [];
  const producer = {
    connect: async () => {},
    disconnect: async () => {},
    sendBatch: (args: { topicMessages: Array<{ topic: string; messages: Message[] }> }) =>
      new Promise<void>((resolve, reject) =>
        requests.push({ topicMessages: args.topicMessages, ack: resolve, fail: reject }),
      ),
  };
  const config = toKafkaJsConfig(
    { "bootstrap.servers": "localhost:9092", ...properties },
    "producer",
  );
  const client: ClusterClient = {
    kafka: { producer: () => producer } as unknown as Kafka,
    config,
    brokers: ["localhost:9092"],
  };
  return { client, requests };
}

const record = (partition: number, i: number) => ({
  topic: "t",
  partition,
  key: null,
  value: Buffer.from(`r${i}`),
});
const tick = () => new Promise((r) => setImmediate(r));

describe("RecordWriter batching", () => {
  it("sends a request once a partition has maxPartitionBatchRecords buffered (kafkajs groups a request in O(n²) per partition)", async () => {
    const { client, requests } = fakeClient();
    const writer = new RecordWriter({ client, maxPartitionBatchRecords: 3 });
    await writer.connect();
    for (const [partition, i] of [
      [0, 0],
      [1, 1],
      [0, 2],
      [0, 3],
      [1, 4],
    ])
      writer.write(record(partition, i));
    await tick();
    expect(requests).toHaveLength(1);
    expect(
      requests[0].topicMessages[0].messages.map((m) => [m.partition, String(m.value)]),
    ).toEqual([
      [0, "r0"],
      [1, "r1"],
      [0, "r2"],
      [0, "r3"],
    ]);
  });

  it("sends what is buffered once the producer is free (linger.ms 0): one request in flight, the next batch filling", async () => {
    const { client, requests } = fakeClient();
    const writer = new RecordWriter({ client });
    await writer.connect();
    writer.write(record(0, 0));
    writer.write(record(0, 1));
    await tick();
    expect(requests.map((r) => r.topicMessages[0].messages.length)).toEqual([2]);
    for (let i = 2; i < 5; i++) writer.write(record(0, i));
    await tick();
    expect(requests).toHaveLength(1);
    requests[0].ack();
    await tick();
    await tick();
    expect(requests.map((r) => r.topicMessages[0].messages.map((m) => String(m.value)))).toEqual([
      ["r0", "r1"],
      ["r2", "r3", "r4"],
    ]);
  });

  it("waits linger.ms before sending a batch that is not full", async () => {
    const { client, requests } = fakeClient({ "linger.ms": "30" });
    const writer = new RecordWriter({ client });
    await writer.connect();
    writer.write(record(0, 0));
    await tick();
    expect(requests).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toHaveLength(1);
  });

  it("keeps one request in flight and returns backpressure only past the unacknowledged window", async () => {
    const { client, requests } = fakeClient();
    const writer = new RecordWriter({
      client,
      maxPartitionBatchRecords: 2,
      maxUnacknowledgedRecords: 4,
    });
    await writer.connect();
    const pressure: Array<Promise<void> | undefined> = [];
    for (let i = 0; i < 8; i++) pressure.push(writer.write(record(0, i)));
    await tick();
    // Four requests of two: the third puts 6 > 4 records in the window, the fourth 8.
    expect(requests).toHaveLength(1);
    expect(pressure.slice(0, 5).every((p) => p === undefined)).toBe(true);
    expect(pressure[6]).toBeUndefined();
    const released: number[] = [];
    void pressure[5]!.then(() => released.push(5));
    void pressure[7]!.then(() => released.push(7));
    requests[0].ack();
    await tick();
    expect(requests).toHaveLength(2);
    expect(released).toEqual([5]);
    requests[1].ack();
    await tick();
    // Two requests (4 records) acknowledged: the window holds the other 4 again.
    expect(released).toEqual([5, 7]);
    expect(writer.recordsSent).toBe(4);
  });

  it("bounds the requests waiting for acknowledgement, whatever their size", async () => {
    const { client, requests } = fakeClient();
    const writer = new RecordWriter({
      client,
      maxPartitionBatchRecords: 1,
      maxUnacknowledgedRequests: 2,
    });
    await writer.connect();
    const pressure = [0, 1, 2, 3].map((i) => writer.write(record(i % 2, i)));
    expect(pressure.slice(0, 2)).toEqual([undefined, undefined]);
    const released: number[] = [];
    void pressure[2]!.then(() => released.push(2));
    void pressure[3]!.then(() => released.push(3));
    await tick();
    requests[0].ack();
    await tick();
    expect(released).toEqual([2]);
    requests[1].ack();
    await tick();
    expect(released).toEqual([2, 3]);
  });

  it("flush resolves only after every request is acknowledged", async () => {
    const { client, requests } = fakeClient();
    const writer = new RecordWriter({ client, maxPartitionBatchRecords: 2 });
    await writer.connect();
    for (let i = 0; i < 5; i++) writer.write(record(0, i));
    let flushed = false;
    const flush = writer.flush().then(() => (flushed = true));
    for (let n = 0; n < 3; n++) {
      await tick();
      expect(flushed).toBe(false);
      requests[n].ack();
    }
    await flush;
    expect(requests.map((r) => r.topicMessages[0].messages.length)).toEqual([2, 2, 1]);
    expect(writer.recordsSent).toBe(5);
  });

  it("a failed request fails the requests queued behind it, later writes and the flush", async () => {
    const { client, requests } = fakeClient();
    const writer = new RecordWriter({
      client,
      maxPartitionBatchRecords: 1,
      maxUnacknowledgedRecords: 1,
    });
    await writer.connect();
    writer.write(record(0, 0));
    const pressure = writer.write(record(0, 1));
    await tick();
    requests[0].fail(new Error("NOT_ENOUGH_REPLICAS"));
    await expect(pressure).rejects.toThrow("NOT_ENOUGH_REPLICAS");
    expect(requests).toHaveLength(1);
    expect(() => writer.write(record(0, 2))).toThrow("NOT_ENOUGH_REPLICAS");
    await expect(writer.flush()).rejects.toThrow("NOT_ENOUGH_REPLICAS");
  });
});
