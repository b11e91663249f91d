/**
 * SQL drafts with version history: every save adds a version; nothing is overwritten.
 */
import { prisma } from "@/lib/db/prisma";
import { ApiError, NotFoundError } from "@/lib/api/problem";
import { Prisma } from "@/lib/generated/prisma/client";

export interface DraftSummary {
  id: string;
  name: string;
  latestVersion: number;
  updatedAt: string;
}

export interface DraftDetail extends DraftSummary {
  sql: string;
  versions: Array<{ version: number; comment: string | null; createdAt: string }>;
}

export async function listDrafts(): Promise<DraftSummary[]> {
  const drafts = await prisma().draft.findMany({
    orderBy: { updatedAt: "desc" },
    include: { versions: { select: { version: true }, orderBy: { version: "desc" }, take: 1 } },
  });
  return drafts.map((d) => ({
    id: d.id,
    name: d.name,
    latestVersion: d.versions[0]?.version ?? 0,
    updatedAt: d.updatedAt.toISOString(),
  }));
}

export async function createDraft(input: { name: string; sql: string }): Promise<DraftDetail> {
  try {
    const draft = await prisma().draft.create({
      data: { name: input.name, versions: { create: { version: 1, sql: input.sql } } },
    });
    return getDraft(draft.id);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new ApiError(409, `A draft named '${input.name}' already exists; choose another name.`);
    }
    throw e;
  }
}

export async function getDraft(id: string, version?: number): Promise<DraftDetail> {
  const draft = await prisma().draft.findUnique({
    where: { id },
    include: { versions: { orderBy: { version: "desc" } } },
  });
  if (!draft) throw new NotFoundError(`Draft ${id}`);
  const shown =
    version === undefined ? draft.versions[0] : draft.versions.find((v) => v.version === version);
  if (!shown) throw new NotFoundError(`Version ${version} of draft '${draft.name}'`);
  return {
    id: draft.id,
    name: draft.name,
    latestVersion: draft.versions[0]?.version ?? 0,
    updatedAt: draft.updatedAt.toISOString(),
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
    if (locked.length === 0) throw new NotFoundError(`Draft ${id}`);
    const latest = await tx.draftVersion.findFirst({
      where: { draftId: id },
      orderBy: { version: "desc" },
    });
    const latestVersion = latest?.version ?? 0;
    if (input.baseVersion !== undefined && input.baseVersion !== latestVersion) {
      throw new ApiError(
        409,
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
