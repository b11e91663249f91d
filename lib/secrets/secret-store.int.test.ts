import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/secrets/route";
import { DELETE as deleteRoute, PUT as putRoute } from "@/app/api/secrets/[name]/route";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { createDraft } from "@/lib/drafts/drafts";
import { callRoute } from "@/lib/api/testing/route-request";
import { expectNoSecrets, scanResponse, type Found } from "@/lib/secrets/testing/secret-scan";
import { resolveSecretFor } from "./secret-store";

const VALUE = "hunter2-secret";
const found: Found[] = [];

async function put(name: string, body: unknown) {
  const res = await callRoute(putRoute, {
    method: "PUT",
    url: `http://test/api/secrets/${name}`,
    body,
    params: { name },
  });
  found.push(...(await scanResponse(res, [VALUE], `PUT ${name}`)));
  return res;
}

describe("secrets API", () => {
  afterAll(async () => {
    await prisma().secret.deleteMany({ where: { name: { in: ["kafka_password", "ok_name"] } } });
    await prisma().draft.deleteMany({ where: { name: { startsWith: "uses-secret-" } } });
    await disconnectPrisma();
    expectNoSecrets(found);
  });

  it("stores a value encrypted with its scope, lists names, scope and usage only, and resolves it for its servers", async () => {
    const created = await put("kafka_password", {
      value: VALUE,
      bootstrapServers: "Kafka-1.example:9092, kafka-2.example:9092",
    });
    expect(created.status).toBe(200);
    expect((await created.json()).bootstrapServers).toEqual([
      "kafka-1.example:9092",
      "kafka-2.example:9092",
    ]);
    const draft = await createDraft({
      name: `uses-secret-${Date.now()}`,
      sql: "CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'properties.sasl.jaas.config' = 'x password=\"${secret_values.kafka_password}\";');",
    });

    const listed = await callRoute(listRoute, { url: "http://test/api/secrets" });
    found.push(...(await scanResponse(listed, [VALUE], "GET /api/secrets")));
    const { secrets } = await listed.json();
    const entry = secrets.find((s: { name: string }) => s.name === "kafka_password");
    expect(entry.bootstrapServers).toEqual(["kafka-1.example:9092", "kafka-2.example:9092"]);
    expect(entry.usage.drafts).toEqual([{ id: draft.id, name: draft.name }]);
    expect(Object.keys(entry).sort()).toEqual([
      "bootstrapServers",
      "createdAt",
      "name",
      "updatedAt",
      "usage",
    ]);

    const row = await prisma().secret.findUniqueOrThrow({ where: { name: "kafka_password" } });
    expect(Buffer.from(row.ciphertext).toString("utf8")).not.toContain("hunter2");
    expect(
      await resolveSecretFor("kafka_password", "kafka-2.example:9092,KAFKA-1.example:9092"),
    ).toBe(VALUE);
    await expect(resolveSecretFor("kafka_password", "evil.example:9092")).rejects.toThrow(
      /may only be sent to kafka-1.example:9092, kafka-2.example:9092, but this table's bootstrap servers include evil.example:9092/,
    );

    // A replacement without a scope keeps the scope; with one, changes it.
    expect(
      (await (await put("kafka_password", { value: "v2-secret" })).json()).bootstrapServers,
    ).toHaveLength(2);
    expect(await resolveSecretFor("kafka_password", "kafka-1.example:9092")).toBe("v2-secret");

    const del = await callRoute(deleteRoute, {
      method: "DELETE",
      url: "http://test/api/secrets/kafka_password",
      params: { name: "kafka_password" },
    });
    expect(del.status).toBe(204);
    await expect(resolveSecretFor("kafka_password", "kafka-1.example:9092")).rejects.toThrow(
      /Unknown secret 'kafka_password'/,
    );
  });

  it("refuses a bad name, an empty value, a missing or bad scope and unknown fields, naming the culprit", async () => {
    const bad = await put("1bad name", { value: "x", bootstrapServers: "a:1" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain("path parameter 'name'");
    const empty = await put("ok_name", { value: "", bootstrapServers: "a:1" });
    expect((await empty.json()).detail).toContain("'value'");
    const noScope = await put("ok_name", { value: VALUE });
    expect(noScope.status).toBe(400);
    expect((await noScope.json()).detail).toContain("'bootstrapServers': required when creating");
    const badScope = await put("ok_name", { value: VALUE, bootstrapServers: "no-port" });
    expect((await badScope.json()).detail).toContain("Invalid url in bootstrap.servers: no-port");
    const extra = await put("ok_name", { value: VALUE, bootstrapServers: "a:1", scope: "all" });
    expect(extra.status).toBe(400);
    expect((await extra.json()).detail).toMatch(/Unrecognized key.*scope/);
  });
});
