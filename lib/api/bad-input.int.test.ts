/**
 * Bad input gets a 400 or 413 naming the culprit — never a 500 — and leaves the server healthy:
 * each request of the list against the real route handlers and database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as diagnose } from "@/app/api/diagnostics/kafka/route";
import { GET as getDraft } from "@/app/api/drafts/[id]/route";
import { POST as createDraftRoute } from "@/app/api/drafts/route";
import { GET as listEvents } from "@/app/api/events/route";
import { GET as health } from "@/app/api/health/route";
import { GET as jobEvents } from "@/app/api/jobs/[id]/events/route";
import { GET as jobLogs } from "@/app/api/jobs/[id]/logs/route";
import { GET as listJobs, POST as deploy } from "@/app/api/jobs/route";
import { POST as validate } from "@/app/api/sql/validate/route";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { createJob } from "@/lib/jobs/create-job";
import { callRoute, signedRequest } from "@/lib/api/testing/route-request";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";

testInfrastructure();

const HUGE = "9999999999999999999";
let jobId: string;
let draftId: string;

const SQL = `CREATE TABLE src (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
CREATE TABLE snk (a INT) WITH ('connector' = 'blackhole');
`;
const insertOf = (expr: string) => `${SQL}INSERT INTO snk SELECT ${expr} FROM src;`;

beforeAll(async () => {
  jobId = (await createJob({ name: "bad-input-target", sql: insertOf("a") })).id;
  const res = await callRoute(createDraftRoute, {
    url: "http://test/api/drafts",
    body: { name: `bad-input-${Date.now()}`, sql: "" },
  });
  draftId = (await res.json()).id;
});

afterAll(async () => {
  await prisma().job.deleteMany({ where: { id: jobId } });
  await prisma().draft.deleteMany({ where: { id: draftId } });
  await disconnectPrisma();
});

async function problemOf(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()).detail as string;
}

const get = (handler: Parameters<typeof callRoute>[0], url: string, params = {}, headers = {}) =>
  (async () =>
    handler(await signedRequest(url, { headers }), { params: Promise.resolve(params) }))();

describe("bad input", () => {
  it("a 50 MB body: 413, read no further than the limit", async () => {
    let sent = 0;
    const piece = new TextEncoder().encode(`"${"x".repeat(65_534)}",`);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"name":"big","sql":['));
      },
      pull(c) {
        sent += piece.byteLength;
        if (sent > 50 * 1024 * 1024) c.close();
        else c.enqueue(piece);
      },
    });
    const res = await deploy(
      await signedRequest("http://test/api/jobs", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({}) },
    );
    expect(await problemOf(res, 413)).toMatch(/larger than 2 MiB/);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });

  it("unknown fields: 400 naming them", async () => {
    const res = await callRoute(deploy, {
      url: "http://test/api/jobs",
      body: { name: "x", sql: insertOf("a"), paralelism: 2 },
    });
    expect(await problemOf(res, 400)).toMatch(/Unrecognized key: "paralelism"/);
  });

  it("NUL bytes in names and SQL: 400 naming the field", async () => {
    const name = await callRoute(createDraftRoute, {
      url: "http://test/api/drafts",
      body: { name: "a\u0000b", sql: "" },
    });
    expect(await problemOf(name, 400)).toContain("'name'");
    const sql = await callRoute(validate, {
      url: "http://test/api/sql/validate",
      body: { sql: "SELECT 1\u0000" },
    });
    expect(await problemOf(sql, 400)).toContain("'sql'");
    const job = await callRoute(deploy, {
      url: "http://test/api/jobs",
      body: { name: "nul\u0000job", sql: insertOf("a") },
    });
    expect(await problemOf(job, 400)).toContain("'name'");
  });

  it("SQL nested 2,000 deep, a 150k-term sum, 20k nested CASE: diagnostics, and 422 at deploy", async () => {
    for (const expr of [
      "(".repeat(2000) + "a" + ")".repeat(2000),
      Array(150_000).fill("1").join("+"),
      "CASE WHEN a > 0 THEN ".repeat(20_000) + "a" + " END".repeat(20_000),
    ]) {
      const checked = await callRoute(validate, {
        url: "http://test/api/sql/validate",
        body: { sql: insertOf(expr) },
      });
      expect(checked.status).toBe(200);
      const { ok, diagnostics } = await checked.json();
      expect(ok).toBe(false);
      expect(diagnostics[0].message).toMatch(/nested too deeply|too deep/);
      const deployed = await callRoute(deploy, {
        url: "http://test/api/jobs",
        body: { name: "deep", sql: insertOf(expr) },
      });
      expect(await problemOf(deployed, 422)).toMatch(/nested too deeply|too deep/);
    }
  });

  it("numbers beyond the columns: 400 naming the field or header", async () => {
    const base = `http://test/api/jobs/${jobId}`;
    expect(
      await problemOf(await get(jobLogs, `${base}/logs?before=${HUGE}`, { id: jobId }), 400),
    ).toContain("'before'");
    expect(
      await problemOf(await get(jobLogs, `${base}/logs?after=${HUGE}`, { id: jobId }), 400),
    ).toContain("'after'");
    expect(
      await problemOf(await get(jobLogs, `${base}/logs?instance=99999999999`, { id: jobId }), 400),
    ).toContain("'instance'");
    expect(
      await problemOf(
        await get(jobEvents, `${base}/events`, { id: jobId }, { "last-event-id": HUGE }),
        400,
      ),
    ).toContain("'Last-Event-ID'");
    expect(
      await problemOf(
        await get(listEvents, "http://test/api/events", {}, { "last-event-id": HUGE }),
        400,
      ),
    ).toContain("'Last-Event-ID'");
    expect(
      await problemOf(
        await get(getDraft, `http://test/api/drafts/${draftId}?version=99999999999`, {
          id: draftId,
        }),
        400,
      ),
    ).toContain("'version'");
    const version = await callRoute(deploy, {
      url: "http://test/api/jobs",
      body: { name: "v", sql: insertOf("a"), draftId, draftVersion: 2 ** 40 },
    });
    expect(await problemOf(version, 400)).toContain("'draftVersion'");
  });

  it("diagnostics: too many addresses (400); too many at once (429 with Retry-After)", async () => {
    const many = Array.from({ length: 2004 }, (_, i) => `127.0.0.1:${20000 + i}`).join(",");
    const res = await callRoute(diagnose, {
      url: "http://test/api/diagnostics/kafka",
      body: { bootstrapServers: many },
    });
    expect(await problemOf(res, 400)).toMatch(/2004 addresses; a diagnosis probes at most 16/);
    const parallel = await Promise.all(
      Array.from({ length: 20 }, () =>
        callRoute(diagnose, {
          url: "http://test/api/diagnostics/kafka",
          body: { bootstrapServers: "127.0.0.1:1", timeoutMs: 500 },
        }),
      ),
    );
    const statuses = parallel.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(3);
    const limited = parallel.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("the server is still healthy and answers ordinary requests", async () => {
    const h = await (await get(health, "http://test/api/health")).json();
    expect(h.components.database.ok).toBe(true);
    const jobs = await get(listJobs, "http://test/api/jobs?limit=5");
    expect(jobs.status).toBe(200);
    const ok = await callRoute(validate, {
      url: "http://test/api/sql/validate",
      body: { sql: insertOf("a + 1") },
    });
    expect((await ok.json()).ok).toBe(true);
  });
});

describe("database errors", () => {
  it("are logged by code, never with the values they quote, and answered without them", async () => {
    const { route } = await import("@/lib/api/route");
    const { captureProcessLog } = await import("@/lib/secrets/testing/secret-scan");
    const VALUE = "prisma-quoted-password-5";
    const unique = route({ access: "public" }, async () => {
      // A real Prisma error whose message quotes the value: a unique violation on a literal.
      const data = { name: `${VALUE}-${Date.now()}` };
      const draft = await prisma().draft.create({ data: { name: data.name } });
      try {
        await prisma().draft.create({ data: { name: data.name } });
      } finally {
        await prisma().draft.delete({ where: { id: draft.id } });
      }
      return {};
    });
    const invalid = route({ access: "public" }, async () => {
      // A Prisma validation error: its message prints the whole call, values included.
      await prisma().secret.create({
        data: {
          name: VALUE,
          ciphertext: VALUE as unknown as Uint8Array<ArrayBuffer>,
          iv: new Uint8Array(1),
          authTag: new Uint8Array(1),
        },
      });
      return {};
    });
    const log = captureProcessLog();
    let bodies = "";
    try {
      for (const h of [unique, invalid]) {
        const res = await h(await signedRequest("http://test/api/x", { method: "POST" }), {
          params: Promise.resolve({}),
        });
        expect([400, 409, 500]).toContain(res.status);
        bodies += await res.text();
      }
    } finally {
      log.stop();
    }
    // The messages withheld did quote the value.
    const raw = await prisma()
      .secret.create({
        data: {
          name: VALUE,
          ciphertext: VALUE as unknown as Uint8Array<ArrayBuffer>,
          iv: new Uint8Array(1),
          authTag: new Uint8Array(1),
        },
      })
      .catch((e: unknown) => String(e));
    expect(raw).toContain(VALUE);
    expect(log.text()).toMatch(/Prisma\w*Error/);
    expect(log.text()).not.toContain(VALUE);
    expect(bodies).not.toContain(VALUE);
  });
});
