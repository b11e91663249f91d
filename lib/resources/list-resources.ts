/** The resource list: each name with its latest version, newest first, optionally searched. */
import { prisma } from "@/lib/db/prisma";

export interface ResourceSummary {
  id: string;
  name: string;
  version: number;
  versions: number;
  kind: "JAR" | "JS" | "STORE";
  fileName: string;
  size: number;
  sha256: string;
  partitioners: string[];
  createdAt: string;
}

/** Matches the name, the file name or a partitioner class (case-insensitive). */
export async function listResources(search?: string): Promise<ResourceSummary[]> {
  const q = search?.trim();
  const rows = await prisma().resource.findMany({
    where: {
      sha256: { not: "" },
      ...(q
        ? {
            OR: [
              { name: { contains: q, mode: "insensitive" } },
              { fileName: { contains: q, mode: "insensitive" } },
              { classNames: { has: q } },
            ],
          }
        : {}),
    },
    orderBy: [{ name: "asc" }, { version: "desc" }],
  });
  const byName = new Map<string, ResourceSummary>();
  for (const r of rows) {
    const seen = byName.get(r.name);
    if (seen) {
      seen.versions++;
      continue;
    }
    byName.set(r.name, {
      id: r.id,
      name: r.name,
      version: r.version,
      versions: 1,
      kind: r.kind,
      fileName: r.fileName,
      size: r.sizeBytes,
      sha256: r.sha256,
      partitioners: r.classNames,
      createdAt: r.createdAt.toISOString(),
    });
  }
  // A class search also finds a resource whose class name merely contains the text.
  if (q) {
    const lower = q.toLowerCase();
    const more = await prisma().resource.findMany({
      where: { sha256: { not: "" }, name: { notIn: [...byName.keys()] } },
      orderBy: [{ name: "asc" }, { version: "desc" }],
      select: { name: true, classNames: true },
    });
    const names = new Set(
      more
        .filter((r) => r.classNames.some((c) => c.toLowerCase().includes(lower)))
        .map((r) => r.name),
    );
    if (names.size > 0)
      for (const s of await listResources()) if (names.has(s.name)) byName.set(s.name, s);
  }
  return [...byName.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
