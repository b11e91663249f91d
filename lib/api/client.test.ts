import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiClientError, apiRequest } from "./client";
import { problem } from "./problem";

/** A fake fetch answering each call with the next response, recording what was asked. */
function fakeFetch(...answers: Array<Response | Error>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  });
  vi.stubGlobal("fetch", fetch);
  return calls;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const problemAnswer = (
  status: number,
  detail: string,
  errors?: Array<{ path: string; message: string }>,
) =>
  new Response(JSON.stringify(problem(status, detail, errors)), {
    status,
    headers: { "content-type": "application/problem+json" },
  });

const DRAFT = {
  id: "6f1c2c8e-5a4b-4c1e-9a43-1d2e3f4a5b6c",
  name: "orders",
  latestVersion: 2,
  updatedAt: "2026-12-04T21:00:00.000Z",
  tags: ["kafka"],
  archivedAt: null,
  createdBy: "admin@localhost",
  version: 2,
  sql: "SELECT 1",
  versions: [{ version: 2, comment: null, createdAt: "2026-12-04T21:00:00.000Z" }],
};

afterEach(() => vi.unstubAllGlobals());

describe("the browser's API client", () => {
  it("answers a call with the parsed, typed body, asking as the console's pages always did", async () => {
    const calls = fakeFetch(json(DRAFT));
    const draft = await api.drafts.get(DRAFT.id, 2);
    expect(draft).toEqual(DRAFT);
    expect(calls[0].url).toBe(`/api/drafts/${DRAFT.id}?version=2`);
    expect(calls[0].init).toMatchObject({ method: "GET", credentials: "same-origin" });
    // No body, no content type: a GET stays a simple request.
    expect(calls[0].init.headers).toBeUndefined();
  });

  it("sends a body as JSON with its content type (the type the route wrapper's CSRF check takes)", async () => {
    const calls = fakeFetch(json({ id: "j1" }, 201));
    await expect(api.jobs.deploy({ name: "j", sql: "INSERT INTO s SELECT 1" })).resolves.toEqual({
      id: "j1",
    });
    expect(calls[0].url).toBe("/api/jobs");
    expect(calls[0].init.method).toBe("POST");
    expect(calls[0].init.headers).toEqual({ "content-type": "application/json" });
    expect(JSON.parse(String(calls[0].init.body))).toEqual({
      name: "j",
      sql: "INSERT INTO s SELECT 1",
    });
  });

  it("leaves out query parameters that are not given and encodes path segments", async () => {
    const calls = fakeFetch(json({ jobs: [], total: 0 }), new Response(null, { status: 204 }));
    await api.jobs.list({ limit: 20, offset: 0, archived: false, search: undefined });
    expect(calls[0].url).toBe("/api/jobs?limit=20&offset=0&archived=false");
    await expect(api.secrets.delete("a b/c")).resolves.toBeUndefined();
    expect(calls[1].url).toBe("/api/secrets/a%20b%2Fc");
    expect(calls[1].init.method).toBe("DELETE");
  });

  it("throws one ApiClientError with the status, the problem's detail and its field errors", async () => {
    fakeFetch(
      problemAnswer(400, "Invalid request body field 'name': must not be empty", [
        { path: "name", message: "must not be empty" },
        { path: "tags.0", message: "must be at most 50 characters" },
      ]),
    );
    const error = await api.drafts.create({ name: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    const e = error as ApiClientError;
    expect(e.status).toBe(400);
    // What the UI shows, as before: the problem's detail.
    expect(e.message).toBe("Invalid request body field 'name': must not be empty");
    expect(e.field).toBe("name");
    expect(e.errors).toEqual([
      { path: "name", message: "must not be empty" },
      { path: "tags.0", message: "must be at most 50 characters" },
    ]);
    expect(e.line).toBeUndefined();
  });

  it("gives a script place the server names (sql:line:column) as field, line and column", async () => {
    fakeFetch(
      problemAnswer(422, "The script has errors.", [
        { path: "sql:3:7", message: "Unknown column 'x'." },
      ]),
    );
    const e = (await api.jobs
      .deploy({ name: "j", sql: "…" })
      .catch((x: unknown) => x)) as ApiClientError;
    expect(e.status).toBe(422);
    expect([e.field, e.line, e.column]).toEqual(["sql", 3, 7]);
  });

  it("says the status when an error answer is not a problem document", async () => {
    fakeFetch(new Response("<html>bad gateway</html>", { status: 502 }));
    await expect(api.tokens.list()).rejects.toMatchObject({
      name: "ApiClientError",
      status: 502,
      message: "The request failed (HTTP 502).",
      errors: [],
    });
  });

  it("turns a network failure into an ApiClientError with status 0, and lets an abort through", async () => {
    fakeFetch(new TypeError("Failed to fetch"));
    await expect(api.users.list()).rejects.toMatchObject({
      name: "ApiClientError",
      status: 0,
      message: "The connection to the console failed (Failed to fetch).",
    });
    const abort = new DOMException("The operation was aborted.", "AbortError");
    fakeFetch(abort);
    await expect(api.auth.sessions(new AbortController().signal)).rejects.toBe(abort);
  });

  it("refuses an answer that does not match the endpoint's schema, naming where", async () => {
    fakeFetch(json({ drafts: [{ ...DRAFT, tags: "kafka" }] }));
    const error = await api.drafts.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect((error as ApiClientError).status).toBe(200);
    expect((error as ApiClientError).message).toMatch(
      /^The console answered GET \/api\/drafts with something this page does not understand \('drafts\.0\.tags': .+\); reload the page\.$/,
    );
  });

  it("takes health's 503 as its report, not as an error", async () => {
    const report = {
      ok: false,
      checkedAt: "now",
      components: { kafka: { ok: false, reason: "down" } },
    };
    fakeFetch(json(report, 503));
    await expect(api.health()).resolves.toEqual(report);
  });

  it("returns the body as it came when the endpoint has no schema", async () => {
    fakeFetch(json({ anything: [1, 2] }));
    await expect(apiRequest("GET", "/api/x")).resolves.toEqual({ anything: [1, 2] });
  });
});
