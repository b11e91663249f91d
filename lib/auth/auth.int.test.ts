import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { createUser, updateUser } from "./users";
import { SESSION_COOKIE } from "./sessions";
import { createApiToken, revokeApiToken } from "./api-tokens";
import { completeSetup, ensureFirstAdmin } from "./first-admin";
import { hashSecretToken } from "./secret-token";
import { SIGN_IN_LIMITS } from "./sign-in";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { sameOriginHeaders } from "@/lib/api/testing/route-request";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { GET as usersRoute } from "@/app/api/users/route";
import { GET as healthRoute } from "@/app/api/health/route";

afterAll(() => disconnectPrisma());

const noParams = { params: Promise.resolve({}) };
const PASSWORD = "correct-horse-battery";

function req(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  return new Request(`http://localhost:3000${url}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...sameOriginHeaders(),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function newAdmin() {
  const email = `auth-${randomUUID().slice(0, 8)}@tributary.test`;
  const user = await createUser({ email, role: "admin", password: PASSWORD });
  return { email, user };
}

async function signIn(email: string, password = PASSWORD, address: string = randomUUID()) {
  return signInRoute(
    req("/api/auth/sign-in", {
      body: { email, password },
      // What the console's server stamps from the socket (lib/devstack/console-server.ts).
      headers: { [CLIENT_ADDRESS_HEADER]: address },
    }),
    noParams,
  );
}

function cookieOf(res: Response): string {
  const header = res.headers.get("set-cookie") ?? "";
  return header.split(";")[0];
}

describe("sign-in and sessions", () => {
  it("signs in with a password into an HttpOnly, SameSite=Lax cookie that expires; signing out revokes it", async () => {
    const { email } = await newAdmin();
    const res = await signIn(email.toUpperCase());
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=trs_`));
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toMatch(/Max-Age=6047\d\d/);
    const cookie = cookieOf(res);
    expect((await usersRoute(req("/api/users", { headers: { cookie } }), noParams)).status).toBe(
      200,
    );

    const out = await signOutRoute(
      req("/api/auth/sign-out", { method: "POST", headers: { cookie } }),
      noParams,
    );
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    // The server forgot the session: the same cookie no longer works.
    expect((await usersRoute(req("/api/users", { headers: { cookie } }), noParams)).status).toBe(
      401,
    );
  });

  it("refuses a wrong password, a tampered cookie and an expired session", async () => {
    const { email, user } = await newAdmin();
    const wrong = await signIn(email, "not-the-password");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const cookie = cookieOf(await signIn(email));
    const last = cookie.at(-1) === "A" ? "B" : "A";
    const tampered = cookie.slice(0, -1) + last;
    expect(
      (await usersRoute(req("/api/users", { headers: { cookie: tampered } }), noParams)).status,
    ).toBe(401);

    await prisma().session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await usersRoute(req("/api/users", { headers: { cookie } }), noParams)).status).toBe(
      401,
    );
  });

  it("stores no session token, only its hash", async () => {
    const { email, user } = await newAdmin();
    const token = cookieOf(await signIn(email)).split("=")[1];
    const rows = await prisma().session.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.tokenHash)).toEqual([hashSecretToken(token)]);
    const stored = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(rows) + JSON.stringify(stored)).not.toContain(PASSWORD);
  });

  it("disabling a user or resetting the password ends their sessions", async () => {
    const { email, user } = await newAdmin();
    await newAdmin(); // so that disabling does not remove the last admin
    const cookie = cookieOf(await signIn(email));
    await updateUser(user.id, { password: "another-long-password" });
    expect((await usersRoute(req("/api/users", { headers: { cookie } }), noParams)).status).toBe(
      401,
    );
    expect((await signIn(email)).status).toBe(401);
    const again = cookieOf(await signIn(email, "another-long-password"));
    await updateUser(user.id, { disabled: true });
    expect(
      (await usersRoute(req("/api/users", { headers: { cookie: again } }), noParams)).status,
    ).toBe(401);
    expect((await signIn(email, "another-long-password")).status).toBe(401);
  });

  it("rate-limits failed sign-ins per account: past the limit even the right password waits", async () => {
    const { email } = await newAdmin();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect((await signIn(email, "wrong-password-x")).status).toBe(401);
    }
    const limited = await signIn(email);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("rate-limits failed sign-ins per address across accounts", async () => {
    const address = `10.0.0.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await signIn(`nobody-${i}-${randomUUID()}@tributary.test`, "wrong-password-x", address);
    }
    const { email } = await newAdmin();
    expect((await signIn(email, PASSWORD, address)).status).toBe(429);
    expect((await signIn(email, PASSWORD, "10.1.1.1")).status).toBe(200);
  });

  it("will not remove the last admin", async () => {
    const admins = await prisma().user.findMany({ where: { role: "admin", disabledAt: null } });
    // Demote all but one, then the last one refuses.
    const keep = admins[0];
    for (const a of admins.slice(1)) await updateUser(a.id, { role: "editor" });
    await expect(updateUser(keep.id, { role: "viewer" })).rejects.toThrow(/only admin/);
    await expect(updateUser(keep.id, { disabled: true })).rejects.toThrow(/only admin/);
    for (const a of admins.slice(1)) await updateUser(a.id, { role: "admin" });
  });
});

describe("API tokens", () => {
  it("act as their user with at most their role; revoked tokens are refused", async () => {
    const { user } = await newAdmin();
    const admin = await createApiToken({ userId: user.id, name: "ci" });
    const viewer = await createApiToken({ userId: user.id, name: "read", role: "viewer" });
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    expect(
      (await usersRoute(req("/api/users", { headers: bearer(admin.token) }), noParams)).status,
    ).toBe(200);
    expect(
      (await usersRoute(req("/api/users", { headers: bearer(viewer.token) }), noParams)).status,
    ).toBe(403);
    const health = await healthRoute(
      req("/api/health", { headers: bearer(viewer.token) }),
      noParams,
    );
    expect((await health.json()).components).toBeDefined();

    await revokeApiToken(admin.summary.id);
    const revoked = await usersRoute(req("/api/users", { headers: bearer(admin.token) }), noParams);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).detail).toContain("not valid");
    const stored = await prisma().apiToken.findUniqueOrThrow({ where: { id: admin.summary.id } });
    expect(stored.tokenHash).toBe(hashSecretToken(admin.token));
    expect(JSON.stringify(stored)).not.toContain(admin.token);
  });

  it("cannot have more rights than their creator", async () => {
    const viewer = await createUser({
      email: `v-${randomUUID().slice(0, 8)}@tributary.test`,
      role: "viewer",
    });
    await expect(createApiToken({ userId: viewer.id, name: "x", role: "admin" })).rejects.toThrow(
      /at most viewer/,
    );
  });

  it("a token's rights follow its user's role down", async () => {
    const { user } = await newAdmin();
    const { token } = await createApiToken({ userId: user.id, name: "ci" });
    await updateUser(user.id, { role: "viewer" });
    const res = await usersRoute(
      req("/api/users", { headers: { authorization: `Bearer ${token}` } }),
      noParams,
    );
    expect(res.status).toBe(403);
  });
});

describe("health for anonymous callers", () => {
  it("says only whether the console is healthy", async () => {
    const res = await healthRoute(req("/api/health"), noParams);
    expect(Object.keys(await res.json())).toEqual(["ok"]);
  });
});

describe("first admin", () => {
  it("leaves an install with an admin alone", async () => {
    await newAdmin();
    expect(await ensureFirstAdmin({ publicUrl: "http://localhost:3000", env: {} })).toEqual({
      kind: "exists",
    });
  });

  it("setup links are single-use, expire, and do nothing once an admin exists", async () => {
    const token = `tsu_${randomUUID()}`;
    await prisma().setupToken.create({
      data: { tokenHash: hashSecretToken(token), expiresAt: new Date(Date.now() - 1) },
    });
    await expect(completeSetup({ token, email: "x@y.z", password: PASSWORD })).rejects.toThrow(
      /expired/,
    );
    const fresh = `tsu_${randomUUID()}`;
    await prisma().setupToken.create({
      data: { tokenHash: hashSecretToken(fresh), expiresAt: new Date(Date.now() + 60_000) },
    });
    await newAdmin();
    await expect(
      completeSetup({ token: fresh, email: "x@y.z", password: PASSWORD }),
    ).rejects.toThrow(/already exists/);
    await prisma().setupToken.deleteMany({});
  });
});
