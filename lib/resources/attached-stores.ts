/**
 * The key and trust stores attached to a job, made readable for Node's TLS: a table's
 * `properties.ssl.truststore.location` / `ssl.keystore.location` = `/flink/usrlib/<file name>`
 * (resource-kind.ts) is pointed at a copy of the pinned resource version's bytes, written once per
 * worker to a private directory (0700, files 0600: a key store holds a private key), and then read
 * by lib/kafka/tls-stores.ts as any path is (store-locations.ts swaps the location). Server-only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db/prisma";
import { readResourceBytes } from "./read-resource-content";
import type { AttachedStoreResolver } from "./store-locations";

/** Where a worker keeps its copies: one directory per resource version (versions never change). */
function storeDirectory(resourceId: string): string {
  const dir = path.join(os.tmpdir(), `tributary-stores-${process.getuid?.() ?? "u"}`, resourceId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * Writes a resource's bytes under the process's private directory (a store for Node's TLS, a
 * JAR or JS module for a preview worker); returns the copy's path.
 */
export function writePrivateCopy(resourceId: string, fileName: string, bytes: Buffer): string {
  const file = path.join(storeDirectory(resourceId), fileName);
  writeFileSync(file, bytes, { mode: 0o600 });
  return file;
}

/** The resolver for a job's pinned STORE resources (JobResource). */
export async function jobStoreResolver(jobId: string): Promise<AttachedStoreResolver> {
  const rows = await prisma().jobResource.findMany({
    where: { jobId, resource: { kind: "STORE" } },
    select: { resource: { select: { id: true, fileName: true } } },
  });
  return storeResolver(rows.map((r) => r.resource));
}

/** The resolver for the STORE resources attached to a draft (the editor's preview). */
export async function draftStoreResolver(draftId: string): Promise<AttachedStoreResolver> {
  const rows = await prisma().draftResource.findMany({
    where: { draftId, resource: { kind: "STORE" } },
    select: { resource: { select: { id: true, fileName: true } } },
  });
  return storeResolver(rows.map((r) => r.resource));
}

function storeResolver(
  stores: ReadonlyArray<{ id: string; fileName: string }>,
): AttachedStoreResolver {
  const copies = new Map<string, Promise<string>>();
  return async (fileName) => {
    const store = stores.find((s) => s.fileName === fileName);
    if (!store) return undefined;
    let copy = copies.get(store.id);
    if (!copy) {
      copy = readResourceBytes(store.id).then((bytes) =>
        writePrivateCopy(store.id, store.fileName, bytes),
      );
      copies.set(store.id, copy);
    }
    return copy;
  };
}
