/**
 * The session list and signing out everywhere, through the routes with real session cookies:
 * a user sees and revokes only their own sessions; "sign out everywhere" keeps the current one
 * or not; an admin ends all of a user's sessions, as a password reset and a role change do.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma } from "@/lib/db/prisma";
import { sameOriginHeaders } from "@/lib/api/testing/route-request";
import { createUser, updateUser } from "./users";
import { createSession, SESSION_COOKIE } from "./sessions";
import type { Role } from "./roles";
import { GET as listRoute, DELETE as signOutEverywhereRoute } from "@/app/api/auth/sessions/route";
import { DELETE as revokeRoute } from "@/app/api/auth/sessions/[id]/route";
import { DELETE as adminRevokeRoute } from "@/app/api/users/[id]/sessions/route";
import { GET as whoRoute } from "@/app/api/auth/session/route";
import { PATCH as patchUserRoute } from "@/app/api/users/[id]/route";

afterAll(() => disconnectPrisma());

async function newUser(role: Role = "viewer") {
  return createUser({
    email: `sessions-${randomUUID().slice(0, 8)}@tributary.test`,
    role,
    password: "correct-horse-battery",
  });
}

/** A signed-in browser of the user: its cookie header. */
async function browser(userId: string, userAgent = "TestBrowser/1.0", address = "192.0.2.10") {
  const { token } = await createSession(userId, { userAgent, address });
  return `${SESSION_COOKIE}=${token}`;
}

function call(
  handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  cookie: string,
  opts: { method?: string; url?: string; params?: Record<string, string>; body?: unknown } = {},
) {
  return handler(
    new Request(`http://localhost:3000${opts.url ?? "/api/auth/sessions"}`, {
      method: opts.method ?? "GET",
      headers: {
        ...sameOriginHeaders(),
        cookie,
        ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
}

async function signedIn(cookie: string): Promise<boolean> {
  const body = (await (await call(whoRoute, cookie, { url: "/api/auth/session" })).json()) as {
    user: unknown;
  };
  return body.user !== null;
}

type Listed = Array<{
  id: string;
  current: boolean;
  userAgent: string | null;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
}>;

async function list(cookie: string): Promise<Listed> {
  const res = await call(listRoute, cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { sessions: Listed }).sessions;
}

describe("sessions", () => {
  it("lists the user's own active sessions with created, last seen, user agent and address", async () => {
    const user = await newUser();
    const other = await newUser();
    const here = await browser(user.id, "Firefox/140", "192.0.2.1");
    await browser(user.id, "Chromium/141", "192.0.2.2");
    await browser(other.id, "Elsewhere/1", "192.0.2.3");
    const sessions = await list(here);
    expect(sessions).toHaveLength(2);
    const current = sessions.find((s) => s.current)!;
    expect(current).toMatchObject({ userAgent: "Firefox/140", address: "192.0.2.1" });
    expect(sessions.find((s) => !s.current)).toMatchObject({
      userAgent: "Chromium/141",
      address: "192.0.2.2",
    });
    expect(Date.parse(current.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(current.lastSeenAt)).toBeGreaterThan(Date.now() - 60_000);
    // Nothing that could act as the session leaves the server.
    expect(JSON.stringify(sessions)).not.toMatch(/trs_|tokenHash/);
  });

  it("revokes one of the user's sessions, but not another user's", async () => {
    const user = await newUser();
    const other = await newUser();
    const here = await browser(user.id);
    const there = await browser(user.id);
    const theirs = await browser(other.id);
    const thereId = (await list(here)).find((s) => !s.current)!.id;
    const theirId = (await list(theirs))[0].id;

    const refused = await call(revokeRoute, here, {
      method: "DELETE",
      params: { id: theirId },
      url: `/api/auth/sessions/${theirId}`,
    });
    expect(refused.status).toBe(404);
    expect(await signedIn(theirs)).toBe(true);

    const res = await call(revokeRoute, here, {
      method: "DELETE",
      params: { id: thereId },
      url: `/api/auth/sessions/${thereId}`,
    });
    expect(res.status).toBe(200);
    expect(await signedIn(there)).toBe(false);
    expect(await signedIn(here)).toBe(true);
  });

  it("signs out everywhere else, or everywhere", async () => {
    const user = await newUser();
    const here = await browser(user.id);
    const a = await browser(user.id);
    const b = await browser(user.id);
    const others = await call(signOutEverywhereRoute, here, {
      method: "DELETE",
      url: "/api/auth/sessions?keep=current",
    });
    expect(await others.json()).toEqual({ revoked: 2 });
    expect(others.headers.get("set-cookie")).toBeNull();
    expect([await signedIn(here), await signedIn(a), await signedIn(b)]).toEqual([
      true,
      false,
      false,
    ]);

    const c = await browser(user.id);
    const all = await call(signOutEverywhereRoute, here, { method: "DELETE" });
    expect(await all.json()).toEqual({ revoked: 2 });
    expect(all.headers.get("set-cookie")).toContain("Max-Age=0");
    expect([await signedIn(here), await signedIn(c)]).toEqual([false, false]);
  });

  it("an admin ends all of a user's sessions; a password reset and a role change do too", async () => {
    const admin = await newUser("admin");
    const adminCookie = await browser(admin.id);
    const user = await newUser("editor");

    const a = await browser(user.id);
    const b = await browser(user.id);
    const res = await call(adminRevokeRoute, adminCookie, {
      method: "DELETE",
      params: { id: user.id },
      url: `/api/users/${user.id}/sessions`,
    });
    expect(await res.json()).toEqual({ revoked: 2 });
    expect([await signedIn(a), await signedIn(b)]).toEqual([false, false]);
    expect(await signedIn(adminCookie)).toBe(true);

    // Only admins may; an unknown user is a 404.
    const editorCookie = await browser(user.id);
    expect(
      (
        await call(adminRevokeRoute, editorCookie, {
          method: "DELETE",
          params: { id: admin.id },
          url: `/api/users/${admin.id}/sessions`,
        })
      ).status,
    ).toBe(403);
    const unknown = randomUUID();
    expect(
      (
        await call(adminRevokeRoute, adminCookie, {
          method: "DELETE",
          params: { id: unknown },
          url: `/api/users/${unknown}/sessions`,
        })
      ).status,
    ).toBe(404);

    const patch = (body: unknown) =>
      call(patchUserRoute, adminCookie, {
        method: "PATCH",
        params: { id: user.id },
        url: `/api/users/${user.id}`,
        body,
      });
    expect((await patch({ role: "viewer" })).status).toBe(200);
    expect(await signedIn(editorCookie)).toBe(false);

    const beforeReset = await browser(user.id);
    // A password the policy refuses changes nothing and ends nothing.
    const weak = await patch({ password: user.email });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { detail: string }).detail).toContain("email");
    expect(await signedIn(beforeReset)).toBe(true);
    expect((await patch({ password: "a-new-long-password" })).status).toBe(200);
    expect(await signedIn(beforeReset)).toBe(false);

    // Renaming (no role change) keeps sessions.
    const kept = await browser(user.id);
    await updateUser(user.id, { displayName: "Renamed" });
    expect(await signedIn(kept)).toBe(true);
  });
});
