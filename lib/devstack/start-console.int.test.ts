import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/testing/test-infrastructure";
import { findFreePort as freePort } from "@/lib/net/ports";

const root = path.resolve(import.meta.dirname, "../..");

function startConsole(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [path.join(root, "bin/tributary.mjs"), "start", "--skip-build"],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so the test can send Ctrl-C to all of it
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const waitFor = async (re: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!re.test(output)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; output:\n${output}`);
      if (child.exitCode !== null)
        throw new Error(`exited (${child.exitCode}); output:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

describe("tributary start", () => {
  it("serves a healthy console and stops everything on Ctrl-C", async () => {
    const infra = testInfrastructure();
    const port = await freePort();
    const run = startConsole({
      PORT: String(port),
      DATABASE_URL: infra.databaseUrl,
      KAFKA_BOOTSTRAP_SERVERS: infra.bootstrapServers,
    });
    await run.waitFor(/console ready at http:\/\/localhost:\d+/, 60_000);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);

    const stoppedAt = Date.now();
    process.kill(-run.child.pid!, "SIGINT");
    expect(await run.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(30_000);
    expect(run.output()).toContain("[tributary] stopped");
    // Nothing listens on the console's port any more.
    const listening = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    expect(listening).toBe(false);
  }, 90_000);

  it("says which port is taken instead of failing obscurely", async () => {
    const infra = testInfrastructure();
    const server = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    try {
      const run = startConsole({
        PORT: String(port),
        DATABASE_URL: infra.databaseUrl,
        KAFKA_BOOTSTRAP_SERVERS: infra.bootstrapServers,
      });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(
        `Port ${port} on 127.0.0.1, wanted for the console, is already in use`,
      );
      expect(run.output()).toContain("set PORT to another port");
    } finally {
      server.close();
    }
  }, 30_000);
});
