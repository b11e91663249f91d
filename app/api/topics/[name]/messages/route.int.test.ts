import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { callRoute, signedRequest } from "@/lib/api/testing/route-request";
import { createTopic, produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { SseParser } from "@/lib/events/sse-parser";
import { parseStreamMessage } from "@/lib/events/sse-client";
import { tailStreamSchemas } from "@/lib/topics/schemas";
import { POST as BROWSE } from "./route";
import { GET as TAIL } from "../tail/route";
import { GET as DESCRIBE } from "../route";
import { GET as FILTERS, POST as SAVE } from "../filters/route";

const infra = testInfrastructure();
const kafka = testKafka(infra.bootstrapServers);

async function seed() {
  const topic = await createTopic(kafka, uniqueName("browse"), 2);
  const records = Array.from({ length: 20 }, (_, i) => ({
    partition: i % 2,
    key: `k${i}`,
    value: JSON.stringify({ id: i, city: i % 3 === 0 ? "Berlin" : "Paris" }),
    headers: { source: i < 10 ? "web" : "app" },
    timestamp: String(1_700_000_000_000 + i * 1000),
  }));
  await produce(kafka, topic, records);
  return topic;
}

const browse = (topic: string, body: unknown) =>
  callRoute(BROWSE, {
    url: `http://test/api/topics/${topic}/messages`,
    body,
    params: { name: topic },
  });

describe("browsing a topic", () => {
  it("reads oldest first from an offset of one partition, decoded by json with columns", async () => {
    const topic = await seed();
    const res = await browse(topic, {
      partition: 1,
      start: { kind: "offset", offset: 2 },
      order: "oldest",
      limit: 3,
      value: { format: "json", columns: "id INT, city STRING" },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(
      body.records.map((r: { partition: number; offset: number }) => [r.partition, r.offset]),
    ).toEqual([
      [1, 2],
      [1, 3],
      [1, 4],
    ]);
    expect(body.records[0].value.decoded).toEqual({ id: 5, city: "Paris" });
    expect(body.records[0].key.raw).toMatchObject({ text: "k5", hex: "6b35" });
    expect(body.records[0].headers).toEqual([
      { key: "source", value: expect.objectContaining({ text: "web" }) },
    ]);
  });

  it("reads newest first across partitions, and from a timestamp", async () => {
    const topic = await seed();
    const newest = await (await browse(topic, { order: "newest", limit: 4 })).json();
    expect(newest.records.map((r: { key: { raw: { text: string } } }) => r.key.raw.text)).toEqual([
      "k19",
      "k18",
      "k17",
      "k16",
    ]);
    const fromTime = await (
      await browse(topic, {
        start: { kind: "timestamp", timestamp: 1_700_000_015_000 },
        order: "oldest",
        limit: 100,
      })
    ).json();
    expect(fromTime.records.map((r: { key: { raw: { text: string } } }) => r.key.raw.text)).toEqual(
      ["k15", "k16", "k17", "k18", "k19"],
    );
  });

  it("filters on the server by text and by a JavaScript expression, combined", async () => {
    const topic = await seed();
    const body = await (
      await browse(topic, {
        start: { kind: "beginning" },
        order: "oldest",
        value: { format: "json" },
        filter: { text: "berlin", expression: 'headers.source === "web" && value.id > 0' },
      })
    ).json();
    expect(
      body.records
        .map((r: { value: { decoded: { id: number } } }) => r.value.decoded.id)
        .sort((a: number, b: number) => a - b),
    ).toEqual([3, 6, 9]);
    expect(body.scanned).toBe(20);

    const bad = await browse(topic, { filter: { expression: "value.id >" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail).toContain("does not compile");
  });

  it("saves filters per topic", async () => {
    const topic = await seed();
    const saved = await callRoute(SAVE, {
      url: `http://test/api/topics/${topic}/filters`,
      params: { name: topic },
      body: { name: "berlin", filter: { text: "Berlin" } },
    });
    expect(saved.status).toBe(201);
    const list = await (
      await callRoute(FILTERS, {
        url: `http://test/api/topics/${topic}/filters`,
        params: { name: topic },
      })
    ).json();
    expect(list.filters).toEqual([
      expect.objectContaining({ name: "berlin", filter: { text: "Berlin" } }),
    ]);
  });

  it("describes partitions with offsets, and the groups with lag", async () => {
    const topic = await seed();
    const { commitGroupOffsets } = await import("@/lib/kafka/testing/test-kafka");
    const { whileCoordinatorLoads } = await import("@/lib/kafka/cluster-admin");
    const group = uniqueName("g");
    await whileCoordinatorLoads(() =>
      commitGroupOffsets(kafka, group, topic, [{ partition: 0, offset: 4 }]),
    );
    const res = await callRoute(DESCRIBE, {
      url: `http://test/api/topics/${topic}`,
      params: { name: topic },
    });
    const body = await res.json();
    expect(
      body.partitions.map((p: { partition: number; high: number }) => [p.partition, p.high]),
    ).toEqual([
      [0, 10],
      [1, 10],
    ]);
    expect(body.configs["cleanup.policy"]).toBe("delete");
    const lag = body.groups.find((g: { groupId: string }) => g.groupId === group);
    expect(lag.partitions).toEqual([
      { partition: 0, committed: 4, high: 10, lag: 6 },
      { partition: 1, committed: null, high: 10, lag: null },
    ]);
    expect(lag.totalLag).toBe(6);
  });

  it("tails the records produced after it started, as server-sent events", async () => {
    const topic = await seed();
    const controller = new AbortController();
    const request = await signedRequest(
      `http://test/api/topics/${topic}/tail?q=${encodeURIComponent(JSON.stringify({ value: { format: "json" }, filter: { text: "tail" } }))}`,
      { signal: controller.signal },
    );
    const res = await TAIL(request, { params: Promise.resolve({ name: topic }) });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const seen: string[] = [];
    let lastId = "";
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const m of parser.push(decoder.decode(value, { stream: true }))) {
          if (m.id) lastId = m.id;
          // What the browser's reader would drop (lib/events/sse-client.ts) must not be sent.
          expect(parseStreamMessage(tailStreamSchemas, m), `a '${m.event}' message`).toBeDefined();
          if (m.event === "records")
            for (const r of JSON.parse(m.data).records) seen.push(r.value.decoded.note);
          if (m.event === "ready") {
            await produce(kafka, topic, [
              { partition: 0, key: "x", value: JSON.stringify({ note: "tail-1" }) },
              { partition: 1, key: "y", value: JSON.stringify({ note: "skip" }) },
              { partition: 1, key: "z", value: JSON.stringify({ note: "tail-2" }) },
            ]);
          }
          if (seen.length >= 2) return;
        }
      }
    })();
    await Promise.race([reading, new Promise((r) => setTimeout(r, 15_000))]);
    controller.abort();
    expect(seen.sort()).toEqual(["tail-1", "tail-2"]);
    expect(lastId).toMatch(/^0:11,1:12$|^0:1[01],1:1[012]$/);
  });
});
