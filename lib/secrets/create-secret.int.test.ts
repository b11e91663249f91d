/**
 * POST /api/secrets: editors create new secrets (the editor's "Move to a secret"), scoped to the
 * servers they name; they cannot replace one (409), and the value never comes back.
 */
import { afterAll, describe, expect, it } from "vitest";
import { callRoute } from "@/lib/api/testing/route-request";
import { disconnectPrisma } from "@/lib/db/prisma";
import { uniqueName } from "@/lib/kafka/testing/test-kafka";
import { POST as createRoute, GET as listRoute } from "@/app/api/secrets/route";
import { resolveSecretFor } from "./secret-store";

afterAll(() => disconnectPrisma());

describe("creating a secret", () => {
  it("an editor creates one scoped to its servers; the name cannot be taken twice; viewers cannot", async () => {
    const name = uniqueName("moved").replace(/[^A-Za-z0-9_]/g, "_");
    const value = `moved-value-${Date.now()}`;
    const created = await callRoute(createRoute, {
      as: "editor",
      url: "http://test/api/secrets",
      body: { name, value, bootstrapServers: "Broker-1:9093, broker-2:9093" },
    });
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain(value);
    expect(JSON.parse(text)).toMatchObject({
      name,
      bootstrapServers: ["broker-1:9093", "broker-2:9093"],
    });
    expect(await resolveSecretFor(name, "broker-2:9093,broker-1:9093")).toBe(value);

    const again = await callRoute(createRoute, {
      as: "editor",
      url: "http://test/api/secrets",
      body: { name, value: "another", bootstrapServers: "evil.example:9092" },
    });
    expect(again.status).toBe(409);
    expect(await resolveSecretFor(name, "broker-1:9093,broker-2:9093")).toBe(value);

    const viewer = await callRoute(createRoute, {
      as: "viewer",
      url: "http://test/api/secrets",
      body: { name: `${name}_v`, value, bootstrapServers: "broker-1:9093" },
    });
    expect(viewer.status).toBe(403);
    const noScope = await callRoute(createRoute, {
      as: "editor",
      url: "http://test/api/secrets",
      body: { name: `${name}_s`, value },
    });
    expect(noScope.status).toBe(400);
    const listed = await (await callRoute(listRoute, { url: "http://test/api/secrets" })).text();
    expect(listed).toContain(name);
    expect(listed).not.toContain(value);
  });
});
