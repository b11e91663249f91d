import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { planForJob } from "@/lib/jobs/plan-sql";
import { planOfJob } from "@/lib/jobs/plan-sql";
import { isSealedValue, unsealValue } from "./sealed-values";

const SQL = `CREATE TABLE src (id INT) WITH ('connector' = 'datagen');
CREATE TABLE dst (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'csv',
  'properties.bootstrap.servers' = 'localhost:9092', 'properties.security.protocol' = 'SSL',
  'properties.ssl.keystore.type' = 'PEM', 'properties.ssl.key.password' = 'LiteralPw-1',
  'properties.ssl.keystore.key' = '-----BEGIN PRIVATE KEY----- KeyMaterial-2 -----END PRIVATE KEY-----',
  'properties.ssl.keystore.certificate.chain' = '-----BEGIN CERTIFICATE----- C -----END CERTIFICATE-----');
INSERT INTO dst SELECT id FROM src;`;

beforeAll(() => {
  process.env.TRIBUTARY_SECRET_KEY ??= randomBytes(32).toString("hex");
});

describe("the stored plan", () => {
  it("holds literal passwords and key material only sealed, and the worker gets them back", () => {
    const { json } = planForJob(SQL);
    const text = JSON.stringify(json);
    expect(text).not.toContain("LiteralPw-1");
    expect(text).not.toContain("KeyMaterial-2");
    const sink = planOfJob(json).jobs[0].inserts[0].sink;
    const props = (sink.resolved as { properties: Record<string, string> }).properties;
    expect(isSealedValue(props["ssl.key.password"])).toBe(true);
    expect(unsealValue(props["ssl.key.password"])).toBe("LiteralPw-1");
    expect(unsealValue(props["ssl.keystore.key"])).toContain("KeyMaterial-2");
    expect(props["ssl.keystore.certificate.chain"]).toContain("BEGIN CERTIFICATE");
    expect(text.match(/sealed_value/g)).toHaveLength(4); // the resolved properties and the definition's options
  });
});
