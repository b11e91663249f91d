import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./problem";
import { Conflict, Invalid, NotFound } from "@/lib/domain-errors";
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

  it("maps domain errors to HTTP here only: NotFound 404, Conflict 409, Invalid 422", async () => {
    const cases: Array<[Error, number]> = [
      [new NotFound("Job j was not found."), 404],
      [new Conflict("Job j is already FINISHED; there is nothing to cancel."), 409],
      [new Invalid("The script has 1 error", [{ path: "sql:1:1", message: "bad" }]), 422],
    ];
    for (const [error, status] of cases) {
      const h = route({ access: "public" }, async () => {
        throw error;
      });
      const res = await h(new Request("http://localhost:3000/api/x"), noParams);
      expect(res.status).toBe(status);
      const p = await res.json();
      expect(p.detail).toBe(error.message);
      if (error instanceof Invalid) expect(p.errors).toEqual([{ path: "sql:1:1", message: "bad" }]);
    }
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

describe("route() input bounds", () => {
  const handler = route(
    {
      access: "public",
      body: z.object({
        name: z.string(),
        nested: z.object({ a: z.number() }).optional(),
        list: z.array(z.object({ b: z.string() })).optional(),
      }),
      query: z.object({ limit: z.coerce.number().optional() }),
    },
    async ({ body }) => ({ name: body.name }),
  );

  it("refuses a body over 2 MiB while streaming it, without reading it whole (413)", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost:3000/api/x", {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    const res = await handler(req, noParams);
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/larger than 2 MiB/);
    expect(pulled).toBeLessThan(3 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the limit at once", async () => {
    const req = new Request("http://localhost:3000/api/x", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) },
    });
    expect((await handler(req, noParams)).status).toBe(413);
  });

  it("refuses unknown fields, also nested, naming them", async () => {
    const top = await handler(post('{"name":"x","extra":1}'), noParams);
    expect(top.status).toBe(400);
    expect((await top.json()).detail).toMatch(/Unrecognized key: "extra"/);
    const nested = await handler(post('{"name":"x","nested":{"a":1,"z":2}}'), noParams);
    expect((await nested.json()).detail).toMatch(/'nested'.*"z"/);
    const inList = await handler(post('{"name":"x","list":[{"b":"1","c":2}]}'), noParams);
    expect((await inList.json()).detail).toMatch(/'list.0'.*"c"/);
    const query = await handler(
      new Request("http://localhost:3000/api/x?limit=1&debug=1", {
        method: "POST",
        body: '{"name":"x"}',
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    expect((await query.json()).detail).toMatch(/query parameter.*"debug"/);
  });

  it("keeps a schema's own choice of loose objects", async () => {
    const loose = route(
      { access: "public", body: z.looseObject({ a: z.string() }) },
      async ({ body }) => body,
    );
    expect((await loose(post('{"a":"1","b":2}'), noParams)).status).toBe(200);
  });

  it("refuses NUL characters, naming the field", async () => {
    const res = await handler(post('{"name":"a\\u0000b"}'), noParams);
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.detail).toBe("Invalid request body field 'name': contains a NUL character (\\0).");
    const inQuery = await handler(
      new Request("http://localhost:3000/api/x?limit=%00", {
        method: "POST",
        body: '{"name":"x"}',
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    expect((await inQuery.json()).detail).toContain("query parameter 'limit'");
  });

  it("answers 400, not 500, to database errors only input causes, and logs none of their values", async () => {
    const err = Object.assign(
      new Error('value "9999999999999999999" out of range for type bigint'),
      {
        code: "22003",
        severity: "ERROR",
      },
    );
    const h = route({ access: "public" }, async () => {
      throw err;
    });
    const res = await h(new Request("http://localhost:3000/api/x"), noParams);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).not.toContain("9999");
  });
});

describe("database errors in the log", () => {
  it("are described by class and code, never by message", async () => {
    const { describeErrorForLog } = await import("@/lib/logging/describe-error");
    const prismaError = Object.assign(
      new Error('Invalid `prisma.job.create()` invocation: password: "hunter2"'),
      {
        name: "PrismaClientValidationError",
        clientVersion: "7.10.1",
      },
    );
    expect(describeErrorForLog(prismaError)).toBe(
      "PrismaClientValidationError (message withheld: database errors can quote values)",
    );
    const known = Object.assign(new Error("Unique constraint failed on the value 'hunter2'"), {
      name: "PrismaClientKnownRequestError",
      code: "P2002",
      clientVersion: "7.10.1",
      meta: { modelName: "Secret", target: ["name"] },
    });
    expect(describeErrorForLog(known)).toBe(
      "PrismaClientKnownRequestError P2002 on Secret (name) (message withheld: database errors can quote values)",
    );
    const wrapped = new Error("report failed", {
      cause: Object.assign(new Error("key (x)=(hunter2) exists"), {
        code: "23505",
        severity: "ERROR",
      }),
    });
    expect(describeErrorForLog(wrapped)).not.toContain("hunter2");
  });
});
