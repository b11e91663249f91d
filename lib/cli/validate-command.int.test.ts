import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildJar } from "@/lib/resources/build-jar";
import { flinkApiClasspath } from "@/lib/resources/jvm-host/host-jars";

// Runs the real `tributary` entry point (a process per call), so it lives with the slower tests.
const root = path.resolve(import.meta.dirname, "../..");
const tributary = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/tributary.mjs"), ...args], {
    encoding: "utf8",
  });

const GOOD = `CREATE TABLE sink (id INT, name STRING) WITH (
  'connector' = 'kafka',
  'topic' = 'out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
INSERT INTO sink VALUES (1, 'a');
`;
const BAD = GOOD.replace(
  "'format' = 'json'",
  "'format' = 'json',\n  'sink.delivery-guarantee' = 'exactly_once'",
);
const WARN = GOOD.replace("'format' = 'json'", "'format' = 'json',\n  'properties.lingr.ms' = '5'");

describe("tributary validate / explain", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "validate-"));
    await fs.writeFile(path.join(dir, "good.sql"), GOOD);
    await fs.writeFile(path.join(dir, "bad.sql"), BAD);
    await fs.writeFile(path.join(dir, "warn.sql"), WARN);
  });

  it("prints one JSON object per file and exits 1 when any file has an error", () => {
    const run = tributary(
      "validate",
      "--json",
      path.join(dir, "good.sql"),
      path.join(dir, "bad.sql"),
    );
    expect(run.status).toBe(1);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: path.join(dir, "good.sql"), ok: true, diagnostics: [] });
    expect(lines[1].ok).toBe(false);
    const d = lines[1].diagnostics[0];
    expect(d).toMatchObject({ severity: "error", line: 6 });
    expect(d.message).toContain("sink.delivery-guarantee");
    // The position and message, plus what a quick fix needs when the validator knows one.
    const base = ["column", "endColumn", "endLine", "line", "message", "severity"];
    expect(
      Object.keys(d)
        .filter((k) => base.includes(k))
        .sort(),
    ).toEqual(base);
    for (const k of Object.keys(d).filter((k) => !base.includes(k)))
      expect(["fixes", "code", "option", "action"]).toContain(k);
  });

  it("keeps ok true and exit 0 for warnings alone", () => {
    const run = tributary("validate", "--json", path.join(dir, "warn.sql"));
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.ok).toBe(true);
    expect(result.diagnostics[0]).toMatchObject({ severity: "warning", line: 6 });
    expect(result.diagnostics[0].message).toContain("linger.ms");
  });

  it("prints FILE:LINE:COLUMN problems without --json", () => {
    const run = tributary("validate", path.join(dir, "bad.sql"));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`bad\\.sql:6:\\d+: error: `));
  });

  it("explains the plan of a valid script", () => {
    const run = tributary("explain", path.join(dir, "good.sql"));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Sink(table=[default_catalog.default_database.sink]");
    expect(run.stdout).toContain("Values(");
  });

  it("says what is wrong with the command line", () => {
    expect(tributary("validate").status).toBe(2);
    expect(tributary("validate").stderr).toContain("name at least one FILE");
    const missing = tributary("validate", path.join(dir, "nope.sql"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no such file");
    expect(tributary("validate", "--help").stdout).toContain("Usage: tributary validate");
  });

  it("knows the classes of --resource modules and ADD JAR jars", { timeout: 120_000 }, async () => {
    await fs.writeFile(
      path.join(dir, "mod3.mjs"),
      "export class Mod3 { partition(r, k, v, t, p) { return p[0]; } }\nexport const notOne = 1;",
    );
    const jar = await buildJar(
      {
        "com/acme/Mod2.java": `package com.acme;
          public class Mod2 implements org.apache.flink.connector.kafka.sink.KafkaPartitioner<Object> {
            public int partition(Object r, byte[] k, byte[] v, String t, int[] p) { return p[0]; }
          }`,
      },
      await flinkApiClasspath(),
    );
    await fs.writeFile(path.join(dir, "mod2.jar"), jar);
    const using = (className: string, prelude = "") =>
      prelude +
      GOOD.replace("'format' = 'json'", `'format' = 'json', 'sink.partitioner' = '${className}'`);
    await fs.writeFile(path.join(dir, "js.sql"), using("Mod3"));
    await fs.writeFile(path.join(dir, "not-one.sql"), using("notOne"));
    await fs.writeFile(path.join(dir, "jar.sql"), using("com.acme.Mod2", "ADD JAR 'mod2.jar';\n"));
    const js = path.join(dir, "js.sql");
    const mod3 = path.join(dir, "mod3.mjs");

    await fs.writeFile(path.join(dir, "typo.sql"), using("Mod4"));
    const unattached = tributary("validate", "--resource", mod3, path.join(dir, "typo.sql"));
    expect(unattached.status).toBe(1);
    expect(unattached.stdout).toContain(
      "error: Could not find and instantiate partitioner class 'Mod4'. Did you mean 'Mod3'?",
    );
    const attached = tributary("validate", "--resource", mod3, js);
    expect(attached.stdout).toBe(`${js}: ok\n`);
    expect(attached.status).toBe(0);
    const notOne = tributary("validate", "--resource", mod3, path.join(dir, "not-one.sql"));
    expect(notOne.status).toBe(1);
    expect(notOne.stdout).toContain(
      "error: Sink partitioner class 'notOne' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner",
    );
    const byAddJar = tributary("validate", path.join(dir, "jar.sql"));
    expect(byAddJar.stdout).toBe(`${path.join(dir, "jar.sql")}: ok\n`);
    const wrongKind = tributary("validate", "--resource", path.join(dir, "js.sql"), js);
    expect(wrongKind.status).toBe(1);
    expect(wrongKind.stderr).toContain(
      "a resource is a Java archive (.jar) or a JavaScript module (.js, .mjs)",
    );
  });
});
