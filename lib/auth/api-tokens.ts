/**
 * API tokens for the CLI and CI: `Authorization: Bearer trt_…`. The token is shown once at
 * creation; the database keeps its hash and first characters. A token acts with the lower of its
 * own role and its user's current role.
 */
import { prisma } from "@/lib/db/prisma";
import { Conflict, Forbidden, NotFound } from "@/lib/domain-errors";
import { hashSecretToken, newSecretToken } from "./secret-token";
import { lowerRole, roleAtLeast, type Role } from "./roles";
import type { ApiTokenSummary } from "./schemas";

export type { ApiTokenSummary };

export async function createApiToken(input: {
  userId: string;
  name: string;
  role?: Role;
  /** The creator's own role when it is lower than the user's (a token making a token). */
  maxRole?: Role;
}): Promise<{ token: string; summary: ApiTokenSummary }> {
  const user = await prisma().user.findUnique({ where: { id: input.userId } });
  if (!user) throw new NotFound(`User '${input.userId}' was not found.`);
  if (user.disabledAt) throw new Conflict(`User '${user.email}' is disabled.`);
  const ceiling = input.maxRole ? lowerRole(input.maxRole, user.role) : user.role;
  const role = input.role ?? ceiling;
  if (!roleAtLeast(ceiling, role)) {
    throw new Forbidden(`A token cannot have more rights than its creator (at most ${ceiling}).`, [
      { path: "role", message: `at most ${ceiling}` },
    ]);
  }
  const token = newSecretToken("trt_");
  const row = await prisma().apiToken.create({
    data: {
      userId: user.id,
      name: input.name.trim() || "token",
      role,
      tokenHash: hashSecretToken(token),
      prefix: token.slice(0, 10),
    },
    include: { user: { select: { email: true } } },
  });
  return { token, summary: summarize(row) };
}

function summarize(row: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { email: string };
}): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    userEmail: row.user.email,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revoked: row.revokedAt !== null,
  };
}

/** Tokens of one user, or of everyone when userId is undefined (admins, the CLI). */
export async function listApiTokens(filter: { userId?: string } = {}): Promise<ApiTokenSummary[]> {
  const rows = await prisma().apiToken.findMany({
    where: filter.userId ? { userId: filter.userId } : {},
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(summarize);
}

/** Revokes a token; with userId, only one of that user's. */
export async function revokeApiToken(id: string, filter: { userId?: string } = {}): Promise<void> {
  const { count } = await prisma().apiToken.updateMany({
    where: { id, ...(filter.userId ? { userId: filter.userId } : {}), revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    const exists = await prisma().apiToken.findFirst({
      where: { id, ...(filter.userId ? { userId: filter.userId } : {}) },
    });
    if (!exists) throw new NotFound(`API token '${id}' was not found.`);
  }
}

/** The user and effective role behind a bearer token, or null when it is not a valid token. */
export async function findTokenUser(token: string) {
  if (!token.startsWith("trt_")) return null;
  const row = await prisma().apiToken.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    include: { user: true },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabledAt) {
    return null;
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, user: row.user, role: lowerRole(row.role, row.user.role) };
}
