/**
 * Who is calling: a signed-in user (session cookie), an API token (`Authorization: Bearer`), or
 * nobody. Every route goes through lib/api/route.ts, which calls authenticate() and checks the
 * route's access rule against the session's role.
 */
import { findSessionUser, sessionTokenOf } from "@/lib/auth/sessions";
import { findTokenUser } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { ApiError } from "./problem";

export type Session =
  | { anonymous: true; userId: null; email: null; role: null; via: "anonymous" }
  | {
      anonymous: false;
      userId: string;
      email: string;
      role: Role;
      /** How the caller proved who they are: a browser session cookie or an API token. */
      via: "session" | "token";
      /** The Session or ApiToken row's id. */
      credentialId: string;
    };

export type SignedInSession = Extract<Session, { anonymous: false }>;

export const ANONYMOUS: Session = {
  anonymous: true,
  userId: null,
  email: null,
  role: null,
  via: "anonymous",
};

/**
 * Sessions that tests hand to route handlers without signing in (lib/api/testing/route-request.ts).
 * Honoured only under Vitest (NODE_ENV=test); a request from the network cannot reach this map.
 */
export const testSessions = new WeakMap<Request, Session>();

export async function authenticate(request: Request): Promise<Session> {
  if (process.env.NODE_ENV === "test") {
    const injected = testSessions.get(request);
    if (injected) return injected;
  }
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      throw new ApiError(401, "The Authorization header must be 'Bearer <API token>'.");
    }
    const found = await findTokenUser(match[1]);
    if (!found)
      throw new ApiError(401, "The API token is not valid: revoked, expired or mistyped.");
    return {
      anonymous: false,
      userId: found.user.id,
      email: found.user.email,
      role: found.role,
      via: "token",
      credentialId: found.tokenId,
    };
  }
  const token = sessionTokenOf(request);
  if (!token) return ANONYMOUS;
  const found = await findSessionUser(token);
  if (!found) return ANONYMOUS;
  return {
    anonymous: false,
    userId: found.user.id,
    email: found.user.email,
    role: found.user.role,
    via: "session",
    credentialId: found.sessionId,
  };
}
