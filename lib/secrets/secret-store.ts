/**
 * Secret values referenced from SQL as `${secret_values.name}`. Only names, scopes, usage and
 * timestamps ever leave this module; values are decrypted solely for a connection to servers in
 * the secret's scope (resolveSecretFor), which only workers ask for.
 */
import type { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { BadInput, Conflict, NotFound } from "@/lib/domain-errors";
import { seal, unseal } from "./secret-cipher";
import { findSecretPlaceholders, SecretResolutionError } from "./placeholders";
import { addressesOutOfScope, normalizeScope, SecretScopeError } from "./secret-scope";
import type { createSecretInput, PutSecretInput, SecretInfo, SecretUsage } from "./schemas";

export type { PutSecretInput };

export type { SecretInfo, SecretUsage };

const INFO = { name: true, bootstrapServers: true, createdAt: true, updatedAt: true } as const;

function toInfo(r: { name: string; bootstrapServers: string[]; createdAt: Date; updatedAt: Date }) {
  return {
    name: r.name,
    bootstrapServers: r.bootstrapServers,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Names, scopes and where each secret is referenced (the latest draft versions and jobs). */
export async function listSecrets(): Promise<Array<SecretInfo & { usage: SecretUsage }>> {
  const rows = await prisma().secret.findMany({ select: INFO, orderBy: { name: "asc" } });
  const usage = await secretUsage();
  return rows.map((r) => ({
    ...toInfo(r),
    usage: usage.get(r.name) ?? { drafts: [], jobs: [] },
  }));
}

async function secretUsage(): Promise<Map<string, SecretUsage>> {
  const db = prisma();
  const marker = "${secret_values.";
  const [drafts, jobs] = await Promise.all([
    db.draft.findMany({
      select: {
        id: true,
        name: true,
        versions: { orderBy: { version: "desc" }, take: 1, select: { sql: true } },
      },
      where: { versions: { some: { sql: { contains: marker } } } },
    }),
    db.job.findMany({
      select: { id: true, name: true, status: true, sql: true },
      where: { sql: { contains: marker } },
      orderBy: { createdAt: "desc" },
      take: 1000,
    }),
  ]);
  const usage = new Map<string, SecretUsage>();
  const entry = (name: string) => {
    let u = usage.get(name);
    if (!u) usage.set(name, (u = { drafts: [], jobs: [] }));
    return u;
  };
  for (const d of drafts) {
    const names = new Set(findSecretPlaceholders(d.versions[0]?.sql ?? "").map((p) => p.name));
    for (const n of names) entry(n).drafts.push({ id: d.id, name: d.name });
  }
  for (const j of jobs) {
    const names = new Set(findSecretPlaceholders(j.sql).map((p) => p.name));
    for (const n of names) entry(n).jobs.push({ id: j.id, name: j.name, status: j.status });
  }
  return usage;
}

export async function putSecret(
  name: string,
  input: { value: string; bootstrapServers?: string | readonly string[] },
): Promise<SecretInfo> {
  const scope = input.bootstrapServers ? normalizeScope(input.bootstrapServers) : undefined;
  const sealed = seal(input.value);
  const data = {
    ciphertext: Buffer.from(sealed.ciphertext),
    iv: Buffer.from(sealed.iv),
    authTag: Buffer.from(sealed.authTag),
    ...(scope ? { bootstrapServers: scope } : {}),
  };
  const db = prisma();
  if (
    !input.bootstrapServers &&
    !(await db.secret.findUnique({ where: { name }, select: { id: true } }))
  ) {
    throw new BadInput(
      `Invalid request body field 'bootstrapServers': required when creating secret '${name}' — the bootstrap servers (host:port,…) the value may be sent to.`,
      [{ path: "bootstrapServers", message: "required when creating a secret" }],
    );
  }
  const row = await db.secret.upsert({
    where: { name },
    create: { name, bootstrapServers: [], ...data },
    update: data,
    select: INFO,
  });
  return toInfo(row);
}

/**
 * Creates a new secret, never replacing one (409 when the name is taken): what an editor may do
 * (the editor's "Move to a secret"), where replacing or deleting a secret stays with admins —
 * a new secret holds only the value its creator typed, scoped to the servers they named.
 */
export async function createSecret(input: z.output<typeof createSecretInput>): Promise<SecretInfo> {
  const sealed = seal(input.value);
  try {
    const row = await prisma().secret.create({
      data: {
        name: input.name,
        bootstrapServers: normalizeScope(input.bootstrapServers),
        ciphertext: Buffer.from(sealed.ciphertext),
        iv: Buffer.from(sealed.iv),
        authTag: Buffer.from(sealed.authTag),
      },
      select: INFO,
    });
    return toInfo(row);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
      throw new Conflict(`A secret named '${input.name}' already exists; choose another name.`);
    throw e;
  }
}

export async function deleteSecret(name: string): Promise<void> {
  const { count } = await prisma().secret.deleteMany({ where: { name } });
  if (count === 0) throw new NotFound(`Secret '${name}' was not found.`);
}

/** The secrets a set of names refers to, with their scopes (no values). */
export async function secretScopes(names: readonly string[]): Promise<Map<string, string[]>> {
  if (names.length === 0) return new Map();
  const rows = await prisma().secret.findMany({
    where: { name: { in: [...names] } },
    select: { name: true, bootstrapServers: true },
  });
  return new Map(rows.map((r) => [r.name, r.bootstrapServers]));
}

export function missingSecretMessage(name: string): string {
  return `The script uses \${secret_values.${name}}, but no secret named '${name}' exists; create it on the Secrets page or with PUT /api/secrets/${name}.`;
}

/**
 * The value behind `${secret_values.<name>}`, for a connection to `bootstrapServers` — only
 * inside a worker running a deployed job (or a test of a saved cluster profile against its own
 * brokers). Throws SecretScopeError, naming addresses and never the value, when any of the
 * servers is outside the secret's scope.
 */
export async function resolveSecretFor(name: string, bootstrapServers: string): Promise<string> {
  const row = await prisma().secret.findUnique({ where: { name } });
  if (!row) throw new SecretResolutionError([name]);
  const outside = addressesOutOfScope(bootstrapServers, row.bootstrapServers);
  if (outside.length > 0 || row.bootstrapServers.length === 0)
    throw new SecretScopeError(name, outside, row.bootstrapServers);
  return unseal({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag });
}
