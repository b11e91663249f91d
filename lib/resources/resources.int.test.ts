/**
 * The resource API against the real PostgreSQL: uploads stream into chunk rows and come back
 * byte-exact; a name again makes a version, the same bytes are recognised; every refusal leaves
 * nothing stored; deletion is refused while a draft uses the version.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as uploadRoute } from "@/app/api/resources/route";
import { DELETE as deleteRoute, GET as getRoute } from "@/app/api/resources/[id]/route";
import { GET as contentRoute } from "@/app/api/resources/[id]/content/route";
import { POST as attachRoute } from "@/app/api/drafts/[id]/resources/route";
import { DELETE as detachRoute } from "@/app/api/drafts/[id]/resources/[resourceId]/route";
import { createDraft } from "@/lib/drafts/drafts";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { callRoute, signedRequest } from "@/lib/api/testing/route-request";
import { buildJar } from "./build-jar";
import { uploadFile } from "./testing/upload";
import { RESOURCE_CHUNK_BYTES } from "./resource-contents";

const JS = `export class ByRegion {
  open(id, count) { this.id = id; }
  partition(record, key, value, topic, partitions) { return partitions[0]; }
}
export const helper = 1;`;

const unique = (p: string) => `${p}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const counts = async () => ({
  resources: await prisma().resource.count(),
  chunks: await prisma().resourceChunk.count(),
});

describe("resources API", () => {
  afterAll(disconnectPrisma);

  it("stores a JS module in chunks and gives it back byte-exact", async () => {
    // A large comment makes the module span several chunk rows.
    const source = JS + "\n//" + randomBytes(RESOURCE_CHUNK_BYTES * 1.5).toString("base64") + "\n";
    const name = unique("js");
    const res = await uploadFile(Buffer.from(source), "by-region.mjs", name);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      name,
      version: 1,
      kind: "JS",
      size: Buffer.byteLength(source),
      sha256: createHash("sha256").update(source).digest("hex"),
      partitioners: ["ByRegion"],
    });
    expect(await prisma().resourceChunk.count({ where: { resourceId: body.id } })).toBe(
      Math.ceil(Buffer.byteLength(source) / RESOURCE_CHUNK_BYTES),
    );
    const download = await callRoute(contentRoute, { params: { id: body.id } });
    expect(download.headers.get("content-type")).toContain("javascript");
    expect(download.headers.get("content-disposition")).toContain("by-region.mjs");
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(source))).toBe(true);

    const detail = await (await callRoute(getRoute, { params: { id: body.id } })).json();
    expect(detail.otherClasses).toEqual(["helper"]);
    expect(detail.usage).toEqual({ drafts: [], jobs: [] });
  });

  it("makes a new version for a name again and recognises identical content", async () => {
    const name = unique("versions");
    const first = await (await uploadFile(Buffer.from(JS), "p.js", name)).json();
    const again = await uploadFile(Buffer.from(JS), "p.js", name);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, version: 1, unchanged: true });
    const changed = `${JS}\n// v2 of ${name}\n`;
    const second = await uploadFile(Buffer.from(changed), "p.js", name);
    expect(second.status).toBe(201);
    expect((await second.json()).version).toBe(2);
    const other = await (await uploadFile(Buffer.from(changed), "p.js", unique("copy"))).json();
    expect(other.sameContentAs).toEqual([{ id: expect.any(String), name, version: 2 }]);

    const detail = await (await callRoute(getRoute, { params: { id: first.id } })).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const list = await (
      await listRoute(await signedRequest(`http://test/api/resources?search=${name}`), {
        params: Promise.resolve({}),
      })
    ).json();
    expect(list.resources).toHaveLength(1);
    expect(list.resources[0]).toMatchObject({ name, version: 2, versions: 2 });
  });

  it("lists a JAR's partitioner classes, direct and through supertypes", async () => {
    const jar = await buildJar({
      "org/apache/flink/connector/kafka/sink/KafkaPartitioner.java":
        "package org.apache.flink.connector.kafka.sink; public interface KafkaPartitioner<T> extends java.io.Serializable { int partition(T r, byte[] k, byte[] v, String t, int[] p); }",
      "com/acme/Base.java":
        "package com.acme; public abstract class Base<T> implements org.apache.flink.connector.kafka.sink.KafkaPartitioner<T> {}",
      "com/acme/Direct.java":
        "package com.acme; public class Direct<T> implements org.apache.flink.connector.kafka.sink.KafkaPartitioner<T> { public int partition(T r, byte[] k, byte[] v, String t, int[] p) { return p[0]; } }",
      "com/acme/Derived.java":
        "package com.acme; public class Derived extends Base<Object> { public int partition(Object r, byte[] k, byte[] v, String t, int[] p) { return p[0]; } }",
      "com/acme/Util.java": "package com.acme; public class Util {}",
    });
    const res = await uploadFile(jar, "acme.jar");
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.name).toBe("acme");
    expect(body.partitioners).toEqual(["com.acme.Derived", "com.acme.Direct"]);
    const detail = await (await callRoute(getRoute, { params: { id: body.id } })).json();
    expect(detail.otherClasses).toContain("com.acme.Util");
    expect(detail.otherClasses).toContain("com.acme.Base");
    const download = await callRoute(contentRoute, { params: { id: body.id } });
    expect(Buffer.from(await download.arrayBuffer()).equals(jar)).toBe(true);
  });

  it("refuses wrong, empty, oversized, truncated and corrupt files, storing nothing", async () => {
    const before = await counts();
    const refusals: Array<[Promise<Response>, number, RegExp]> = [
      [
        uploadFile(Buffer.from("hello"), "notes.txt"),
        415,
        /upload a Java archive \(\.jar\), a JavaScript module \(\.js or \.mjs\) or a key or trust store \(\.jks, \.p12, \.pfx, \.pem or \.crt\)/,
      ],
      [uploadFile(Buffer.alloc(0), "empty.jar"), 400, /The file is empty/],
      [uploadFile(Buffer.from("not a zip at all"), "fake.jar"), 415, /not a JAR/],
      [
        uploadFile(Buffer.from("PK\u0003\u0004garbage"), "broken.jar"),
        422,
        /not a valid JAR \(zip\)/,
      ],
      [
        uploadFile(Buffer.from("export class {"), "bad.mjs"),
        422,
        /cannot be loaded: The module does not compile/,
      ],
      [uploadFile(Buffer.from("export const x = 1;"), "none.mjs"), 422, /exports no partitioner/],
      [
        uploadFile(
          Buffer.from("import fs from 'node:fs'; export class A { partition() { return 0; } }"),
          "imp.mjs",
        ),
        422,
        /not available/,
      ],
      [uploadFile(Buffer.from(JS), "x.js", "bad name!"), 400, /Invalid resource name/],
    ];
    for (const [pending, status, message] of refusals) {
      const res = await pending;
      const problem = await res.json();
      expect({ status: res.status, detail: problem.detail }).toEqual({
        status,
        detail: expect.stringMatching(message),
      });
    }
    // A JAR cut short: a valid JAR missing its end.
    const jar = await buildJar({ "a/A.java": "package a; public class A {}" });
    const cut = await uploadFile(jar.subarray(0, jar.length - 30), "cut.jar");
    expect(cut.status).toBe(422);
    expect((await cut.json()).detail).toMatch(/not a valid JAR/);
    // A request body cut off mid-file: the multipart form never ends.
    const boundary = "----tributary-test";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.mjs"\r\nContent-Type: text/javascript\r\n\r\n`;
    const truncated = await uploadRoute(
      await signedRequest("http://test/api/resources", {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
        body: head + JS,
      }),
      { params: Promise.resolve({}) },
    );
    expect(truncated.status).toBe(400);
    expect((await truncated.json()).detail).toMatch(/ended before the file was complete/);
    const notMultipart = await uploadRoute(
      await signedRequest("http://test/api/resources", { method: "POST", body: JS }),
      { params: Promise.resolve({}) },
    );
    expect(notMultipart.status).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it("refuses a file over 100 MiB and keeps nothing of it", async () => {
    const before = await counts();
    const big = Buffer.alloc(100 * 1024 * 1024 + 10, 0x20);
    big.write("PK\u0003\u0004");
    const res = await uploadFile(big, "big.jar");
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/larger than 100 MiB/);
    expect(await counts()).toEqual(before);
  });

  it("attaches to a draft, and refuses deletion while attached, naming the draft", async () => {
    const uploaded = await (
      await uploadFile(Buffer.from(JS + "//attach"), "a.mjs", unique("att"))
    ).json();
    const draft = await createDraft({ name: unique("draft"), sql: "" });
    const attached = await callRoute(attachRoute, {
      params: { id: draft.id },
      body: { resourceId: uploaded.id },
    });
    expect((await attached.json()).resources).toMatchObject([
      { id: uploaded.id, partitioners: ["ByRegion"] },
    ]);
    const refused = await callRoute(deleteRoute, { method: "DELETE", params: { id: uploaded.id } });
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toContain(`draft '${draft.name}'`);
    const detail = await (await callRoute(getRoute, { params: { id: uploaded.id } })).json();
    expect(detail.usage.drafts).toEqual([{ id: draft.id, name: draft.name }]);

    await callRoute(detachRoute, {
      method: "DELETE",
      params: { id: draft.id, resourceId: uploaded.id },
    });
    const deleted = await callRoute(deleteRoute, { method: "DELETE", params: { id: uploaded.id } });
    expect(deleted.status).toBe(204);
    expect(await prisma().resourceChunk.count({ where: { resourceId: uploaded.id } })).toBe(0);
    expect((await callRoute(getRoute, { params: { id: uploaded.id } })).status).toBe(404);
  });
});
