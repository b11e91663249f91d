/**
 * The first admin of a fresh install. `tributary start` calls ensureFirstAdmin(): with
 * TRIBUTARY_ADMIN_PASSWORD set it creates the admin (TRIBUTARY_ADMIN_EMAIL, default
 * admin@localhost); otherwise it prints a one-time setup link (single use, valid for an hour; a
 * new start makes a new one and voids the old). Until an admin exists, nothing but sign-in and
 * setup is reachable.
 */
import { prisma } from "@/lib/db/prisma";
import { ApiError } from "@/lib/api/problem";
import { hashPassword, checkPasswordPolicy } from "./passwords";
import { hashSecretToken, newSecretToken } from "./secret-token";
import { adminExists, createUser, normalizeEmail } from "./users";

export const SETUP_LINK_TTL_MS = 3600_000;
export const DEFAULT_ADMIN_EMAIL = "admin@localhost";

export type FirstAdmin =
  | { kind: "exists" }
  | { kind: "created"; email: string }
  | { kind: "setup-link"; url: string; expiresAt: Date };

export async function ensureFirstAdmin(opts: {
  publicUrl: string;
  env?: NodeJS.ProcessEnv;
}): Promise<FirstAdmin> {
  const env = opts.env ?? process.env;
  if (await adminExists()) return { kind: "exists" };
  const password = env.TRIBUTARY_ADMIN_PASSWORD;
  if (password) {
    const email = normalizeEmail(env.TRIBUTARY_ADMIN_EMAIL?.trim() || DEFAULT_ADMIN_EMAIL);
    checkPasswordPolicy(password);
    const existing = await prisma().user.findUnique({ where: { email } });
    if (existing) {
      // A user of that email exists but is not an enabled admin: make them one, with this password.
      await prisma().user.update({
        where: { id: existing.id },
        data: { role: "admin", disabledAt: null, passwordHash: await hashPassword(password) },
      });
    } else {
      await createUser({ email, role: "admin", password });
    }
    return { kind: "created", email };
  }
  const token = newSecretToken("tsu_");
  const expiresAt = new Date(Date.now() + SETUP_LINK_TTL_MS);
  await prisma().$transaction([
    prisma().setupToken.deleteMany({}),
    prisma().setupToken.create({ data: { tokenHash: hashSecretToken(token), expiresAt } }),
  ]);
  const url = new URL("/setup", opts.publicUrl);
  url.searchParams.set("token", token);
  return { kind: "setup-link", url: url.toString(), expiresAt };
}

/** Uses a setup link's token to create the first admin; refused once used, expired or an admin exists. */
export async function completeSetup(input: {
  token: string;
  email: string;
  password: string;
}): Promise<{ userId: string }> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  return prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tributary.users'))`;
    const used = await tx.setupToken.updateMany({
      where: { tokenHash: hashSecretToken(input.token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) {
      throw new ApiError(
        410,
        "This setup link is used, expired or unknown. Restart `npm start` for a new one, or sign in.",
      );
    }
    if ((await tx.user.count({ where: { role: "admin", disabledAt: null } })) > 0) {
      throw new ApiError(409, "An admin already exists; sign in instead.");
    }
    const email = normalizeEmail(input.email);
    const user = await tx.user.upsert({
      where: { email },
      create: { email, displayName: email.split("@")[0], role: "admin", passwordHash },
      update: { role: "admin", disabledAt: null, passwordHash },
    });
    return { userId: user.id };
  });
}
