import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { createTopic, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";

const infra = testInfrastructure();
const bin = path.resolve(import.meta.dirname, "../../bin/tributary.mjs");

function tributary(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("tributary preview", () => {
  it(
    "prints what the sink would write, run in the preview worker",
    { timeout: 90_000 },
    async () => {
      const sink = await createTopic(testKafka(infra.bootstrapServers), uniqueName("cli-pv"), 3);
      const dir = await mkdtemp(path.join(os.tmpdir(), "tributary-preview-"));
      const file = path.join(dir, "script.sql");
      await writeFile(
        file,
        `CREATE TABLE k (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${sink}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}', 'format' = 'csv');
INSERT INTO k VALUES (1, 'a'), (2, 'b');`,
      );
      const run = await tributary(["preview", file, "--json"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.ok).toBe(true);
      expect(result.sinks[0].topics).toEqual([{ topic: sink, partitions: 3 }]);
      expect(result.sinks[0].records.map((r: { value: { text: string } }) => r.value.text)).toEqual(
        ["1,a", "2,b"],
      );
    },
  );
});
