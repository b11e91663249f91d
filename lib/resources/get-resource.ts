/** One resource version with its name's versions, what it contains, and who uses it. */
import { NotFound } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { resourceUsage, type ResourceUsage } from "./resource-usage";

export interface ResourceDetail {
  id: string;
  name: string;
  version: number;
  kind: "JAR" | "JS" | "STORE";
  fileName: string;
  size: number;
  sha256: string;
  createdAt: string;
  partitioners: string[];
  /** The other classes (JAR) or exports (JS). */
  otherClasses: string[];
  /** STORE: the container format found at upload (JKS, PKCS12 or PEM); scripts name it `/flink/usrlib/<fileName>`. */
  storeType?: string;
  versions: Array<{ id: string; version: number; size: number; sha256: string; createdAt: string }>;
  usage: ResourceUsage;
}

export async function getResource(id: string): Promise<ResourceDetail> {
  const r = await prisma().resource.findUnique({ where: { id } });
  if (!r || r.sha256 === "") throw new NotFound(`Resource ${id} was not found.`);
  const versions = await prisma().resource.findMany({
    where: { name: r.name, sha256: { not: "" } },
    orderBy: { version: "desc" },
    select: { id: true, version: true, sizeBytes: true, sha256: true, createdAt: true },
  });
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    kind: r.kind,
    fileName: r.fileName,
    size: r.sizeBytes,
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
    partitioners: r.classNames,
    otherClasses: r.otherClassNames,
    ...(r.storeType ? { storeType: r.storeType } : {}),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      size: v.sizeBytes,
      sha256: v.sha256,
      createdAt: v.createdAt.toISOString(),
    })),
    usage: await resourceUsage(r.id),
  };
}
