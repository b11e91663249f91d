/** Resources attached to a draft ("additional dependencies"); a deploy pins them to the job. */
import { ApiError, NotFoundError } from "@/lib/api/problem";
import { prisma } from "@/lib/db/prisma";
import type { AttachedClasses } from "@/lib/jobs/plan-sql";

export interface AttachedResource {
  id: string;
  name: string;
  version: number;
  kind: "JAR" | "JS";
  /** The version's content checksum (hex), as the resource page shows it. */
  sha256: string;
  partitioners: string[];
  otherClasses: string[];
}

const select = {
  id: true,
  name: true,
  version: true,
  kind: true,
  sha256: true,
  classNames: true,
  otherClassNames: true,
} as const;

type Row = {
  id: string;
  name: string;
  version: number;
  kind: "JAR" | "JS";
  sha256: string;
  classNames: string[];
  otherClassNames: string[];
};

export const attachedResource = (r: Row): AttachedResource => ({
  id: r.id,
  name: r.name,
  version: r.version,
  kind: r.kind,
  sha256: r.sha256,
  partitioners: r.classNames,
  otherClasses: r.otherClassNames,
});

export async function listDraftResources(draftId: string): Promise<AttachedResource[]> {
  const draft = await prisma().draft.findUnique({ where: { id: draftId }, select: { id: true } });
  if (!draft) throw new NotFoundError(`Draft ${draftId}`);
  const rows = await prisma().draftResource.findMany({
    where: { draftId },
    orderBy: { createdAt: "asc" },
    select: { resource: { select } },
  });
  return rows.map((r) => attachedResource(r.resource));
}

/** Attaches a version; another version of the same name attached before is replaced. */
export async function attachDraftResource(
  draftId: string,
  resourceId: string,
): Promise<AttachedResource[]> {
  const [draft, resource] = await Promise.all([
    prisma().draft.findUnique({ where: { id: draftId }, select: { id: true } }),
    prisma().resource.findUnique({
      where: { id: resourceId },
      select: { name: true, sha256: true },
    }),
  ]);
  if (!draft) throw new NotFoundError(`Draft ${draftId}`);
  if (!resource || resource.sha256 === "") throw new NotFoundError(`Resource ${resourceId}`);
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
    throw new ApiError(404, `Resource ${resourceId} is not attached to draft ${draftId}.`);
  return listDraftResources(draftId);
}

/** The resource versions pinned to a deployment (shown on the job page). */
export async function deploymentResources(deploymentId: string): Promise<AttachedResource[]> {
  const rows = await prisma().deploymentResource.findMany({
    where: { deploymentId },
    select: { resource: { select } },
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
    select,
  });
  const missing = resourceIds.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) throw new ApiError(422, `Resource ${missing.join(", ")} was not found.`);
  return rows.map(attachedResource);
}

/** The classes a deployment's validation knows: its resources' partitioners and other classes. */
export function attachedClasses(
  resources: ReadonlyArray<{ kind: "JAR" | "JS"; partitioners: string[]; otherClasses: string[] }>,
): AttachedClasses {
  return {
    partitionerClasses: resources.flatMap((r) => r.partitioners),
    otherClasses: resources.flatMap((r) => r.otherClasses),
    partitionerKinds: new Map(resources.flatMap((r) => r.partitioners.map((c) => [c, r.kind]))),
  };
}
