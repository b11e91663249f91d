/**
 * The per-address sign-in limit against the real web process (lib/devstack/console-server.ts
 * around the production build): a client that writes its own X-Forwarded-For (or the private
 * client-address header) still counts as its socket's address; a proxy named in TRUSTED_PROXIES
 * is believed. Loopback has many addresses, so 127.0.0.2 plays the trusted proxy and 127.0.0.1
 * an ordinary client of the same server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/net/ports";
import { SIGN_IN_LIMITS } from "./sign-in";
import { CLIENT_ADDRESS_HEADER } from "./client-address";

const root = path.resolve(import.meta.dirname, "../..");
let port = 0;
let server: ChildProcess | undefined;
let output = "";

beforeAll(async () => {
  port = await findFreePort();
  server = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "lib/devstack/console-server.ts"), "-p", String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        TRIBUTARY_ROOT: root,
        TRUSTED_PROXIES: "127.0.0.2",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  server.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!/listening on/.test(output)) {
    if (server.exitCode !== null) throw new Error(`the server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
});

/** A failed sign-in (an account nobody has, so only the address limit can trip) from `from`. */
function signIn(from: string, headers: Record<string, string> = {}): Promise<number> {
  const body = JSON.stringify({
    email: `nobody-${randomUUID()}@tributary.test`,
    password: "wrong-password-x",
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        localAddress: from,
        method: "POST",
        path: "/api/auth/sign-in",
        headers: {
          host: `127.0.0.1:${port}`,
          origin: `http://127.0.0.1:${port}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the per-address sign-in limit", () => {
  it("counts an untrusted peer by its socket, whatever X-Forwarded-For it sends", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      statuses.push(
        await signIn("127.0.0.1", {
          "x-forwarded-for": `198.51.100.${i}`,
          [CLIENT_ADDRESS_HEADER]: `203.0.113.${i}`,
        }),
      );
    }
    expect(
      statuses.every((s) => s === 401),
      statuses.join(","),
    ).toBe(true);
    // A new forged address each time did not make a new client: the limit holds.
    expect(await signIn("127.0.0.1", { "x-forwarded-for": "198.51.100.250" })).toBe(429);
    expect(await signIn("127.0.0.1", { [CLIENT_ADDRESS_HEADER]: "203.0.113.250" })).toBe(429);
  }, 120_000);

  it("believes X-Forwarded-For from a trusted proxy: each client it names has its own limit", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      expect(await signIn("127.0.0.2", { "x-forwarded-for": "198.51.100.77" })).toBe(401);
    }
    expect(await signIn("127.0.0.2", { "x-forwarded-for": "198.51.100.77" })).toBe(429);
    // Another client behind the same proxy, and one that wrote a forged hop before it.
    expect(await signIn("127.0.0.2", { "x-forwarded-for": "198.51.100.78" })).toBe(401);
    expect(await signIn("127.0.0.2", { "x-forwarded-for": "198.51.100.77, 198.51.100.79" })).toBe(
      401,
    );
  }, 120_000);
});
