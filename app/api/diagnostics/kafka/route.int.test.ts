import { describe, expect, it } from "vitest";
import { TEST_SASL_USERS, testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { callRoute } from "@/lib/api/testing/route-request";
import { POST } from "./route";

const infra = testInfrastructure();
const post = (body: unknown) => callRoute(POST, { url: "http://test/api/diagnostics/kafka", body });

describe("POST /api/diagnostics/kafka against the test broker", () => {
  it("answers 200 with the report of a healthy cluster", async () => {
    const res = await post({ bootstrapServers: infra.bootstrapServers });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.ok).toBe(true);
    expect(report.explanation.verdict).toBe("ok");
    expect(report.brokers.length).toBeGreaterThan(0);
  });

  it.skipIf(!infra.saslBootstrapServers)(
    "never returns the secrets of the properties",
    async () => {
      const user = TEST_SASL_USERS[0];
      const res = await post({
        bootstrapServers: infra.saslBootstrapServers,
        properties: {
          "security.protocol": "SASL_PLAINTEXT",
          "sasl.mechanism": "PLAIN",
          "sasl.jaas.config": `org.apache.kafka.common.security.plain.PlainLoginModule required username="${user.username}" password="${user.password}";`,
          "ssl.truststore.password": "truststore-secret-9",
        },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(user.password);
      expect(text).not.toContain("truststore-secret-9");
      const report = JSON.parse(text);
      expect(report.explanation.verdict).toBe("ok");
      expect(report.properties["sasl.jaas.config"]).toContain('password="******"');
      expect(report.properties["ssl.truststore.password"]).toBe("******");
    },
  );
});
