/**
 * Secret values referenced from SQL as `${secret_values.name}`. Only names and timestamps ever
 * leave this module; values are decrypted solely for a running job (resolveSecret).
 */
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { ApiError, NotFoundError } from "@/lib/api/problem";
import { seal, unseal } from "./secret-cipher";
import { findSecretPlaceholders, resolveSecretsInOptions } from "./placeholders";

export const secretName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_-]*$/,
    "must start with a letter or _ and contain only letters, digits, _ and -",
  )
  .max(128);

export const putSecretInput = z.object({
  value: z.string().min(1, "must not be empty").max(65_536),
});

export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
}

export async function listSecrets(): Promise<SecretInfo[]> {
  const rows = await prisma().secret.findMany({
    select: { name: true, createdAt: true, updatedAt: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function putSecret(name: string, value: string): Promise<SecretInfo> {
  const sealed = seal(value);
  const data = {
    ciphertext: Buffer.from(sealed.ciphertext),
    iv: Buffer.from(sealed.iv),
    authTag: Buffer.from(sealed.authTag),
  };
  const row = await prisma().secret.upsert({
    where: { name },
    create: { name, ...data },
    update: data,
    select: { name: true, createdAt: true, updatedAt: true },
  });
  return {
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function deleteSecret(name: string): Promise<void> {
  const { count } = await prisma().secret.deleteMany({ where: { name } });
  if (count === 0) throw new NotFoundError(`Secret '${name}'`);
}

/** The value behind `${secret_values.<name>}`, for a running job only. */
export async function resolveSecret(name: string): Promise<string> {
  const row = await prisma().secret.findUnique({ where: { name } });
  if (!row) {
    throw new ApiError(
      422,
      `The script uses \${secret_values.${name}}, but no secret named '${name}' exists; create it on the Secrets page or with PUT /api/secrets/${name}.`,
    );
  }
  return unseal({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag });
}

/**
 * Options with every `${secret_values.x}` replaced by its value, plus the values used, so that a
 * caller can scrub them from anything it sends back.
 */
export async function resolveSecretsInProperties(
  properties: Readonly<Record<string, string>>,
): Promise<{ resolved: Record<string, string>; secretValues: string[] }> {
  const names = new Set(
    Object.values(properties).flatMap((v) => findSecretPlaceholders(v).map((p) => p.name)),
  );
  const values = new Map<string, string>();
  for (const name of names) values.set(name, await resolveSecret(name));
  return {
    resolved: resolveSecretsInOptions(properties, (name) => values.get(name)),
    secretValues: [...values.values()],
  };
}
