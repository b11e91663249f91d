import { describe, expect, it } from "vitest";
import { parseJaasConfig } from "@/lib/kafka/client-config";
import { formProperties, parsePropertyLines, type DiagnosisForm } from "./form";

const base: DiagnosisForm = {
  securityProtocol: "PLAINTEXT",
  saslMechanism: "PLAIN",
  username: "",
  password: "",
  caCertificates: "",
  extraProperties: "",
};

describe("formProperties", () => {
  it("sets nothing for PLAINTEXT", () => {
    expect(formProperties(base)).toEqual({ properties: {}, errors: [] });
  });

  it("builds a JAAS line Kafka's parser reads back, quotes and backslashes included", () => {
    const { properties } = formProperties({
      ...base,
      securityProtocol: "SASL_SSL",
      saslMechanism: "SCRAM-SHA-512",
      username: "etl",
      password: 'p"a\\ss',
      caCertificates: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    });
    expect(properties).toEqual({
      "security.protocol": "SASL_SSL",
      "sasl.mechanism": "SCRAM-SHA-512",
      "sasl.jaas.config":
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="etl" password="p\\"a\\\\ss";',
      "ssl.truststore.type": "PEM",
      "ssl.truststore.certificates": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    });
    const [entry] = parseJaasConfig(properties["sasl.jaas.config"]);
    expect(entry.options).toEqual({ username: "etl", password: 'p"a\\ss' });
  });

  it("lets extra key=value lines override the fields", () => {
    const { properties } = formProperties({
      ...base,
      securityProtocol: "SASL_PLAINTEXT",
      extraProperties: "# a comment\nsasl.mechanism = SCRAM-SHA-256\n\nclient.id=diag",
    });
    expect(properties).toEqual({
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "SCRAM-SHA-256",
      "client.id": "diag",
    });
  });
});

describe("parsePropertyLines", () => {
  it("names the line of a malformed entry but not its content", () => {
    expect(parsePropertyLines("a=1\nhunter2\n=x")).toEqual({
      properties: { a: "1" },
      errors: [
        "Line 2 of the extra properties is not key=value.",
        "Line 3 of the extra properties is not key=value.",
      ],
    });
  });
});
