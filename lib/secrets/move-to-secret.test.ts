import { describe, expect, it } from "vitest";
import { moveLiteralToSecret, suggestedSecretName } from "./move-to-secret";
import { validateScript } from "@/lib/sql/validate";
import { LITERAL_PASSWORD_CODE } from "./literal-secrets";

const span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function sink(options: string): string {
  return `CREATE TABLE s (a STRING) WITH (
  'connector' = 'kafka',
  'topic' = 't',
  'properties.bootstrap.servers' = 'broker-1:9093',
  'format' = 'csv',
  ${options}
);`;
}

function textAt(
  sql: string,
  s: { line: number; column: number; endLine: number; endColumn: number },
) {
  const lines = sql.split("\n");
  if (s.line !== s.endLine) throw new Error("one-line spans only in this test");
  return lines[s.line - 1].slice(s.column - 1, s.endColumn - 1);
}

function apply(sql: string, edit: { range: typeof span; text: string }) {
  const lines = sql.split("\n");
  const l = lines[edit.range.line - 1];
  lines[edit.range.line - 1] =
    l.slice(0, edit.range.column - 1) + edit.text + l.slice(edit.range.endColumn - 1);
  return lines.join("\n");
}

describe("move to a secret", () => {
  it("suggests a secret name from the option key", () => {
    expect(suggestedSecretName("properties.ssl.key.password")).toBe("ssl_key_password");
    expect(suggestedSecretName("properties.sasl.jaas.config")).toBe("sasl_password");
    expect(suggestedSecretName("properties.1.token")).toBe("secret_1_token");
  });

  it("replaces a password option's whole value; the warning is gone and the scope comes along", () => {
    const sql = sink(`'properties.ssl.key.password' = 'it''s-s3cret'`);
    const warning = validateScript(sql).diagnostics.find((d) => d.code === LITERAL_PASSWORD_CODE)!;
    expect(warning.action).toEqual({ kind: "move-to-secret", bootstrapServers: "broker-1:9093" });
    expect(JSON.stringify(warning)).not.toContain("s3cret");
    const option = warning.option!;
    const move = moveLiteralToSecret(
      option.key,
      textAt(sql, option.valueSpan),
      option.valueSpan,
      "kp",
    )!;
    expect(move.value).toBe("it's-s3cret");
    const fixed = apply(sql, move.fix.edits[0]);
    expect(fixed).toContain(`'properties.ssl.key.password' = '\${secret_values.kp}'`);
    expect(fixed).not.toContain("s3cret");
    expect(
      validateScript(fixed).diagnostics.filter((d) => d.code === LITERAL_PASSWORD_CODE),
    ).toEqual([]);
  });

  it("replaces only the password inside a JAAS line", () => {
    const sql = sink(
      `'properties.security.protocol' = 'SASL_PLAINTEXT', 'properties.sasl.mechanism' = 'PLAIN', 'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-pw";'`,
    );
    const warning = validateScript(sql).diagnostics.find((d) => d.code === LITERAL_PASSWORD_CODE)!;
    const option = warning.option!;
    const move = moveLiteralToSecret(
      option.key,
      textAt(sql, option.valueSpan),
      option.valueSpan,
      "alice",
    )!;
    expect(move.value).toBe("alice-pw");
    const fixed = apply(sql, move.fix.edits[0]);
    expect(fixed).toContain(`username="alice" password="\${secret_values.alice}";'`);
    expect(
      validateScript(fixed).diagnostics.filter((d) => d.code === LITERAL_PASSWORD_CODE),
    ).toEqual([]);
  });

  it("offers nothing when the text is no longer a literal password", () => {
    expect(
      moveLiteralToSecret("properties.ssl.key.password", "'${secret_values.x}'", span, "y"),
    ).toBeNull();
    expect(moveLiteralToSecret("properties.ssl.key.password", "abc", span, "y")).toBeNull();
    expect(moveLiteralToSecret("properties.ssl.key.password", "'a'b'", span, "y")).toBeNull();
  });
});
