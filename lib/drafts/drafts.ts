/**
 * SQL drafts with version history: every save adds a version; nothing is overwritten.
 */
import { prisma } from "@/lib/db/prisma";
import { Conflict, NotFound } from "@/lib/domain-errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DraftDetail, DraftSummary } from "./schemas";

export type { DraftDetail, DraftSummary };

/** Drafts in use, or (archived: true) the archive of deleted ones. */
export async function listDrafts(opts: { archived?: boolean } = {}): Promise<DraftSummary[]> {
  const drafts = await prisma().draft.findMany({
    where: { archivedAt: opts.archived ? { not: null } : null },
    orderBy: { updatedAt: "desc" },
    include: {
      versions: { select: { version: true }, orderBy: { version: "desc" }, take: 1 },
      owner: { select: { email: true } },
    },
  });
  return drafts.map((d) => ({
    id: d.id,
    name: d.name,
    latestVersion: d.versions[0]?.version ?? 0,
    updatedAt: d.updatedAt.toISOString(),
    tags: d.tags,
    archivedAt: d.archivedAt?.toISOString() ?? null,
    createdBy: d.owner?.email ?? null,
  }));
}

/** Creates a draft owned by `ownerId` (the signed-in user or the token's user who asked). */
export async function createDraft(
  input: {
    name: string;
    sql: string;
    tags?: string[];
    comment?: string;
  },
  ownerId: string | null = null,
): Promise<DraftDetail> {
  try {
    const draft = await prisma().draft.create({
      data: {
        name: input.name,
        ownerId,
        tags: input.tags ?? [],
        versions: { create: { version: 1, sql: input.sql, comment: input.comment ?? null } },
      },
    });
    return getDraft(draft.id);
  } catch (e) {
    throw nameTaken(e, input.name);
  }
}

function nameTaken(e: unknown, name: string): unknown {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
    return new Conflict(
      `A draft named '${name}' already exists (perhaps in the archive); choose another name.`,
    );
  return e;
}

/** Renames, retags, archives (deletes) or restores a draft; its versions are untouched. */
export async function updateDraft(
  id: string,
  input: { name?: string; tags?: string[]; archived?: boolean },
): Promise<DraftDetail> {
  try {
    await prisma().draft.update({
      where: { id },
      data: {
        name: input.name,
        tags: input.tags ? [...new Set(input.tags)] : undefined,
        archivedAt: input.archived === undefined ? undefined : input.archived ? new Date() : null,
      },
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025")
      throw new NotFound(`Draft ${id} was not found.`);
    throw nameTaken(e, input.name ?? "");
  }
  return getDraft(id);
}

export async function getDraft(id: string, version?: number): Promise<DraftDetail> {
  const draft = await prisma().draft.findUnique({
    where: { id },
    include: { versions: { orderBy: { version: "desc" } }, owner: { select: { email: true } } },
  });
  if (!draft) throw new NotFound(`Draft ${id} was not found.`);
  const shown =
    version === undefined ? draft.versions[0] : draft.versions.find((v) => v.version === version);
  if (!shown) throw new NotFound(`Version ${version} of draft '${draft.name}' was not found.`);
  return {
    id: draft.id,
    name: draft.name,
    latestVersion: draft.versions[0]?.version ?? 0,
    updatedAt: draft.updatedAt.toISOString(),
    tags: draft.tags,
    archivedAt: draft.archivedAt?.toISOString() ?? null,
    createdBy: draft.owner?.email ?? null,
    version: shown.version,
    sql: shown.sql,
    versions: draft.versions.map((v) => ({
      version: v.version,
      comment: v.comment,
      createdAt: v.createdAt.toISOString(),
    })),
  };
}

/**
 * Saves the editor's text as the next version. When the editor started from an older version
 * than the latest, the save is refused (409) rather than silently replacing someone's work.
 */
export async function saveDraftVersion(
  id: string,
  input: { sql: string; comment?: string; baseVersion?: number },
): Promise<DraftDetail> {
  await prisma().$transaction(async (tx) => {
    // Lock the draft row so concurrent saves get consecutive version numbers.
    const locked = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Draft" WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFound(`Draft ${id} was not found.`);
    const latest = await tx.draftVersion.findFirst({
      where: { draftId: id },
      orderBy: { version: "desc" },
    });
    const latestVersion = latest?.version ?? 0;
    if (input.baseVersion !== undefined && input.baseVersion !== latestVersion) {
      throw new Conflict(
        `The draft was saved as version ${latestVersion} since you opened version ${input.baseVersion}; reload it before saving.`,
      );
    }
    if (latest && latest.sql === input.sql && !input.comment) return;
    await tx.draftVersion.create({
      data: {
        draftId: id,
        version: latestVersion + 1,
        sql: input.sql,
        comment: input.comment ?? null,
      },
    });
    await tx.draft.update({ where: { id }, data: { updatedAt: new Date() } });
  });
  return getDraft(id);
}
