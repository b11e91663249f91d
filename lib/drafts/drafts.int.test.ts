import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/drafts/route";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
  PUT as saveRoute,
} from "@/app/api/drafts/[id]/route";
import { disconnectPrisma } from "@/lib/db/prisma";
import { callRoute } from "@/lib/api/testing/route-request";

type Ctx = { params: Promise<Record<string, string>> };
const none: Ctx = { params: Promise.resolve({}) };
/** The route handlers as these tests call them: a JSON body, the route's params, as an admin. */
const json = (method: string, body: unknown) => ({ method, body });
const send =
  (handler: Parameters<typeof callRoute>[0]) =>
  async (req: { method?: string; body?: unknown; url?: string }, ctx: Ctx) =>
    callRoute(handler, {
      ...req,
      url: `http://test${req.url ?? "/api/drafts"}`,
      params: await ctx.params,
    });
const get = (url: string) => ({ url });
const create = send(createRoute);
const save = send(saveRoute);
const listDrafts = send(listRoute);
const read = send(getRoute);
const patch = send(patchRoute);
const remove = send(deleteRoute);

describe("drafts API", () => {
  afterAll(disconnectPrisma);
  const name = `draft-${Date.now()}`;

  it("creates a draft, keeps every saved version, and lists it", async () => {
    const created = await create(json("POST", { name, sql: "SELECT 1;" }), none);
    expect(created.status).toBe(201);
    const draft = await created.json();
    expect(draft.latestVersion).toBe(1);
    const ctx = { params: Promise.resolve({ id: draft.id }) };

    const saved = await save(json("PUT", { sql: "SELECT 2;", baseVersion: 1 }), ctx);
    expect((await saved.json()).latestVersion).toBe(2);

    const v1 = await read(get(`/api/drafts/${draft.id}?version=1`), ctx);
    expect((await v1.json()).sql).toBe("SELECT 1;");
    const latest = await (await read(get(`/api/drafts/${draft.id}`), ctx)).json();
    expect(latest.sql).toBe("SELECT 2;");
    expect(latest.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const list = await (await listDrafts(get("/api/drafts"), none)).json();
    expect(list.drafts.some((d: { name: string }) => d.name === name)).toBe(true);
  });

  it("refuses a duplicate name and a stale save with 409, losing nothing", async () => {
    const dup = await create(json("POST", { name, sql: "" }), none);
    expect(dup.status).toBe(409);
    expect((await dup.json()).detail).toContain(`'${name}' already exists`);

    const list = await (await listDrafts(get("/api/drafts"), none)).json();
    const id = list.drafts.find((d: { name: string }) => d.name === name).id;
    const ctx = { params: Promise.resolve({ id }) };
    const stale = await save(json("PUT", { sql: "SELECT 3;", baseVersion: 1 }), ctx);
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toMatch(/saved as version 2 since you opened version 1/);
    const latest = await (await read(get(`/api/drafts/${id}`), ctx)).json();
    expect(latest.sql).toBe("SELECT 2;");
  });

  it("gives concurrent saves consecutive versions", async () => {
    const created = await (await create(json("POST", { name: `${name}-c`, sql: "" }), none)).json();
    const ctx = { params: Promise.resolve({ id: created.id }) };
    await Promise.all([1, 2, 3, 4].map((n) => save(json("PUT", { sql: `SELECT ${n};` }), ctx)));
    const latest = await (await read(get(`/api/drafts/${created.id}`), ctx)).json();
    expect(latest.versions.map((v: { version: number }) => v.version)).toEqual([5, 4, 3, 2, 1]);
  });

  it("answers 404 for an unknown draft and 400 for a malformed id", async () => {
    const missing = await read(get("/x"), {
      params: Promise.resolve({ id: "0e4c7d3a-2f1b-4f7e-9a51-3c1e2d4b5a6f" }),
    });
    expect(missing.status).toBe(404);
    const bad = await read(get("/x"), {
      params: Promise.resolve({ id: "nope" }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain("path parameter 'id'");
  });

  it("renames and tags a draft, deletes it to the archive and restores it, versions intact", async () => {
    const created = await (
      await create(json("POST", { name: `${name}-a`, sql: "SELECT 1;", tags: ["etl"] }), none)
    ).json();
    const ctx = { params: Promise.resolve({ id: created.id }) };
    expect(created.tags).toEqual(["etl"]);
    const renamed = await (
      await patch(json("PATCH", { name: `${name}-b`, tags: ["etl", "prod", "etl"] }), ctx)
    ).json();
    expect(renamed.name).toBe(`${name}-b`);
    expect(renamed.tags).toEqual(["etl", "prod"]);
    const taken = await patch(json("PATCH", { name }), ctx);
    expect(taken.status).toBe(409);
    expect((await patch(json("PATCH", {}), ctx)).status).toBe(400);

    const deleted = await remove({ method: "DELETE" }, ctx);
    expect((await deleted.json()).archivedAt).not.toBeNull();
    const names = async (q: string) =>
      (await (await listDrafts(get(`/api/drafts${q}`), none)).json()).drafts.map(
        (d: { name: string }) => d.name,
      );
    expect(await names("")).not.toContain(`${name}-b`);
    expect(await names("?archived=true")).toContain(`${name}-b`);
    const restored = await (await patch(json("PATCH", { archived: false }), ctx)).json();
    expect(restored.archivedAt).toBeNull();
    expect(restored.sql).toBe("SELECT 1;");
    expect(await names("")).toContain(`${name}-b`);
  });
});
