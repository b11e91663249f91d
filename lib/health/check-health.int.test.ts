import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { findFreePort as freePort } from "@/lib/net/ports";
import { registerWorker, signOff } from "@/lib/workers/worker-registry";
import { checkHealth } from "./check-health";

describe("checkHealth against the real servers", () => {
  const infra = testInfrastructure();

  beforeAll(async () => {
    // Workers from earlier tests must not count.
    await prisma().worker.updateMany({
      where: { stoppedAt: null },
      data: { stoppedAt: new Date() },
    });
  });
  afterAll(async () => {
    process.env.KAFKA_BOOTSTRAP_SERVERS = infra.bootstrapServers;
    await disconnectPrisma();
  });

  it("reports workers unhealthy, with the reason, when none heartbeats", async () => {
    const report = await checkHealth();
    expect(report.components.database.ok).toBe(true);
    expect(report.components.kafka.ok).toBe(true);
    expect(report.components.workers).toMatchObject({ ok: false, alive: 0 });
    expect(report.components.workers.reason).toMatch(/No worker has sent a heartbeat/);
    expect(report.ok).toBe(false);
  });

  it("is healthy with a live worker, listing the advertised brokers", async () => {
    const workerId = await registerWorker();
    try {
      const report = await checkHealth();
      expect(report.ok).toBe(true);
      expect(report.components.workers.alive).toBe(1);
      const brokers = report.components.kafka.brokers as string[];
      expect(brokers).toContain(infra.bootstrapServers);
    } finally {
      await signOff(workerId);
    }
  });

  it("reports Kafka unhealthy when nothing listens at the bootstrap servers", async () => {
    process.env.KAFKA_BOOTSTRAP_SERVERS = `127.0.0.1:${await freePort()}`;
    const report = await checkHealth();
    expect(report.components.kafka.ok).toBe(false);
    expect(report.components.kafka.reason).toMatch(/Kafka/);
    expect(report.ok).toBe(false);
    process.env.KAFKA_BOOTSTRAP_SERVERS = infra.bootstrapServers;
  });
});
