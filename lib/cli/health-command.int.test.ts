import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const tributary = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(root, "bin/tributary.mjs"), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });

describe("tributary health", () => {
  it("checks the real servers and reports each component, failing when one is down", () => {
    const run = tributary(["health"]);
    expect(run.stdout).toMatch(/^ok {2}\s+database/m);
    expect(run.stdout).toMatch(/^ok {2}\s+kafka\s+brokers 127\.0\.0\.1:\d+/m);
    // Whether a worker of another test file is alive right now is not this test's to know.
    expect(run.stdout).toMatch(/^(ok {2}|FAIL)\s+workers\s+/m);

    // A broker nobody listens on: the kafka component fails, and so does the command.
    const down = tributary(["health"], { KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:1" });
    expect(down.stdout).toMatch(/^ok {2}\s+database/m);
    expect(down.stdout).toMatch(/^FAIL\s+kafka\s+/m);
    expect(down.status).toBe(1);

    const json = JSON.parse(tributary(["health", "--json"]).stdout);
    expect(json.components.database.ok).toBe(true);
    expect(json.components.kafka.brokers.length).toBeGreaterThan(0);
  });

  it("explains a missing configuration instead of failing obscurely", () => {
    const run = tributary(["health"], { DATABASE_URL: "" });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+database\s+.*DATABASE_URL is not set/);
  });

  it("has help and rejects unknown options", () => {
    expect(tributary(["health", "--help"]).stdout).toContain("Usage: tributary health");
    const bad = tributary(["health", "--jsn"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown option --jsn");
  });
});
