import { describe, expect, it } from "vitest";
import { clusterProfileInput, plainSecretProblem } from "./schemas";

describe("cluster profile input", () => {
  it("accepts secrets only as ${secret_values.x} references", () => {
    expect(plainSecretProblem("ssl.truststore.password", "${secret_values.ts}")).toBeUndefined();
    expect(plainSecretProblem("ssl.truststore.password", "changeit")).toContain("holds a secret");
    const jaas = (pw: string) =>
      `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${pw}";`;
    expect(plainSecretProblem("sasl.jaas.config", jaas("${secret_values.pw}"))).toBeUndefined();
    expect(plainSecretProblem("sasl.jaas.config", jaas("hunter2"))).toContain(
      "must be a secret reference",
    );
    expect(plainSecretProblem("security.protocol", "SASL_SSL")).toBeUndefined();
  });

  it("stores bare keys and refuses bootstrap.servers as a property", () => {
    const ok = clusterProfileInput.parse({
      name: "prod",
      bootstrapServers: "b1:9092",
      properties: { "properties.security.protocol": "SSL" },
    });
    expect(ok.properties).toEqual({ "security.protocol": "SSL" });
    const bad = clusterProfileInput.safeParse({
      name: "prod",
      bootstrapServers: "b1:9092",
      properties: { "bootstrap.servers": "x:1" },
    });
    expect(bad.success).toBe(false);
    expect(clusterProfileInput.safeParse({ name: "p", bootstrapServers: "no-port" }).success).toBe(
      false,
    );
  });
});
