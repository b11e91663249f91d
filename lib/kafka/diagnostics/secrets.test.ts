import { describe, expect, it } from "vitest";
import { secretScrubber, secretValues } from "./secrets";

describe("secretValues and secretScrubber", () => {
  const props = {
    "security.protocol": "SASL_SSL",
    "sasl.jaas.config":
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="etl" password="s3cr3t-pw";',
    "ssl.key.password": "keypass",
    "ssl.keystore.key": "-----BEGIN PRIVATE KEY-----\nABC\n-----END PRIVATE KEY-----",
    "client.id": "diag",
  };

  it("finds the JAAS password, password keys and the private key, not the user name or other values", () => {
    expect(secretValues(props).sort()).toEqual(
      [
        "-----BEGIN PRIVATE KEY-----\nABC\n-----END PRIVATE KEY-----",
        "keypass",
        "s3cr3t-pw",
      ].sort(),
    );
  });

  it("masks every occurrence, a longer secret before one it contains", () => {
    const scrub = secretScrubber(["pw", "s3cr3t-pw", ""]);
    expect(scrub("auth failed for s3cr3t-pw (pw)")).toBe("auth failed for ****** (******)");
    expect(secretScrubber(secretValues(props))("login etl/s3cr3t-pw rejected")).toBe(
      "login etl/****** rejected",
    );
  });
});
