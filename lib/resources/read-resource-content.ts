/** A resource's bytes, read back chunk by chunk: a download streams, a worker loads. */
import { Forbidden, NotFound } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { contentTypeOf } from "./resource-kind";

export async function* resourceChunks(resourceId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await prisma().resourceChunk.findUnique({
      where: { resourceId_seq: { resourceId, seq } },
      select: { data: true },
    });
    if (!chunk) return;
    yield chunk.data;
  }
}

export async function readResourceBytes(resourceId: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of resourceChunks(resourceId)) parts.push(part);
  return Buffer.concat(parts);
}

/** The download: byte-exact, streamed, with the uploaded file's name. */
export async function resourceContentResponse(id: string): Promise<Response> {
  const r = await prisma().resource.findUnique({
    where: { id },
    select: { sizeBytes: true, sha256: true, kind: true, fileName: true },
  });
  if (!r || r.sha256 === "") throw new NotFound(`Resource ${id} was not found.`);
  // A key store holds a private key (a PEM one possibly unencrypted): its bytes go to workers only.
  if (r.kind === "STORE")
    throw new Forbidden(
      `Resource ${id} is a key or trust store: its bytes are not served back (they may hold a private key). Upload it again from your copy if you need it elsewhere.`,
    );
  const chunks = resourceChunks(id);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const fileName = r.fileName || `resource.${r.kind === "JAR" ? "jar" : "mjs"}`;
  return new Response(body, {
    headers: {
      "content-type": contentTypeOf(r.kind),
      "content-length": String(r.sizeBytes),
      "content-disposition": `attachment; filename="${fileName.replace(/["\\\r\n]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      etag: `"${r.sha256}"`,
      "x-content-sha256": r.sha256,
    },
  });
}
