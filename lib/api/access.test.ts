import { describe, expect, it } from "vitest";
import { route } from "./route";
import { testSessions } from "./session";
import { testSession } from "@/lib/api/testing/route-request";
import type { Role } from "@/lib/auth/roles";

const noParams = { params: Promise.resolve({}) };
const OWN = "http://localhost:3000";

function request(
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  url = `${OWN}/api/x`,
) {
  return new Request(url, {
    method: init.method ?? "GET",
    headers: { host: "localhost:3000", ...init.headers },
    body: init.body,
  });
}

async function as(role: Role, req: Request): Promise<Request> {
  testSessions.set(req, await testSession(role));
  return req;
}

const ok = async () => ({ ok: true });
const sameOrigin = { origin: OWN, "content-type": "application/json" };

describe("route() access rules", () => {
  it("refuses anonymous callers with 401 and too-low roles with 403", async () => {
    const editorOnly = route({ access: "editor" }, ok);
    expect((await editorOnly(request(), noParams)).status).toBe(401);
    expect((await editorOnly(await as("viewer", request()), noParams)).status).toBe(403);
    const refused = await (await editorOnly(await as("viewer", request()), noParams)).json();
    expect(refused.detail).toBe("This needs the editor role; you are viewer.");
    expect((await editorOnly(await as("editor", request()), noParams)).status).toBe(200);
    expect((await editorOnly(await as("admin", request()), noParams)).status).toBe(200);
    expect(editorOnly.access).toBe("editor");
  });

  it("lets anyone call public routes, telling the handler who calls", async () => {
    const h = route({ access: "public" }, async ({ session }) => ({
      anonymous: session.anonymous,
    }));
    expect(await (await h(request(), noParams)).json()).toEqual({ anonymous: true });
    expect(await (await h(await as("viewer", request()), noParams)).json()).toEqual({
      anonymous: false,
    });
  });

  it("refuses a malformed Authorization header or an unknown token without asking the database", async () => {
    const h = route({ access: "viewer" }, ok);
    const basic = await h(request({ headers: { authorization: "Basic YTpi" } }), noParams);
    expect(basic.status).toBe(401);
    expect((await basic.json()).detail).toContain("Bearer");
    const junk = await h(request({ headers: { authorization: "Bearer nope" } }), noParams);
    expect(junk.status).toBe(401);
  });
});

describe("route() host and cross-site checks", () => {
  const h = route({ access: "public" }, ok);

  it("refuses a Host the console does not serve (DNS rebinding), 421", async () => {
    const res = await h(request({ headers: { host: "evil.example" } }), noParams);
    expect(res.status).toBe(421);
    expect((await res.json()).detail).toContain("'evil.example'");
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000"]) {
      expect((await h(request({ headers: { host } }), noParams)).status).toBe(200);
    }
    // Another port of the same machine is another origin.
    expect((await h(request({ headers: { host: "localhost:3001" } }), noParams)).status).toBe(421);
  });

  it("refuses state changes whose body is not JSON (HTML forms), 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const res = await h(
        await as(
          "admin",
          request({ method: "POST", headers: { ...sameOrigin, "content-type": type }, body: "{}" }),
        ),
        noParams,
      );
      expect(res.status).toBe(415);
    }
    const json = await h(
      await as("admin", request({ method: "POST", headers: sameOrigin, body: "{}" })),
      noParams,
    );
    expect(json.status).toBe(200);
    // A POST without a body needs no content type.
    const empty = await h(
      await as("admin", request({ method: "POST", headers: { origin: OWN } })),
      noParams,
    );
    expect(empty.status).toBe(200);
  });

  it("refuses signed-in state changes from another origin, 403", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await h(
        await as(
          "admin",
          request({
            method,
            headers: { ...sameOrigin, origin: "http://evil.example" },
            body: "{}",
          }),
        ),
        noParams,
      );
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toContain("http://evil.example");
    }
    const fetchSite = await h(
      await as(
        "admin",
        request({
          method: "POST",
          headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
          body: "{}",
        }),
      ),
      noParams,
    );
    expect(fetchSite.status).toBe(403);
    const sameSite = await h(
      await as(
        "admin",
        request({
          method: "POST",
          headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
          body: "{}",
        }),
      ),
      noParams,
    );
    expect(sameSite.status).toBe(200);
    // A browser session without any origin header is refused; reads are not state changes.
    const bare = await h(
      await as(
        "admin",
        request({ method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      ),
      noParams,
    );
    expect(bare.status).toBe(403);
    const read = await h(
      await as("admin", request({ headers: { origin: "http://evil.example" } })),
      noParams,
    );
    expect(read.status).toBe(200);
  });

  it("refuses an anonymous cross-origin POST too (login CSRF)", async () => {
    const res = await h(
      request({
        method: "POST",
        headers: { ...sameOrigin, origin: "http://evil.example" },
        body: "{}",
      }),
      noParams,
    );
    expect(res.status).toBe(403);
  });
});
