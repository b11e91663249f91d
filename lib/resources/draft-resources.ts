/** Resources attached to a draft ("additional dependencies"); a deploy pins them to the job. */
import { Conflict, Invalid, NotFound } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import type { AttachedClasses } from "@/lib/jobs/plan-sql";
import { attachedStoreFiles } from "@/lib/connectors/attached-stores";

export interface AttachedResource {
  id: string;
  name: string;
  version: number;
  kind: "JAR" | "JS" | "STORE";
  /** The version's content checksum (hex), as the resource page shows it. */
  sha256: string;
  partitioners: string[];
  otherClasses: string[];
  /** STORE: its file name (a script names it `/flink/usrlib/<fileName>`) and format. */
  fileName: string;
  storeType?: string;
}

/** The columns an AttachedResource is made of. */
export const attachedResourceColumns = {
  id: true,
  name: true,
  version: true,
  kind: true,
  sha256: true,
  classNames: true,
  otherClassNames: true,
  fileName: true,
  storeType: true,
} as const;

type Row = {
  id: string;
  name: string;
  version: number;
  kind: "JAR" | "JS" | "STORE";
  sha256: string;
  classNames: string[];
  otherClassNames: string[];
  fileName: string;
  storeType: string | null;
};

export const attachedResource = (r: Row): AttachedResource => ({
  id: r.id,
  name: r.name,
  version: r.version,
  kind: r.kind,
  sha256: r.sha256,
  partitioners: r.classNames,
  otherClasses: r.otherClassNames,
  fileName: r.fileName,
  ...(r.storeType ? { storeType: r.storeType } : {}),
});

export async function listDraftResources(draftId: string): Promise<AttachedResource[]> {
  const draft = await prisma().draft.findUnique({ where: { id: draftId }, select: { id: true } });
  if (!draft) throw new NotFound(`Draft ${draftId} was not found.`);
  const rows = await prisma().draftResource.findMany({
    where: { draftId },
    orderBy: { createdAt: "asc" },
    select: { resource: { select: attachedResourceColumns } },
  });
  return rows.map((r) => attachedResource(r.resource));
}

/**
 * Attaches a version; another version of the same name attached before is replaced. Two stores of
 * one file name cannot both be attached: `/flink/usrlib/<fileName>` must name one of them.
 */
export async function attachDraftResource(
  draftId: string,
  resourceId: string,
): Promise<AttachedResource[]> {
  const [draft, resource] = await Promise.all([
    prisma().draft.findUnique({ where: { id: draftId }, select: { id: true } }),
    prisma().resource.findUnique({
      where: { id: resourceId },
      select: { name: true, sha256: true, kind: true, fileName: true },
    }),
  ]);
  if (!draft) throw new NotFound(`Draft ${draftId} was not found.`);
  if (!resource || resource.sha256 === "")
    throw new NotFound(`Resource ${resourceId} was not found.`);
  if (resource.kind === "STORE") {
    const clash = await prisma().draftResource.findFirst({
      where: {
        draftId,
        resource: { kind: "STORE", fileName: resource.fileName, name: { not: resource.name } },
      },
      select: { resource: { select: { name: true } } },
    });
    if (clash)
      throw new Conflict(
        `Resource '${clash.resource.name}' attached to this draft is also the file '${resource.fileName}': '/flink/usrlib/${resource.fileName}' would name both. Detach it first.`,
      );
  }
  await prisma().$transaction(async (tx) => {
    await tx.draftResource.deleteMany({
      where: { draftId, resource: { name: resource.name }, resourceId: { not: resourceId } },
    });
    await tx.draftResource.upsert({
      where: { draftId_resourceId: { draftId, resourceId } },
      create: { draftId, resourceId },
      update: {},
    });
  });
  return listDraftResources(draftId);
}

export async function detachDraftResource(
  draftId: string,
  resourceId: string,
): Promise<AttachedResource[]> {
  const removed = await prisma().draftResource.deleteMany({ where: { draftId, resourceId } });
  if (removed.count === 0)
    throw new NotFound(`Resource ${resourceId} is not attached to draft ${draftId}.`);
  return listDraftResources(draftId);
}

/** The resource versions pinned to a job (shown on the job page). */
export async function jobResources(jobId: string): Promise<AttachedResource[]> {
  const rows = await prisma().jobResource.findMany({
    where: { jobId },
    select: { resource: { select: attachedResourceColumns } },
  });
  return rows.map((r) => attachedResource(r.resource));
}

/** The resources a deploy pins, checked to exist. */
export async function resourcesForDeploy(
  resourceIds: readonly string[],
): Promise<AttachedResource[]> {
  if (resourceIds.length === 0) return [];
  const rows = await prisma().resource.findMany({
    where: { id: { in: [...resourceIds] }, sha256: { not: "" } },
    select: attachedResourceColumns,
  });
  const missing = resourceIds.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) throw new Invalid(`Resource ${missing.join(", ")} was not found.`);
  return rows.map(attachedResource);
}

/**
 * What a job's validation knows of its resources: the partitioners and other classes, and
 * the key and trust stores a script may name as `/flink/usrlib/<fileName>`.
 */
export function attachedClasses(
  resources: ReadonlyArray<
    Pick<AttachedResource, "kind" | "partitioners" | "otherClasses"> &
      Partial<Pick<AttachedResource, "fileName" | "storeType">>
  >,
): AttachedClasses {
  return {
    partitionerClasses: resources.flatMap((r) => r.partitioners),
    otherClasses: resources.flatMap((r) => r.otherClasses),
    partitionerKinds: new Map(
      resources.flatMap((r) =>
        r.kind === "STORE" ? [] : r.partitioners.map((c) => [c, r.kind as "JAR" | "JS"] as const),
      ),
    ),
    storeFiles: attachedStoreFiles(resources),
  };
}
