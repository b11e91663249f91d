import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./problem";
import { route } from "./route";

const noParams = { params: Promise.resolve({}) };

function post(body: string) {
  return new Request("http://localhost:3000/api/x", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });
}

describe("route()", () => {
  const handler = route(
    {
      access: "public",
      body: z.object({ name: z.string().min(1), parallelism: z.number().int().positive() }),
    },
    async ({ body }) => ({ hello: body.name, parallelism: body.parallelism }),
  );

  it("parses the body with the schema and answers JSON", async () => {
    const res = await handler(post('{"name":"job","parallelism":2}'), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: "job", parallelism: 2 });
  });

  it("names the culprit field of invalid input in a 400 problem", async () => {
    const res = await handler(post('{"name":"job","parallelism":0}'), noParams);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const p = await res.json();
    expect(p.status).toBe(400);
    expect(p.detail).toContain("'parallelism'");
    expect(p.errors[0].path).toBe("parallelism");
  });

  it("rejects a body that is not JSON, saying so", async () => {
    const res = await handler(post("{nope"), noParams);
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/not valid JSON/);
  });

  it("maps ApiError to its status and message", async () => {
    const h = route({ access: "public" }, async () => {
      throw new ApiError(409, "Draft 'x' already exists.");
    });
    const res = await h(new Request("http://localhost:3000/api/x"), noParams);
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toBe("Draft 'x' already exists.");
  });

  it("hides the details of unexpected errors behind a 500", async () => {
    const h = route({ access: "public" }, async () => {
      throw new Error('connect failed password="hunter2"');
    });
    const res = await h(new Request("http://localhost:3000/api/x"), noParams);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("hunter2");
  });

  it("validates path parameters and query strings", async () => {
    const h = route(
      {
        access: "public",
        params: z.object({ id: z.uuid() }),
        query: z.object({ limit: z.coerce.number().max(100) }),
      },
      async ({ params, query }) => ({ id: params.id, limit: query.limit }),
    );
    const bad = await h(new Request("http://localhost:3000/api/jobs/x?limit=5"), {
      params: Promise.resolve({ id: "x" }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain("path parameter 'id'");
    const tooMany = await h(new Request("http://localhost:3000/api/jobs/1?limit=500"), {
      params: Promise.resolve({ id: "0e4c7d3a-2f1b-4f7e-9a51-3c1e2d4b5a6f" }),
    });
    expect((await tooMany.json()).detail).toContain("query parameter 'limit'");
  });
});
