/**
 * The first admin of a fresh install. `tributary start` calls ensureFirstAdmin(): with
 * TRIBUTARY_ADMIN_PASSWORD set it creates the admin (TRIBUTARY_ADMIN_EMAIL, default
 * admin@localhost); otherwise it prints a one-time setup link (single use, valid for an hour; a
 * new start makes a new one and voids the old). Until an admin exists, nothing but sign-in and
 * setup is reachable.
 */
import { prisma } from "@/lib/db/prisma";
import { Conflict, Gone } from "@/lib/domain-errors";
import { hashPassword, checkPasswordPolicy } from "./passwords";
import { hashSecretToken, newSecretToken } from "./secret-token";
import { adminExists, normalizeEmail } from "./users";

export const SETUP_LINK_TTL_MS = 3600_000;
export const DEFAULT_ADMIN_EMAIL = "admin@localhost";

export type FirstAdmin =
  | { kind: "exists" }
  | { kind: "created"; email: string }
  | { kind: "setup-link"; url: string; expiresAt: Date };

export async function ensureFirstAdmin(opts: {
  publicUrl: string;
  env?: Record<string, string | undefined>;
}): Promise<FirstAdmin> {
  const env = opts.env ?? process.env;
  if (await adminExists()) return { kind: "exists" };
  const password = env.TRIBUTARY_ADMIN_PASSWORD;
  if (password) {
    const email = normalizeEmail(env.TRIBUTARY_ADMIN_EMAIL?.trim() || DEFAULT_ADMIN_EMAIL);
    try {
      checkPasswordPolicy(password, email);
    } catch (e) {
      throw new Error(`TRIBUTARY_ADMIN_PASSWORD is refused: ${e instanceof Error ? e.message : e}`);
    }
    await setAdminAccount(email, password);
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

/**
 * Makes `email` an enabled admin with this password, creating the user if needed (the first
 * admin from the environment; the test runner's e2e admin).
 */
export async function setAdminAccount(email: string, password: string): Promise<void> {
  const normalized = normalizeEmail(email);
  const passwordHash = await hashPassword(password, normalized);
  await prisma().user.upsert({
    where: { email: normalized },
    create: {
      email: normalized,
      displayName: normalized.split("@")[0],
      role: "admin",
      passwordHash,
    },
    update: { role: "admin", disabledAt: null, passwordHash },
  });
}

/** Uses a setup link's token to create the first admin; refused once used, expired or an admin exists. */
export async function completeSetup(input: {
  token: string;
  email: string;
  password: string;
}): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password, normalizeEmail(input.email));
  return prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tributary.users'))`;
    const used = await tx.setupToken.updateMany({
      where: {
        tokenHash: hashSecretToken(input.token),
        usedAt: null,
        expiresAt: { gt: new Date() },
      },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) {
      throw new Gone(
        "This setup link is used, expired or unknown. Restart `npm start` for a new one, or sign in.",
      );
    }
    if ((await tx.user.count({ where: { role: "admin", disabledAt: null } })) > 0) {
      throw new Conflict("An admin already exists; sign in instead.");
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
