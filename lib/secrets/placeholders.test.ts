import { describe, expect, it } from "vitest";
import {
  SecretResolutionError,
  findMalformedPlaceholders,
  findSecretPlaceholders,
  resolveSecretPlaceholders,
  resolveSecretsInOptions,
} from "./placeholders";

describe("secret placeholders", () => {
  it("finds well-formed placeholders with their offsets", () => {
    expect(
      findSecretPlaceholders('user="${secret_values.kafka_user}" pw=${secret_values.kafka-pw}'),
    ).toEqual([
      { name: "kafka_user", start: 6, end: 33 },
      { name: "kafka-pw", start: 38, end: 63 },
    ]);
  });

  it("flags malformed ones", () => {
    expect(findMalformedPlaceholders("${secret_values.}")).toEqual([
      { text: "${secret_values.}", start: 0 },
    ]);
    expect(findMalformedPlaceholders("${secret_values.a")).toEqual([
      { text: "${secret_values.a", start: 0 },
    ]);
    expect(findMalformedPlaceholders("${secret_values.ok}")).toEqual([]);
  });

  it("resolves through a lookup and names missing secrets without values", () => {
    const lookup = (n: string) => ({ pw: "hunter2" })[n];
    expect(resolveSecretPlaceholders("password=${secret_values.pw};", lookup)).toBe(
      "password=hunter2;",
    );
    expect(() =>
      resolveSecretPlaceholders("${secret_values.nope} ${secret_values.pw}", lookup),
    ).toThrow(new SecretResolutionError(["nope"]));
    try {
      resolveSecretsInOptions({ a: "${secret_values.pw}", b: "${secret_values.x}" }, lookup);
    } catch (e) {
      expect((e as Error).message).toBe(
        "Unknown secret 'x': define them under secret values before running the job.",
      );
      expect((e as Error).message).not.toContain("hunter2");
    }
  });
});

describe("one grammar for secret names", () => {
  it("the SQL front end, the runtime and the secret store agree on what is a placeholder", async () => {
    const { isSecretPlaceholder } = await import("@/lib/sql/options");
    const { secretName } = await import("./schemas");
    for (const name of ["kafka_user", "_x", "pw-1"]) {
      const text = `\${secret_values.${name}}`;
      expect(isSecretPlaceholder(text)).toBe(true);
      expect(findSecretPlaceholders(text)).toHaveLength(1);
      expect(secretName.safeParse(name).success).toBe(true);
    }
    // A dotted or digit-first name is no secret's name: not skipped by the validator as a
    // placeholder (the runtime would not resolve it either), reported as malformed.
    for (const name of ["a.b", "1pw"]) {
      const text = `\${secret_values.${name}}`;
      expect(isSecretPlaceholder(text)).toBe(false);
      expect(findSecretPlaceholders(text)).toEqual([]);
      expect(findMalformedPlaceholders(text)).toEqual([{ text, start: 0 }]);
      expect(secretName.safeParse(name).success).toBe(false);
    }
  });
});
