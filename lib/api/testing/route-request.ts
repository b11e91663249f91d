/**
 * Calls a route handler the way Next.js does, for tests: a Request with a JSON body and the
 * route's path parameters, sent to the console's own address from its own origin, as a signed-in
 * admin unless `as` says otherwise (`as: "anonymous"` sends no credentials). Tests need not sign
 * in: the session is handed to the route wrapper directly (lib/api/session.ts, only under Vitest).
 * Under the integration stage (DATABASE_URL set) the user is a real row, `test-<role>@tributary.test`.
 */
import { testSessions, type Session } from "@/lib/api/session";
import { consoleOrigins } from "@/lib/auth/console-origin";
import type { Role } from "@/lib/auth/roles";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface CallRouteOptions {
  method?: string;
  url?: string;
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** Who calls: a role (default admin) or "anonymous". */
  as?: Role | "anonymous";
}

const UNIT_USER_IDS: Record<Role, string> = {
  viewer: "00000000-0000-4000-8000-00000000000a",
  editor: "00000000-0000-4000-8000-00000000000b",
  admin: "00000000-0000-4000-8000-00000000000c",
};

const testUsers = new Map<Role, Promise<string>>();

/** The id of the test user of a role: a real row when a database is configured. */
export function testUserId(role: Role): Promise<string> {
  if (!process.env.DATABASE_URL) return Promise.resolve(UNIT_USER_IDS[role]);
  let id = testUsers.get(role);
  if (!id) {
    id = (async () => {
      const { prisma } = await import("@/lib/db/prisma");
      const email = `test-${role}@tributary.test`;
      const user = await prisma().user.upsert({
        where: { email },
        create: { email, displayName: `Test ${role}`, role },
        update: { role, disabledAt: null },
      });
      return user.id;
    })();
    id.catch(() => testUsers.delete(role));
    testUsers.set(role, id);
  }
  return id;
}

export async function testSession(role: Role): Promise<Session> {
  return {
    anonymous: false,
    userId: await testUserId(role),
    email: `test-${role}@tributary.test`,
    role,
    via: "session",
    credentialId: "00000000-0000-4000-8000-000000000000",
  };
}

/** The headers a same-origin browser request to the console carries. */
export function sameOriginHeaders(): Record<string, string> {
  const url = new URL(consoleOrigins().publicUrl);
  return { host: url.host, origin: url.origin, "sec-fetch-site": "same-origin" };
}

export async function callRoute(handler: Handler, opts: CallRouteOptions = {}): Promise<Response> {
  const request = new Request(opts.url ?? "http://test/api", {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    headers: {
      ...sameOriginHeaders(),
      ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
      ...opts.headers,
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const as = opts.as ?? "admin";
  if (as !== "anonymous") testSessions.set(request, await testSession(as));
  return handler(request, { params: Promise.resolve(opts.params ?? {}) });
}

/**
 * A Request of the test's own making (streamed bodies, abort signals) sent as `callRoute` sends
 * one: to the console's own address from its own origin, as a signed-in admin by default.
 */
export async function signedRequest(
  url: string,
  init: RequestInit = {},
  as: Role | "anonymous" = "admin",
): Promise<Request> {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(sameOriginHeaders())) if (!headers.has(k)) headers.set(k, v);
  const request = new Request(url, { ...init, headers });
  if (as !== "anonymous") testSessions.set(request, await testSession(as));
  return request;
}
