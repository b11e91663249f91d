import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/secrets/route";
import { DELETE as deleteRoute, PUT as putRoute } from "@/app/api/secrets/[name]/route";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { callRoute } from "@/lib/testing/route-request";
import { resolveSecret } from "./secret-store";

type Ctx = { params: Promise<Record<string, string>> };
const none: Ctx = { params: Promise.resolve({}) };
/** Calls a route handler as an admin (lib/testing/route-request.ts). */
const send =
  (handler: Parameters<typeof callRoute>[0]) =>
  async (req: { method?: string; body?: unknown }, ctx: Ctx) =>
    callRoute(handler, { ...req, params: await ctx.params });
const listSecrets = send(listRoute);
const putSecret = send(putRoute);
const deleteSecret = send(deleteRoute);

describe("secrets API", () => {
  afterAll(disconnectPrisma);

  it("stores a value encrypted, lists names only, and resolves it for a job", async () => {
    const ctx = { params: Promise.resolve({ name: "kafka_password" }) };
    const put = await putSecret({ method: "PUT", body: { value: "hunter2-secret" } }, ctx);
    expect(put.status).toBe(200);
    expect(await put.text()).not.toContain("hunter2");

    const listed = await (await listSecrets({}, none)).text();
    expect(listed).toContain("kafka_password");
    expect(listed).not.toContain("hunter2");

    const row = await prisma().secret.findUniqueOrThrow({ where: { name: "kafka_password" } });
    expect(Buffer.from(row.ciphertext).toString("utf8")).not.toContain("hunter2");
    expect(await resolveSecret("kafka_password")).toBe("hunter2-secret");

    const del = await deleteSecret({ method: "DELETE" }, ctx);
    expect(del.status).toBe(204);
    await expect(resolveSecret("kafka_password")).rejects.toThrow(
      /no secret named 'kafka_password' exists/,
    );
  });

  it("rejects a bad name and an empty value, naming the culprit", async () => {
    const bad = await putSecret(
      { method: "PUT", body: { value: "x" } },
      { params: Promise.resolve({ name: "1bad name" }) },
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain("path parameter 'name'");
    const empty = await putSecret(
      { method: "PUT", body: { value: "" } },
      { params: Promise.resolve({ name: "ok_name" }) },
    );
    expect((await empty.json()).detail).toContain("'value'");
  });
});
