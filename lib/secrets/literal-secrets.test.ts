import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import {
  LITERAL_PASSWORD_CODE,
  literalSecretsOfSql,
  maskOptionValue,
  maskSqlSecrets,
} from "./literal-secrets";

const SQL = `CREATE TABLE src (id INT) WITH ('connector' = 'datagen');
CREATE TABLE dst (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'csv',
  'properties.bootstrap.servers' = 'localhost:9092', 'properties.security.protocol' = 'SASL_SSL',
  'properties.ssl.key.password' = 'KeyPw''s-1',
  'properties.ssl.truststore.password' = '\${secret_values.ts_pw}',
  'properties.sasl.mechanism' = 'PLAIN',
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="JaasPw-2";');
INSERT INTO dst SELECT id FROM src;`;

describe("literal passwords", () => {
  it("masks them in a script's text and keeps everything else as written", () => {
    const masked = maskSqlSecrets(SQL);
    expect(masked).not.toContain("KeyPw");
    expect(masked).not.toContain("JaasPw-2");
    expect(masked).toContain("'properties.ssl.key.password' = '******'");
    expect(masked).toContain('username="alice" password="******";');
    // Placeholders are not secrets; other options untouched.
    expect(masked).toContain("'${secret_values.ts_pw}'");
    expect(masked.replace(/'[^']*\*{6}[^']*'/g, "")).toEqual(
      SQL.replace(/'KeyPw''s-1'|'org[^']*JaasPw-2";'/g, ""),
    );
    expect(literalSecretsOfSql(SQL).sort()).toEqual(["JaasPw-2", "KeyPw's-1"]);
  });

  it("covers key material and keys ending in password, secret or token; not a placeholder", () => {
    expect(maskOptionValue("properties.ssl.keystore.key", "-----BEGIN PRIVATE KEY-----x")).toBe(
      "******",
    );
    expect(maskOptionValue("properties.sasl.oauthbearer.client.secret", "s3")).toBe("******");
    expect(maskOptionValue("properties.ssl.keystore.password", "${secret_values.x}")).toBe(
      "${secret_values.x}",
    );
    expect(maskOptionValue("properties.ssl.keystore.location", "/etc/ks.jks")).toBe("/etc/ks.jks");
    expect(maskOptionValue("topic", "password")).toBe("password");
  });

  it("the validator warns with a code and the option's key and ranges, for the editor's quick fix", () => {
    const { diagnostics } = validateScript(SQL);
    const warnings = diagnostics.filter((d) => d.code === LITERAL_PASSWORD_CODE);
    expect(warnings.map((w) => w.option!.key)).toEqual([
      "properties.ssl.key.password",
      "properties.sasl.jaas.config",
    ]);
    expect(warnings[0]).toMatchObject({
      severity: "warning",
      message:
        "'properties.ssl.key.password' is a literal password; store it as a secret and write ${secret_values.name}",
      line: 4,
      option: { keySpan: { line: 4, column: 3 }, valueSpan: { line: 4, column: 35 } },
    });
    expect(JSON.stringify(diagnostics)).not.toContain("JaasPw-2");
  });

  it("no diagnostic message repeats a literal password", () => {
    const sql = SQL.replace(
      "'topic' = 't'",
      "'topic' = 't', 'sink.delivery-guarantee' = 'KeyPw''s-1'",
    );
    const text = JSON.stringify(validateScript(sql).diagnostics);
    expect(text).toContain("sink.delivery-guarantee");
    expect(text).not.toContain("KeyPw");
  });
});
