/**
 * Every method of every app/api/**\/route.ts, called anonymously and as a viewer, an editor and an
 * admin with real session cookies: each must go through route() with an access rule, refuse
 * anonymous callers (401) and too-low roles (403) and let the others through. A route added
 * without an access rule, or with `public` outside the short list below, fails here.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { roleAtLeast, ROLES, type Role } from "@/lib/auth/roles";
import { sameOriginHeaders } from "@/lib/api/testing/route-request";
import { disconnectPrisma } from "@/lib/db/prisma";
import type { RouteHandler } from "@/lib/api/route";

/** The only routes anyone may call before signing in. (503: health without a worker running.) */
const PUBLIC_ROUTES = new Set([
  "GET /api/health",
  "GET /api/auth/session",
  "POST /api/auth/sign-in",
  "POST /api/auth/sign-out",
  "POST /api/auth/setup",
]);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const apiDir = path.join(import.meta.dirname);
const routeFiles = (fs.readdirSync(apiDir, { recursive: true }) as string[])
  .filter((f) => /(^|\/)route\.ts$/.test(f))
  .sort();

interface RouteMethod {
  name: string;
  url: string;
  params: Record<string, string>;
  handler: RouteHandler;
}

async function loadRoutes(): Promise<RouteMethod[]> {
  const found: RouteMethod[] = [];
  for (const file of routeFiles) {
    const mod = (await import(path.join(apiDir, file))) as Record<string, unknown>;
    const segments = path
      .dirname(file)
      .split(path.sep)
      .filter((s) => s !== ".");
    const params: Record<string, string> = {};
    const urlPath = segments.map((s) => {
      const m = /^\[(\.\.\.)?(.+)\]$/.exec(s);
      if (!m) return s;
      // A well-formed id of nothing, so handlers that run find nothing and change nothing.
      params[m[2]] = m[2] === "id" || m[2].endsWith("Id") ? randomUUID() : `matrix_${m[2]}`;
      return params[m[2]];
    });
    for (const method of METHODS) {
      if (!(method in mod)) continue;
      const routePath = `/api/${segments.join("/")}`;
      found.push({
        name: `${method} ${routePath}`,
        url: `http://localhost/api/${urlPath.join("/")}`,
        params,
        handler: mod[method] as RouteHandler,
      });
    }
  }
  return found;
}

const cookies = new Map<Role, string>();
let routes: RouteMethod[] = [];

beforeAll(async () => {
  routes = await loadRoutes();
  const run = randomUUID().slice(0, 8);
  for (const role of ROLES) {
    const user = await createUser({ email: `matrix-${role}-${run}@tributary.test`, role });
    cookies.set(role, user.id);
  }
});
afterAll(() => disconnectPrisma());

async function call(r: RouteMethod, who: Role | "anonymous"): Promise<Response> {
  const method = r.name.split(" ")[0];
  const headers: Record<string, string> = { ...sameOriginHeaders() };
  if (who !== "anonymous") {
    // A fresh session per call: sign-out revokes the one it is called with.
    const { token } = await createSession(cookies.get(who)!);
    headers.cookie = `${SESSION_COOKIE}=${token}`;
  }
  const hasBody = !["GET", "HEAD", "OPTIONS", "DELETE"].includes(method);
  if (hasBody) headers["content-type"] = "application/json";
  const res = await r.handler(
    new Request(r.url.replace("http://localhost", `http://${headers.host}`), {
      method,
      headers,
      body: hasBody ? "{}" : undefined,
    }),
    { params: Promise.resolve(r.params) },
  );
  if (res.headers.get("content-type")?.includes("text/event-stream")) await res.body?.cancel();
  return res;
}

describe("route × role matrix", () => {
  it("finds the route files", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
    expect(routeFiles).toContain(path.join("health", "route.ts"));
  });

  it("every exported method goes through route() with an access rule", async () => {
    for (const r of routes) {
      expect(["public", "viewer", "editor", "admin"], r.name).toContain(r.handler.access);
      if (r.handler.access === "public") expect(PUBLIC_ROUTES, r.name).toContain(r.name);
    }
    for (const name of PUBLIC_ROUTES) {
      expect(routes.map((r) => r.name)).toContain(name);
    }
  });

  it("refuses anonymous callers and too-low roles, lets the others through", async () => {
    const problems: string[] = [];
    for (const r of routes) {
      const access = r.handler.access;
      for (const who of ["anonymous", ...ROLES] as const) {
        const status = (await call(r, who)).status;
        const expected =
          access === "public"
            ? "through"
            : who === "anonymous"
              ? 401
              : roleAtLeast(who, access)
                ? "through"
                : 403;
        const ok =
          expected === "through"
            ? ![401, 403].includes(status) && (status < 500 || status === 503)
            : status === expected;
        if (!ok) problems.push(`${r.name} as ${who}: ${status}, expected ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
