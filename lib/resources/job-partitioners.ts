/**
 * The partitioner resolver a worker hands the runtime for a job: its attached resources,
 * pinned at deploy (JobResource), their bytes read from PostgreSQL once per worker. For the
 * Flink engine, the same pinned JARs as bytes (jobJars), which it ADDs JAR.
 */
import { prisma } from "@/lib/db/prisma";
import { readResourceBytes } from "./read-resource-content";
import { resourcePartitionerResolver, type PartitionerResolver } from "./resolve-partitioner";
import type { AttachedJar } from "@/lib/runtime/job-runtime";

/** Resource bytes by id; versions never change, so a cached copy stays right. */
const cache = new Map<string, Promise<Buffer>>();
const CACHE_ENTRIES = 16;

function cachedBytes(id: string): Promise<Buffer> {
  let bytes = cache.get(id);
  if (!bytes) {
    bytes = readResourceBytes(id);
    bytes.catch(() => cache.delete(id));
    cache.set(id, bytes);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return bytes;
}

export async function jobPartitionerResolver(jobId: string): Promise<PartitionerResolver> {
  const rows = await prisma().jobResource.findMany({
    where: { jobId, resource: { kind: { in: ["JAR", "JS"] } } },
    select: {
      resource: {
        select: {
          id: true,
          name: true,
          version: true,
          kind: true,
          fileName: true,
          classNames: true,
          otherClassNames: true,
        },
      },
    },
  });
  return resourcePartitionerResolver(
    rows.map(({ resource: r }) => ({
      id: r.id,
      name: r.name,
      version: r.version,
      kind: r.kind === "JS" ? ("JS" as const) : ("JAR" as const),
      fileName: r.fileName,
      partitioners: r.classNames,
      otherClasses: r.otherClassNames,
      bytes: () => cachedBytes(r.id),
    })),
  );
}

/** The job's pinned JAR resources with their bytes (the Flink engine's ADD JAR). */
export async function jobJars(jobId: string): Promise<AttachedJar[]> {
  const rows = await prisma().jobResource.findMany({
    where: { jobId, resource: { kind: "JAR" } },
    select: { resource: { select: { id: true, name: true, version: true } } },
    orderBy: { resourceId: "asc" },
  });
  return Promise.all(
    rows.map(async ({ resource: r }) => ({
      description: `resource '${r.name}' version ${r.version}`,
      bytes: await cachedBytes(r.id),
    })),
  );
}
