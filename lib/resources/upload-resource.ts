/**
 * Uploads a resource from a multipart/form-data request (field `file`, optional `name` before
 * it), streaming: busboy parses the body as it arrives, each ~1 MiB of the file becomes a
 * ResourceChunk row inside one transaction while its sha256 is computed, and a temporary file
 * beside it lets the inspection (JAR classes, JS exports) read the whole artifact without
 * holding it in memory. Any refusal rolls the transaction back: nothing is stored.
 */
import busboy from "busboy";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { BadInput, DomainError, TooLarge, UnsupportedType } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { inspectJar } from "./inspect-jar";
import { inspectJs } from "./inspect-js";
import { inspectStore } from "./inspect-store";
import {
  MAX_RESOURCE_BYTES,
  RESOURCE_CHUNK_BYTES,
  type ResourceContents,
} from "./resource-contents";
import {
  kindOfFile,
  RESOURCE_NAME_PATTERN,
  resourceNameFromFile,
  type ResourceKindName,
} from "./resource-kind";

export interface UploadedResource {
  id: string;
  name: string;
  version: number;
  kind: ResourceKindName;
  /** The uploaded file's name (a store is named `/flink/usrlib/<fileName>` in scripts). */
  fileName: string;
  size: number;
  sha256: string;
  partitioners: string[];
  /** STORE: the container format found (JKS, PKCS12 or PEM) and the certificates' subjects. */
  storeType?: string;
  certificates?: string[];
  /** True when the name's latest version already had these bytes: nothing new was stored. */
  unchanged: boolean;
  /** Other resources (name and version) with the same bytes. */
  sameContentAs: Array<{ id: string; name: string; version: number }>;
  warnings: string[];
}

/** Thrown inside the transaction to roll it back when the bytes are those of the latest version. */
class Unchanged extends Error {
  constructor(readonly existingId: string) {
    super("unchanged");
  }
}

const UPLOAD_TRANSACTION_TIMEOUT_MS = 15 * 60_000;

export async function uploadResource(
  request: Request,
  ownerId: string | null,
): Promise<UploadedResource> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    throw new UnsupportedType(
      "Send the resource as multipart/form-data with the file in the field 'file' (and optionally its name in 'name').",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > MAX_RESOURCE_BYTES + 1024 * 1024) throw tooLarge();
  if (!request.body) throw new BadInput("The request has no body.");

  const parser = busboy({
    headers: { "content-type": contentType },
    limits: { files: 1, fields: 10, fieldSize: 4096, fileSize: MAX_RESOURCE_BYTES },
  });
  const fields = new Map<string, string>();
  let upload: Promise<UploadedResource> | undefined;
  let fileStream: Readable | undefined;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => fields.set(name, value));
    parser.on("file", (field, stream, info) => {
      if (field !== "file" || upload) {
        stream.resume();
        if (field !== "file")
          reject(new BadInput(`Unexpected file field '${field}': send the file as 'file'.`));
        return;
      }
      fileStream = stream;
      // Errors surface where the stream is read (storeUpload); this keeps an early one from being unhandled.
      stream.on("error", () => {});
      upload = storeUpload(
        stream,
        info.filename ?? "",
        { name: fields.get("name"), password: fields.get("password") },
        ownerId,
      );
      // A failed upload (refused, or the database) ends the form's parsing at once.
      upload.catch((e: unknown) => reject(e));
    });
    parser.on("filesLimit", () =>
      reject(new BadInput("Send one file per upload (the field 'file').")),
    );
    parser.on("error", (e: Error) => {
      // busboy leaves the file stream open when the body ends mid-file: end it with the error.
      fileStream?.destroy(e);
      reject(truncated(e));
    });
    parser.on("close", () => resolve());
  });
  Readable.fromWeb(request.body as import("node:stream/web").ReadableStream).pipe(parser);
  try {
    await parsed;
  } catch (e) {
    // The stored part goes too: the file stream failed, which fails the transaction.
    const refused = await upload?.then(
      () => undefined,
      (u: unknown) => u,
    );
    throw refused instanceof DomainError ? refused : e;
  }
  if (!upload) throw new BadInput("The form has no field 'file' with the resource to upload.");
  return upload;
}

async function storeUpload(
  stream: NodeJS.ReadableStream & { truncated?: boolean },
  fileName: string,
  form: { name?: string; password?: string },
  ownerId: string | null,
): Promise<UploadedResource> {
  const kind = kindOfFile(fileName);
  if (!kind) {
    stream.resume();
    throw new UnsupportedType(
      `'${fileName || "(no file name)"}' is not a resource Tributary can use: upload a Java archive (.jar), a JavaScript module (.js or .mjs) or a key or trust store (.jks, .p12, .pfx, .pem or .crt).`,
    );
  }
  if (kind === "STORE" && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(fileName)) {
    stream.resume();
    throw new BadInput(
      `Invalid store file name '${fileName}': a script names it as '/flink/usrlib/${fileName}', so use letters, digits, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
  const name = (form.name ?? "").trim() || resourceNameFromFile(fileName);
  if (!RESOURCE_NAME_PATTERN.test(name)) {
    stream.resume();
    throw new BadInput(
      `Invalid resource name '${name}': use up to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
  const spool = path.join(os.tmpdir(), `tributary-upload-${randomUUID()}`);
  try {
    return await prisma().$transaction(
      async (tx) => {
        // Uploads of one name take turns, so versions are consecutive.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`resource:${name}`}))`;
        const latest = await tx.resource.findFirst({
          where: { name },
          orderBy: { version: "desc" },
          select: { id: true, version: true, sha256: true },
        });
        const resource = await tx.resource.create({
          data: {
            name,
            version: (latest?.version ?? 0) + 1,
            kind,
            fileName,
            sizeBytes: 0,
            sha256: "",
            ownerId,
          },
          select: { id: true, version: true },
        });
        const { size, sha256 } = await streamChunks(tx, resource.id, stream, spool, kind);
        if (latest?.sha256 === sha256) throw new Unchanged(latest.id);
        const store =
          kind === "STORE"
            ? inspectStore(await fs.readFile(spool), fileName, form.password)
            : undefined;
        const contents: ResourceContents & { warnings?: string[] } = store
          ? { partitioners: [], others: [], warnings: store.warnings }
          : kind === "JAR"
            ? await inspectJar(spool)
            : await inspectJs(await fs.readFile(spool, "utf8"), fileName);
        await tx.resource.update({
          where: { id: resource.id },
          data: {
            sizeBytes: size,
            sha256,
            classNames: contents.partitioners,
            otherClassNames: contents.others,
            storeType: store?.type ?? null,
          },
        });
        return {
          id: resource.id,
          name,
          version: resource.version,
          kind,
          fileName,
          size,
          sha256,
          partitioners: contents.partitioners,
          ...(store ? { storeType: store.type, certificates: store.certificates } : {}),
          unchanged: false,
          sameContentAs: await sameContent(tx, sha256, resource.id),
          warnings: contents.warnings ?? [],
        };
      },
      { timeout: UPLOAD_TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
    );
  } catch (e) {
    if (e instanceof Unchanged) return unchangedUpload(e.existingId);
    throw e;
  } finally {
    await fs.rm(spool, { force: true });
  }
}

async function streamChunks(
  tx: Prisma.TransactionClient,
  resourceId: string,
  stream: NodeJS.ReadableStream & { truncated?: boolean },
  spool: string,
  kind: ResourceKindName,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  const file = createWriteStream(spool, { mode: 0o600 });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  let seq = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await tx.resourceChunk.create({ data: { resourceId, seq: seq++, data } });
  };
  // A refusal is decided at the first bytes but the stream is still read to its end: busboy
  // stalls the whole form when a file stream is left unread.
  let refusal: DomainError | undefined;
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      if (refusal) continue;
      if (size === 0 && kind === "JAR" && (piece[0] !== 0x50 || piece[1] !== 0x4b)) {
        refusal = new UnsupportedType(
          "The file is not a JAR: a JAR is a zip archive, which starts with 'PK'.",
        );
        continue;
      }
      size += piece.length;
      hash.update(piece);
      if (!file.write(piece)) await new Promise<void>((r) => file.once("drain", () => r()));
      let rest = piece;
      while (pendingBytes + rest.length >= RESOURCE_CHUNK_BYTES) {
        const take = RESOURCE_CHUNK_BYTES - pendingBytes;
        pending.push(rest.subarray(0, take));
        pendingBytes += take;
        rest = rest.subarray(take);
        await flush();
      }
      if (rest.length > 0) {
        pending.push(rest);
        pendingBytes += rest.length;
      }
    }
  } catch (e) {
    file.destroy();
    throw truncated(e);
  }
  if (refusal) {
    file.destroy();
    throw refusal;
  }
  if (stream.truncated) {
    file.destroy();
    throw tooLarge();
  }
  await flush();
  file.end();
  await finished(file);
  if (size === 0) throw new BadInput("The file is empty.");
  return { size, sha256: hash.digest("hex") };
}

async function sameContent(
  tx: Prisma.TransactionClient,
  sha256: string,
  exceptId: string,
): Promise<UploadedResource["sameContentAs"]> {
  return tx.resource.findMany({
    where: { sha256, id: { not: exceptId } },
    select: { id: true, name: true, version: true },
    orderBy: [{ name: "asc" }, { version: "asc" }],
  });
}

async function unchangedUpload(id: string): Promise<UploadedResource> {
  const r = await prisma().resource.findUniqueOrThrow({ where: { id } });
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    kind: r.kind,
    fileName: r.fileName,
    size: r.sizeBytes,
    sha256: r.sha256,
    partitioners: r.classNames,
    ...(r.storeType ? { storeType: r.storeType } : {}),
    unchanged: true,
    sameContentAs: await sameContent(prisma(), r.sha256, r.id),
    warnings: [],
  };
}

function tooLarge(): TooLarge {
  return new TooLarge(
    `The file is larger than ${MAX_RESOURCE_BYTES / 1024 / 1024} MiB, the most a resource may be.`,
  );
}

function truncated(e: unknown): BadInput {
  const detail = e instanceof Error ? e.message : String(e);
  return new BadInput(
    `The upload ended before the file was complete (the request was cut off or is not well-formed multipart/form-data: ${detail}).`,
  );
}
