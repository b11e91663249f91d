/**
 * Users of the console: an email, a role and an argon2id password hash. Disabling a user,
 * resetting their password or changing their role ends their sessions; a disabled user's API tokens stop working.
 */
import { prisma } from "@/lib/db/prisma";
import { Conflict, NotFound } from "@/lib/domain-errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "./passwords";
import { revokeUserSessions } from "./sessions";
import type { Role } from "./roles";
import type { UserSummary } from "./schemas";

export type { UserSummary };

type UserRow = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
};

function summary(u: UserRow): UserSummary {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function listUsers(): Promise<UserSummary[]> {
  const users = await prisma().user.findMany({ orderBy: { email: "asc" } });
  return users.map(summary);
}

export async function findUserByEmail(email: string) {
  return prisma().user.findUnique({ where: { email: normalizeEmail(email) } });
}

export async function createUser(input: {
  email: string;
  role: Role;
  password?: string;
  displayName?: string;
}): Promise<UserSummary> {
  const email = normalizeEmail(input.email);
  const passwordHash =
    input.password === undefined ? null : await hashPassword(input.password, email);
  try {
    const user = await prisma().user.create({
      data: {
        email,
        displayName: input.displayName?.trim() || email.split("@")[0],
        role: input.role,
        passwordHash,
      },
    });
    return summary(user);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new Conflict(`A user with the email '${email}' already exists.`);
    }
    throw e;
  }
}

/** True once an enabled admin exists: before that, only sign-in and setup are reachable. */
export async function adminExists(): Promise<boolean> {
  return (await prisma().user.count({ where: { role: "admin", disabledAt: null } })) > 0;
}

export async function updateUser(
  id: string,
  change: { role?: Role; disabled?: boolean; password?: string; displayName?: string },
): Promise<UserSummary> {
  // Hashed before the transaction (argon2id takes a while), checked against the user's email.
  let passwordHash: string | undefined;
  if (change.password !== undefined) {
    const target = await prisma().user.findUnique({ where: { id }, select: { email: true } });
    if (!target) throw new NotFound(`User '${id}' was not found.`);
    passwordHash = await hashPassword(change.password, target.email);
  }
  return prisma().$transaction(async (tx) => {
    // One admin change at a time, so two admins cannot demote each other into having none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tributary.users'))`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new NotFound(`User '${id}' was not found.`);
    const losesAdmin =
      user.role === "admin" &&
      user.disabledAt === null &&
      ((change.role !== undefined && change.role !== "admin") || change.disabled === true);
    if (losesAdmin) {
      const admins = await tx.user.count({ where: { role: "admin", disabledAt: null } });
      if (admins <= 1) {
        throw new Conflict(`'${user.email}' is the only admin; make another user admin first.`);
      }
    }
    const updated = await tx.user.update({
      where: { id },
      data: {
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
        ...(change.disabled !== undefined
          ? { disabledAt: change.disabled ? (user.disabledAt ?? new Date()) : null }
          : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
      },
    });
    // Sessions signed in under the old password or role end: the user signs in again.
    const roleChanged = change.role !== undefined && change.role !== user.role;
    if (change.disabled === true || passwordHash !== undefined || roleChanged) {
      await revokeUserSessions(id, { tx });
    }
    return summary(updated);
  });
}

/** (admin) Ends every session of a user; 404 for an unknown id. */
export async function signOutUserEverywhere(id: string): Promise<{ revoked: number }> {
  const user = await prisma().user.findUnique({ where: { id }, select: { id: true } });
  if (!user) throw new NotFound(`User '${id}' was not found.`);
  return { revoked: await revokeUserSessions(user.id) };
}
