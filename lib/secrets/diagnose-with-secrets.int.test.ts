import { afterAll, describe, expect, it } from "vitest";
import { POST as diagnose } from "@/app/api/diagnostics/kafka/route";
import { disconnectPrisma } from "@/lib/db/prisma";
import { TEST_SASL_USERS, testInfrastructure } from "@/lib/testing/test-infrastructure";
import { callRoute } from "@/lib/testing/route-request";
import { putSecret } from "./secret-store";

const infra = testInfrastructure();
const user = TEST_SASL_USERS[0];
const post = (body: unknown) =>
  callRoute(diagnose, { url: "http://test/api/diagnostics/kafka", body });

describe.skipIf(!infra.saslBootstrapServers)(
  "POST /api/diagnostics/kafka with ${secret_values.x}",
  () => {
    afterAll(disconnectPrisma);

    it("resolves secret placeholders from the secret store and never returns their values", async () => {
      await putSecret("diag_user", user.username);
      await putSecret("diag_password", user.password);
      const res = await post({
        bootstrapServers: infra.saslBootstrapServers,
        properties: {
          "security.protocol": "SASL_PLAINTEXT",
          "sasl.mechanism": "PLAIN",
          "sasl.jaas.config":
            'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="${secret_values.diag_user}" password="${secret_values.diag_password}";',
        },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text).explanation.verdict).toBe("ok");
      expect(text).not.toContain(user.password);
      expect(text).not.toContain(user.username);
    });

    it("names a secret that does not exist", async () => {
      const res = await post({
        bootstrapServers: infra.saslBootstrapServers,
        properties: {
          "sasl.jaas.config": 'x required username="u" password="${secret_values.nope}";',
        },
      });
      expect(res.status).toBe(422);
      expect((await res.json()).detail).toContain("no secret named 'nope' exists");
    });
  },
);
