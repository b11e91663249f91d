/**
 * What the editor's preview of a draft needs of the draft's attached resources, so the preview
 * resolves partitioners and stores the way the deployed job will: the classes and stores for
 * validation, the JAR and JavaScript resources a custom `sink.partitioner` may name, and private
 * copies of their bytes on request — the preview worker has no database, so it reads the copies
 * (lib/preview/preview-worker.ts asks for them over IPC). Server-only.
 */
import { prisma } from "@/lib/db/prisma";
import type { PreviewAttachments } from "@/lib/preview/run-preview";
import { draftStoreResolver, writePrivateCopy } from "./attached-stores";
import { attachedClasses, attachedResource, attachedResourceColumns } from "./draft-resources";
import { readResourceBytes } from "./read-resource-content";
import type { PartitionerSource } from "./resolve-partitioner";
import type { AttachedStoreResolver } from "./store-locations";

/** A partitioner resource as the preview worker learns of it: everything but its bytes. */
export type PreviewResource = Omit<PartitionerSource, "bytes">;

export interface DraftPreviewResources {
  attached: PreviewAttachments;
  resources: PreviewResource[];
  /** The path of a private copy of a listed resource's bytes. */
  resolveResourceFile(resourceId: string): Promise<string>;
  resolveStoreFile: AttachedStoreResolver;
}

export async function draftPreviewResources(draftId: string): Promise<DraftPreviewResources> {
  const rows = await prisma().draftResource.findMany({
    where: { draftId },
    select: { resource: { select: attachedResourceColumns } },
  });
  const all = rows.map((r) => attachedResource(r.resource));
  const { partitionerClasses, otherClasses, storeFiles } = attachedClasses(all);
  const resources: PreviewResource[] = all.flatMap((r) =>
    r.kind === "STORE"
      ? []
      : [
          {
            id: r.id,
            name: r.name,
            version: r.version,
            kind: r.kind,
            fileName: r.fileName,
            partitioners: r.partitioners,
            otherClasses: r.otherClasses,
          },
        ],
  );
  const copies = new Map<string, Promise<string>>();
  return {
    attached: { partitionerClasses, otherClasses, storeFiles },
    resources,
    resolveResourceFile: (resourceId) => {
      const resource = resources.find((r) => r.id === resourceId);
      if (!resource)
        return Promise.reject(new Error(`Resource ${resourceId} is not attached to the draft.`));
      let copy = copies.get(resourceId);
      if (!copy) {
        copy = readResourceBytes(resourceId).then((bytes) =>
          writePrivateCopy(resourceId, resource.fileName || resource.name, bytes),
        );
        copies.set(resourceId, copy);
      }
      return copy;
    },
    resolveStoreFile: await draftStoreResolver(draftId),
  };
}
