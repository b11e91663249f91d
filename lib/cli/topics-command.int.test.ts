import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";

const infra = testInfrastructure();
const bin = path.resolve(import.meta.dirname, "../../bin/tributary.mjs");

function tributary(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("tributary topics", () => {
  it(
    "creates, lists, describes and tails a topic on the default profile",
    { timeout: 120_000 },
    async () => {
      const topic = uniqueName("cli");
      const created = await tributary([
        "topics",
        "create",
        topic,
        "--partitions",
        "2",
        "--config",
        "retention.ms=86400000",
      ]);
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      expect(created.stdout).toContain(`Created topic '${topic}'`);

      const list = await tributary(["topics", "list", "--search", topic, "--json"]);
      expect(JSON.parse(list.stdout)).toEqual([
        expect.objectContaining({
          name: topic,
          partitions: 2,
          retentionMs: "86400000",
          size: { leaderBytes: 0, replicaBytes: 0 },
        }),
      ]);

      const described = await tributary([
        "topics",
        "describe",
        topic,
        "--bootstrap",
        infra.bootstrapServers,
      ]);
      expect(described.code).toBe(0);
      expect(described.stdout).toMatch(/PARTITION\s+START\s+END/);
      expect(described.stdout).toContain("retention.ms = 86400000");
      expect(described.stdout).toContain("size 0 B (leader replicas; 0 B across all replicas)");

      const child = spawn(
        process.execPath,
        [bin, "topics", "tail", topic, "--value-format", "json", "--json"],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      let err = "";
      const started = new Promise<void>((resolve, reject) => {
        child.stderr.on("data", (d) => {
          err += d;
          if (err.includes("Tailing")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`tail exited (${code}): ${err}`)));
      });
      await started;
      await produce(testKafka(infra.bootstrapServers), topic, [
        { partition: 1, key: "a", value: '{"n":1}' },
      ]);
      const deadline = Date.now() + 15_000;
      while (!out.includes("\n") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      child.kill("SIGINT");
      await new Promise((r) => child.once("exit", r));
      const line = JSON.parse(out.split("\n")[0]);
      expect(line).toMatchObject({ partition: 1, offset: 0, value: { decoded: { n: 1 } } });
    },
  );
});
