import { describe, expect, it } from "vitest";
import { TEST_SASL_USERS, testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { callRoute } from "@/lib/api/testing/route-request";
import { uniqueName } from "@/lib/kafka/testing/test-kafka";
import { putSecret } from "@/lib/secrets/secret-store";
import { GET, POST } from "./route";
import { DELETE, PUT } from "./[id]/route";
import { POST as TEST } from "./[id]/test/route";
import { GET as SNIPPET } from "./[id]/snippet/route";

const infra = testInfrastructure();
const create = (body: unknown) => callRoute(POST, { url: "http://test/api/clusters", body });

describe("cluster profiles", () => {
  it("lists the default profile of the local broker", async () => {
    const res = await callRoute(GET, { url: "http://test/api/clusters" });
    const { clusters } = await res.json();
    const local = clusters.find((c: { fromEnvironment: boolean }) => c.fromEnvironment);
    expect(local).toMatchObject({ name: "local", bootstrapServers: infra.bootstrapServers });
    expect(clusters.filter((c: { isDefault: boolean }) => c.isDefault)).toHaveLength(1);
  });

  it("refuses a password given in the clear, naming the property", async () => {
    const res = await create({
      name: uniqueName("plain"),
      bootstrapServers: "localhost:9092",
      properties: {
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "PLAIN",
        "sasl.jaas.config":
          'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";',
      },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("sasl.jaas.config");
    expect(text).not.toContain("hunter2");
  });

  it.skipIf(!infra.saslBootstrapServers)(
    "tests a SASL profile against its own brokers with the secret resolved, never returning it",
    async () => {
      const user = TEST_SASL_USERS[1];
      const secret = uniqueName("scram_pw").replace(/-/g, "_");
      await putSecret(secret, {
        value: user.password,
        bootstrapServers: infra.saslBootstrapServers,
      });
      const name = uniqueName("sasl");
      const res = await create({
        name,
        bootstrapServers: infra.saslBootstrapServers,
        properties: {
          "properties.security.protocol": "SASL_PLAINTEXT",
          "sasl.mechanism": "SCRAM-SHA-256",
          "sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="${user.username}" password="\${secret_values.${secret}}";`,
        },
      });
      expect(res.status).toBe(201);
      const profile = await res.json();
      expect(profile.properties["security.protocol"]).toBe("SASL_PLAINTEXT");
      expect(profile.isDefault).toBe(false);

      const tested = await callRoute(TEST, { method: "POST", params: { id: profile.id } });
      expect(tested.status).toBe(200);
      const text = await tested.text();
      expect(text).not.toContain(user.password);
      expect(JSON.parse(text).explanation.verdict).toBe("ok");

      const snippet = await callRoute(SNIPPET, {
        url: `http://test/api/clusters/${profile.id}/snippet`,
        params: { id: profile.id },
      });
      const body = await snippet.json();
      expect(body.snippet).toContain(
        `'properties.bootstrap.servers' = '${infra.saslBootstrapServers}'`,
      );
      expect(body.snippet).toContain(`\${secret_values.${secret}}`);
      expect(body.snippet).not.toContain(user.password);

      // A wrong secret fails the test with the reason, still without the value.
      await putSecret(secret, { value: "wrong-password-77" });
      const failed = await (
        await callRoute(TEST, { method: "POST", params: { id: profile.id } })
      ).text();
      expect(failed).not.toContain("wrong-password-77");
      expect(JSON.parse(failed).ok).toBe(false);

      const del = await callRoute(DELETE, { method: "DELETE", params: { id: profile.id } });
      expect(del.status).toBe(204);
    },
  );

  it("moves the default flag and refuses to delete the default profile", async () => {
    const res = await create({
      name: uniqueName("other"),
      bootstrapServers: infra.bootstrapServers,
    });
    const other = await res.json();
    const put = (id: string, body: unknown) =>
      callRoute(PUT, { method: "PUT", params: { id }, body });
    expect((await put(other.id, { isDefault: true })).status).toBe(200);
    const { clusters } = await (await callRoute(GET, { url: "http://test/api/clusters" })).json();
    expect(
      clusters.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id),
    ).toEqual([other.id]);
    const refused = await callRoute(DELETE, { method: "DELETE", params: { id: other.id } });
    expect(refused.status).toBe(422);
    const local = clusters.find((c: { fromEnvironment: boolean }) => c.fromEnvironment);
    expect((await put(local.id, { isDefault: true })).status).toBe(200);
    expect((await callRoute(DELETE, { method: "DELETE", params: { id: other.id } })).status).toBe(
      204,
    );
  });
});
