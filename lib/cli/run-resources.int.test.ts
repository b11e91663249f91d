/**
 * `tributary run` with local partitioner resources: --resource PATH (a JS module) and ADD JAR
 * (a JAR built here from Java source against the cached Flink jars), routing on the real broker.
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTopic, readAll, uniqueName } from "@/lib/runtime/testing/run-script";
import { buildJar } from "@/lib/resources/build-jar";
import { flinkApiClasspath } from "@/lib/resources/jvm-host/host-jars";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";

const root = path.resolve(import.meta.dirname, "../..");
const broker = brokerForTests();

function tributary(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "bin/tributary.mjs"), ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

const script = (topic: string, className: string, prelude = "") => `${prelude}
CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '19');
CREATE TABLE dst (id BIGINT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
  'format' = 'csv', 'sink.partitioner' = '${className}');
INSERT INTO dst SELECT id FROM gen;
`;

describe("tributary run with resources", () => {
  it("attaches --resource modules and ADD JAR jars for the run", { timeout: 180_000 }, async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "run-resources-"));
    await fs.writeFile(
      path.join(dir, "mod3.mjs"),
      "export class Mod3 { partition(r, k, v, t, p) { return p[Number(r.id % 3n)]; } }",
    );
    const jsTopic = await createTopic(broker.kafka, uniqueName("cli-js"), 3);
    await fs.writeFile(path.join(dir, "js.sql"), script(jsTopic, "Mod3"));
    const js = await tributary(
      "run",
      "--quiet",
      "--resource",
      path.join(dir, "mod3.mjs"),
      path.join(dir, "js.sql"),
    );
    expect(js.stderr).toMatch(/^FINISHED/);
    expect(js.code).toBe(0);
    for (const r of await readAll(broker.kafka, jsTopic))
      expect(r.partition).toBe(Number(r.value!.toString()) % 3);

    const jar = await buildJar(
      {
        "com/acme/Mod2.java": `package com.acme;
          public class Mod2 extends org.apache.flink.streaming.connectors.kafka.partitioner.FlinkKafkaPartitioner<org.apache.flink.table.data.RowData> {
            @Override public int partition(org.apache.flink.table.data.RowData row, byte[] k, byte[] v, String t, int[] p) { return p[(int) (row.getLong(0) % 2)]; }
          }`,
      },
      await flinkApiClasspath(),
    );
    await fs.writeFile(path.join(dir, "mod2.jar"), jar);
    const jarTopic = await createTopic(broker.kafka, uniqueName("cli-jar"), 3);
    await fs.writeFile(
      path.join(dir, "jar.sql"),
      script(jarTopic, "com.acme.Mod2", "ADD JAR 'mod2.jar';"),
    );
    const run = await tributary("run", "--quiet", path.join(dir, "jar.sql"));
    expect(run.stderr).toMatch(/^FINISHED/);
    expect(run.code).toBe(0);
    const records = await readAll(broker.kafka, jarTopic);
    expect(records).toHaveLength(20);
    for (const r of records) expect(r.partition).toBe(Number(r.value!.toString()) % 2);

    // Without the JAR, the class is flagged before anything runs.
    await fs.writeFile(path.join(dir, "missing.sql"), script(jarTopic, "com.acme.Mod2"));
    const missing = await tributary("run", "--quiet", path.join(dir, "missing.sql"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "Could not find and instantiate partitioner class 'com.acme.Mod2'",
    );
  });
});
