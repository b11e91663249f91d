import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { callRoute } from "@/lib/api/testing/route-request";
import { testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { GET, POST } from "./route";

testInfrastructure();
const post = (body: unknown) => callRoute(POST, { url: "http://test/api/topics", body });

describe("POST /api/topics on the default profile (the test broker)", () => {
  it("creates a topic with partitions and configs and answers 201", async () => {
    const name = uniqueName("created");
    const res = await post({
      name,
      partitions: 3,
      replicationFactor: 1,
      config: { "retention.ms": "3600000", "cleanup.policy": "compact" },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name, partitions: 3, replicationFactor: 1 });
    expect(body.cluster.name).toBe("local");
    expect(body.config).toMatchObject({ "retention.ms": "3600000", "cleanup.policy": "compact" });

    const admin = testKafka(process.env.KAFKA_BOOTSTRAP_SERVERS!).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(name);
      expect(offsets).toHaveLength(3);
    } finally {
      await admin.disconnect();
    }

    const list = await callRoute(GET, { url: `http://test/api/topics?search=${name}` });
    const listed = await list.json();
    expect(listed.topics).toEqual([
      expect.objectContaining({
        name,
        partitions: 3,
        replicationFactor: 1,
        endOffsets: 0,
        retentionMs: "3600000",
        cleanupPolicy: "compact",
      }),
    ]);
  });

  it("answers 409 for an existing topic and 422 for too many replicas", async () => {
    const name = uniqueName("twice");
    expect((await post({ name, partitions: 1 })).status).toBe(201);
    const again = await post({ name, partitions: 1 });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toContain("exists already");

    const tooMany = await post({ name: uniqueName("rf"), partitions: 1, replicationFactor: 3 });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).detail).toContain("replication factor 3");
  });

  it("answers 400 naming the field for a bad name, partition count or config", async () => {
    const badName = await post({ name: "no spaces", partitions: 1 });
    expect(badName.status).toBe(400);
    expect((await badName.json()).detail).toContain("'name'");
    const badPartitions = await post({ name: uniqueName("p"), partitions: 0 });
    expect((await badPartitions.json()).detail).toContain("'partitions'");
    const badPolicy = await post({
      name: uniqueName("c"),
      partitions: 1,
      config: { "cleanup.policy": "forever" },
    });
    expect(badPolicy.status).toBe(400);
    expect((await badPolicy.json()).detail).toContain("config.cleanup.policy");
  });

  it("answers 404 for an unknown cluster profile", async () => {
    const res = await post({ cluster: "nope", name: uniqueName("x"), partitions: 1 });
    expect(res.status).toBe(404);
  });
});
