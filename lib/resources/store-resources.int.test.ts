/**
 * Key and trust stores uploaded as resources, from the upload to a worker's TLS handshake: the
 * upload checks the store (with its password when given; a wrong one stores nothing), its bytes are
 * never served back, a deploy naming an unattached `/flink/usrlib/<file>` is refused, and a real
 * worker running the deployed job copies the pinned JKS trust store and PKCS12 key store out and
 * completes a mutual-TLS handshake with them against a TLS listener (Node's, loading the server's
 * own PKCS12 store, an independent reader) that checks the client's certificate.
 */
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as contentRoute } from "@/app/api/resources/[id]/content/route";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { createDraft } from "@/lib/drafts/drafts";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { getJob } from "@/lib/jobs/get-job";
import { uniqueName } from "@/lib/runtime/testing/run-script";
import { runJob } from "@/lib/runtime";
import { callRoute } from "@/lib/api/testing/route-request";
import { eventually, signOffWorkersOf, startTestWorker } from "@/lib/workers/testing/test-workers";
import { runPreviewInWorker } from "@/lib/preview/preview-worker";
import { draftStoreResolver } from "./attached-stores";
import { attachDraftResource, listDraftResources } from "./draft-resources";
import { makeKeytoolStores, type KeytoolStores } from "./testing/keytool-stores";
import { uploadFile } from "./testing/upload";

let stores: KeytoolStores;
let server: tls.Server;
let port = 0;
const handshakes: string[] = [];

beforeAll(async () => {
  stores = makeKeytoolStores();
  server = tls.createServer(
    {
      pfx: stores.bytes("server.p12"),
      passphrase: "server-pw",
      requestCert: true,
      rejectUnauthorized: true,
      ca: [stores.bytes("client.pem").toString("utf8")],
    },
    (socket) => {
      handshakes.push(String(socket.getPeerCertificate().subject?.CN));
      // Not a Kafka broker: the client's first request fails, which is all this test needs.
      socket.destroy();
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await signOffWorkersOf([process.pid]);
  server?.close();
  stores?.remove();
  await disconnectPrisma();
});

/** A kafka table on the TLS listener, with the attached trust store and the client key store. */
const tlsTable = (name: string, trustFile: string, extra = "") => `
  CREATE TABLE ${name} (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'tls-topic',
    'properties.bootstrap.servers' = '127.0.0.1:${port}', 'format' = 'csv',${extra}
    'properties.security.protocol' = 'SSL',
    'properties.ssl.truststore.location' = '/flink/usrlib/${trustFile}',
    'properties.ssl.truststore.password' = 'trust-pw',
    'properties.ssl.keystore.type' = 'PKCS12',
    'properties.ssl.keystore.location' = '/flink/usrlib/client.p12',
    'properties.ssl.keystore.password' = 'client-pw');`;

const sql = (trustFile: string) => `
  CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1');
  ${tlsTable("dst", trustFile)}
  INSERT INTO dst SELECT id FROM gen;`;

describe("key and trust stores as resources", () => {
  it("checks an upload: opened with its password, a wrong one refused with nothing stored", async () => {
    const name = uniqueName("truststore");
    const res = await uploadFile(stores.bytes("trust.jks"), "kafka.client.truststore.jks", name, {
      password: "trust-pw",
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      name,
      kind: "STORE",
      storeType: "JKS",
      certificates: ["CN=localhost"],
      partitioners: [],
      warnings: [],
    });
    expect(JSON.stringify(body)).not.toContain("trust-pw");

    const before = await prisma().resource.count();
    const wrong = await uploadFile(stores.bytes("trust.p12"), "trust.p12", uniqueName("t"), {
      password: "wrong-pw-123",
    });
    expect(wrong.status).toBe(422);
    const problem = await wrong.json();
    expect(problem.detail).toBe(
      "The PKCS12 store does not open with the password given (wrong password or damaged file).",
    );
    const notAStore = await uploadFile(Buffer.from("just text"), "ca.pem", uniqueName("t"));
    expect(notAStore.status).toBe(415);
    expect(await prisma().resource.count()).toBe(before);

    // Without a password only the format is checked, and the upload says so.
    const unopened = await (
      await uploadFile(stores.bytes("trust.p12"), "trust.p12", uniqueName("t"))
    ).json();
    expect(unopened).toMatchObject({ kind: "STORE", storeType: "PKCS12", certificates: [] });
    expect(unopened.warnings[0]).toMatch(/^The PKCS12 store was not opened/);

    const download = await callRoute(contentRoute, { params: { id: body.id } });
    expect(download.status).toBe(403);
    expect((await download.json()).detail).toMatch(
      /is a key or trust store: its bytes are not served back/,
    );
  });

  it(
    "runs a deployed job whose worker connects with the attached stores (mutual TLS)",
    { timeout: 120_000 },
    async () => {
      const trust = await (
        await uploadFile(stores.bytes("trust.jks"), "trust.jks", uniqueName("trust"), {
          password: "trust-pw",
        })
      ).json();
      const client = await (
        await uploadFile(stores.bytes("client.p12"), "client.p12", uniqueName("client"), {
          password: "client-pw",
        })
      ).json();
      const draft = await createDraft({ name: uniqueName("draft"), sql: "" });
      await attachDraftResource(draft.id, trust.id);
      await attachDraftResource(draft.id, client.id);
      expect((await listDraftResources(draft.id)).map((r) => [r.fileName, r.storeType])).toEqual([
        ["trust.jks", "JKS"],
        ["client.p12", "PKCS12"],
      ]);
      // Another resource with the same file name would make '/flink/usrlib/trust.jks' ambiguous.
      const twin = await (
        await uploadFile(stores.bytes("trust.p12"), "trust.jks", uniqueName("twin"))
      ).json();
      expect(twin.storeType).toBe("PKCS12");
      await expect(attachDraftResource(draft.id, twin.id)).rejects.toThrow(
        `Resource '${trust.name}' attached to this draft is also the file 'trust.jks': '/flink/usrlib/trust.jks' would name both. Detach it first.`,
      );

      // A location naming a file no attached store has is refused at deploy, with the closest one.
      await expect(
        createJob({ name: "x", sql: sql("trust.jsk"), draftId: draft.id }),
      ).rejects.toThrow(
        "No trust store 'trust.jsk' is attached to the job: '/flink/usrlib/<file name>' names an attached key or trust store resource. Did you mean '/flink/usrlib/trust.jks'?",
      );

      const worker = await startTestWorker(runJob);
      try {
        const { id } = await createJob({
          name: uniqueName("tls-job"),
          sql: sql("trust.jks"),
          draftId: draft.id,
        });
        const job = await getJob(id);
        expect(job.engine).toBe("embedded");
        expect(job.resources.map((r) => r.name).sort()).toEqual([client.name, trust.name].sort());
        await eventually(
          async () => handshakes.includes("tributary-client"),
          60_000,
          "the worker completes a TLS handshake with the attached key store's certificate",
        );
        await cancelJob(id).catch(() => undefined);
      } finally {
        await worker.stop();
      }

      // The editor's preview reads a TLS source with the draft's stores too.
      handshakes.length = 0;
      // Through the preview worker, as the route runs it: the copy is asked for over IPC.
      const preview = await runPreviewInWorker({
        sql: `${tlsTable("tls_src", "trust.jks", " 'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset',")}
          CREATE TABLE out_bh (id BIGINT) WITH ('connector' = 'blackhole');
          INSERT INTO out_bh SELECT id FROM tls_src;`,
        rows: 1,
        timeoutMs: 5_000,
        resolveSecret: async () => "",
        resolveStoreFile: await draftStoreResolver(draft.id),
      });
      expect(preview.ok).toBe(false);
      expect(handshakes).toContain("tributary-client");
    },
  );
});
