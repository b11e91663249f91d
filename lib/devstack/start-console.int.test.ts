import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
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

const dataDir = path.resolve(root, process.env.TRIBUTARY_DATA_DIR ?? ".data");
const stateFile = path.join(dataDir, "servers.json");

function get(port: number, urlPath: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: urlPath, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () =>
        resolve({ status: res.statusCode!, body, location: res.headers.location }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** The real server: pages need sign-in, other Hosts and cross-site posts are refused. */
async function expectSignInAndHostChecks(port: number) {
  const own = `127.0.0.1:${port}`;
  const page = await get(port, "/jobs", { host: own });
  expect(page.status).toBe(307);
  expect(page.location).toContain("/sign-in?next=%2Fjobs");
  expect((await get(port, "/sign-in", { host: own })).status).toBe(200);
  for (const urlPath of ["/api/health", "/sign-in", "/jobs"]) {
    const rebound = await get(port, urlPath, { host: "evil.example" });
    expect(rebound.status, urlPath).toBe(421);
  }
  expect((await get(port, "/api/jobs", { host: own })).status).toBe(401);
  expect((await get(port, "/api/events", { host: own })).status).toBe(401);
  const csrf = await fetch(`http://${own}/api/jobs`, {
    method: "POST",
    headers: { "content-type": "text/plain", origin: "http://evil.example" },
    body: '{"name":"x","sql":"x"}',
  });
  expect(csrf.status).toBe(415);
}

/** `tributary users` and `tokens` find the start's database through its state file. */
async function expectCliAgainstRunningStart(port: number) {
  expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);
  const cli = (args: string[], env: Record<string, string> = {}, input?: string) =>
    spawnSync(process.execPath, [path.join(root, "bin/tributary.mjs"), ...args], {
      cwd: root,
      encoding: "utf8",
      input,
      env: { ...process.env, DATABASE_URL: "", ...env },
    });
  const email = `cli-${randomUUID().slice(0, 8)}@tributary.test`;
  const added = cli(
    ["users", "add", email, "--role", "editor", "--password-stdin"],
    {},
    "cli-password-123\n",
  );
  expect(added.stderr).toBe("");
  expect(added.stdout).toContain(`added ${email} (editor)`);
  const created = cli(["tokens", "create", "--user", email, "--name", "ci", "--role", "viewer"]);
  expect(created.status, created.stderr).toBe(0);
  const token = created.stdout.trim().split("\n").at(-1)!;
  expect(token).toMatch(/^trt_/);

  const url = `http://127.0.0.1:${port}`;
  const detailed = cli(["health", "--url", url], { TRIBUTARY_TOKEN: token });
  expect(detailed.stdout).toMatch(/^ok {2}\s+database/m);
  const anonymous = cli(["health", "--url", url]);
  expect(anonymous.stdout).toMatch(/^ok {2}\s+console/m);
  expect(anonymous.status).toBe(0);

  const listed = cli(["tokens", "list", "--user", email]);
  const id = listed.stdout.split("\t")[0];
  expect(listed.stdout).toContain("\tci\tviewer\t");
  expect(listed.stdout).not.toContain(token);
  expect(cli(["tokens", "revoke", id]).status).toBe(0);
  const refused = cli(["health", "--url", url], { TRIBUTARY_TOKEN: token });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("refused TRIBUTARY_TOKEN");
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
    // Anonymous callers learn only whether it is healthy.
    expect(await health.json()).toEqual({ ok: true });
    await expectSignInAndHostChecks(port);
    await expectCliAgainstRunningStart(port);

    const stoppedAt = Date.now();
    process.kill(-run.child.pid!, "SIGINT");
    expect(await run.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(30_000);
    expect(run.output()).toContain("[tributary] stopped");
    expect(fs.existsSync(stateFile)).toBe(false);
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
