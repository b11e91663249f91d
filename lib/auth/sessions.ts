/**
 * Browser sessions: the cookie holds a random token, the database its hash, expiry and revocation.
 * Signing out revokes the row, so a copied cookie stops working too.
 */
import { prisma } from "@/lib/db/prisma";
import { NotFound } from "@/lib/domain-errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashSecretToken, newSecretToken } from "./secret-token";
import type { SessionSummary } from "./schemas";

export const SESSION_COOKIE = "tributary_session";
export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export async function createSession(
  userId: string,
  meta: { userAgent?: string | null; address?: string | null } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken("trs_");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  // Sessions past their expiry are of no use; those revoked are kept a while for the record.
  await prisma().session.deleteMany({
    where: { userId, expiresAt: { lt: new Date(Date.now() - SESSION_TTL_MS) } },
  });
  await prisma().session.create({
    data: {
      userId,
      tokenHash: hashSecretToken(token),
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      address: meta.address?.slice(0, 100) ?? null,
    },
  });
  return { token, expiresAt };
}

/** The signed-in user behind a cookie's token, or null when unknown, expired, revoked or disabled. */
export async function findSessionUser(token: string) {
  if (!token.startsWith("trs_")) return null;
  const session = await prisma().session.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    include: { user: true },
  });
  const now = new Date();
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabledAt) {
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await prisma().session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return { sessionId: session.id, user: session.user };
}

export async function revokeSession(token: string): Promise<void> {
  await prisma().session.updateMany({
    where: { tokenHash: hashSecretToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/** A signed-in browser as its user sees it in the session list (never the token or its hash). */
export type { SessionSummary };

const active = (): Prisma.SessionWhereInput => ({ revokedAt: null, expiresAt: { gt: new Date() } });

/** The user's sessions that still work, the most recently used first. */
export async function listActiveSessions(
  userId: string,
  currentId: string | null,
): Promise<SessionSummary[]> {
  const rows = await prisma().session.findMany({
    where: { userId, ...active() },
    orderBy: { lastSeenAt: "desc" },
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    userAgent: r.userAgent,
    address: r.address,
    current: r.id === currentId,
  }));
}

/** Revokes one of the user's own sessions; another user's id is as unknown as a made-up one. */
export async function revokeOwnSession(userId: string, sessionId: string): Promise<void> {
  const { count } = await prisma().session.updateMany({
    where: { id: sessionId, userId, ...active() },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new NotFound(`Session '${sessionId}' was not found.`);
}

/**
 * Signs a user out everywhere: revokes all their sessions, or all but `exceptId` (the one asking).
 * Also what an admin's "sign out everywhere", a password reset and a role change do. `tx` lets a
 * caller do it in the transaction that changed the user.
 */
export async function revokeUserSessions(
  userId: string,
  opts: { exceptId?: string | null; tx?: Prisma.TransactionClient } = {},
): Promise<number> {
  const { count } = await (opts.tx ?? prisma()).session.updateMany({
    where: {
      userId,
      revokedAt: null,
      ...(opts.exceptId ? { id: { not: opts.exceptId } } : {}),
    },
    data: { revokedAt: new Date() },
  });
  return count;
}

function cookie(value: string, maxAgeS: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeS}`,
    ...(maxAgeS > 0 ? [] : ["Expires=Thu, 01 Jan 1970 00:00:00 GMT"]),
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return cookie(token, Math.floor((expiresAt.getTime() - Date.now()) / 1000), secure);
}

export function clearedSessionCookie(secure: boolean): string {
  return cookie("", 0, secure);
}

/** The session token a request's Cookie header carries, if any. */
export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}
