import { describe, expect, it } from "vitest";
import { checkClientProperties } from "./check";
import { analyzeSecurity } from "./security";
import { mechanismsForLoginModule, parseJaasConfig } from "./jaas";

const PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
const SHADED_PLAIN = `org.apache.flink.kafka.shaded.${PLAIN}`;
const SHADED_SCRAM =
  "org.apache.flink.kafka.shaded.org.apache.kafka.common.security.scram.ScramLoginModule";

describe("sasl.jaas.config parsing (Kafka JaasConfig)", () => {
  it("reads the login module, flag and options, quoted or not", () => {
    expect(parseJaasConfig(`${PLAIN} required username="alice" password='p a;ss';`)).toEqual([
      {
        loginModule: PLAIN,
        controlFlag: "required",
        options: { username: "alice", password: "p a;ss" },
      },
    ]);
    expect(
      parseJaasConfig(`${SHADED_SCRAM} REQUIRED username=bob password="x\\"y";`)[0].options,
    ).toEqual({
      username: "bob",
      password: 'x"y',
    });
  });

  it("uses Kafka's messages for malformed entries", () => {
    expect(() => parseJaasConfig(`${PLAIN} required username="a"`)).toThrow(
      "JAAS config entry not terminated by semi-colon",
    );
    expect(() => parseJaasConfig(`${PLAIN} mandatory;`)).toThrow(
      "Invalid login module control flag 'mandatory' in JAAS config",
    );
    expect(() => parseJaasConfig(`${PLAIN} required password=1234;`)).toThrow(
      "Value not specified for key 'password' in JAAS config",
    );
    expect(() => parseJaasConfig("   ")).toThrow("Login module not specified in JAAS config");
    expect(() => parseJaasConfig(PLAIN)).toThrow(
      "Login module control flag not specified in JAAS config",
    );
  });

  it("knows Flink's shaded login modules", () => {
    expect(mechanismsForLoginModule(SHADED_PLAIN)).toEqual(["PLAIN"]);
    expect(mechanismsForLoginModule(SHADED_SCRAM)).toEqual(["SCRAM-SHA-256", "SCRAM-SHA-512"]);
    expect(mechanismsForLoginModule("com.acme.Login")).toEqual([]);
  });
});

describe("analyzeSecurity", () => {
  it("extracts PLAIN credentials from Flink's shaded module spelling", () => {
    const s = analyzeSecurity({
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "PLAIN",
      "sasl.jaas.config": `${SHADED_PLAIN} required username="USERNAME" password="PASSWORD";`,
    });
    expect(s.issues).toEqual([]);
    expect(s.sasl).toEqual({ mechanism: "plain", username: "USERNAME", password: "PASSWORD" });
    expect(s.ssl).toBeUndefined();
  });

  it("extracts SCRAM-SHA-512 credentials", () => {
    const s = analyzeSecurity({
      "security.protocol": "SASL_SSL",
      "sasl.mechanism": "SCRAM-SHA-512",
      "sasl.jaas.config": `${SHADED_SCRAM} required username="u" password="p";`,
    });
    expect(s.sasl?.mechanism).toBe("scram-sha-512");
    expect(s.ssl).toEqual({ verifyHostname: true });
  });

  it("rejects a login module that does not serve the mechanism", () => {
    const s = analyzeSecurity({
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "SCRAM-SHA-256",
      "sasl.jaas.config": `${SHADED_PLAIN} required username="u" password="hunter2";`,
    });
    expect(s.sasl).toBeUndefined();
    expect(s.issues.map((i) => i.message)).toEqual([
      `Login module '${SHADED_PLAIN}' in 'sasl.jaas.config' serves PLAIN, not SASL mechanism SCRAM-SHA-256 ('sasl.mechanism'); use org.apache.kafka.common.security.scram.ScramLoginModule (or Flink's shaded org.apache.flink.kafka.shaded.org.apache.kafka.common.security.scram.ScramLoginModule).`,
    ]);
  });

  it("explains that an unset sasl.mechanism means GSSAPI", () => {
    const s = analyzeSecurity(
      {
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.jaas.config": `${PLAIN} required username="u" password="p";`,
      },
      "properties.",
    );
    expect(s.issues.map((i) => i.message)).toEqual([
      "'properties.security.protocol' is SASL_PLAINTEXT but 'properties.sasl.mechanism' is not set, so the Kafka client would use GSSAPI (Kerberos), which Tributary does not support; set it to PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.",
    ]);
  });

  it("requires credentials for SASL and both options in them", () => {
    expect(
      analyzeSecurity({ "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN" }).issues[0].key,
    ).toBe("sasl.jaas.config");
    expect(
      analyzeSecurity({
        "security.protocol": "SASL_SSL",
        "sasl.mechanism": "PLAIN",
        "sasl.jaas.config": `${PLAIN} required username="u";`,
      }).issues.map((i) => i.message),
    ).toEqual([
      "'sasl.jaas.config' has no 'password' option; PLAIN needs username=\"...\" and password=\"...\".",
    ]);
  });

  it("takes PEM material, and JKS/PKCS12/PEM store files for the worker to read", () => {
    const pem = analyzeSecurity({
      "security.protocol": "SSL",
      "ssl.truststore.type": "PEM",
      "ssl.truststore.certificates": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
      "ssl.keystore.type": "PEM",
      "ssl.keystore.certificate.chain":
        "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----",
      "ssl.keystore.key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
      "ssl.key.password": "kp",
      "ssl.endpoint.identification.algorithm": "",
    });
    expect(pem.issues).toEqual([]);
    expect(pem.ssl).toMatchObject({ passphrase: "kp", verifyHostname: false });
    expect(pem.ssl?.ca).toContain("MIIB");

    const jks = analyzeSecurity({
      "security.protocol": "SSL",
      "ssl.truststore.location": "/etc/kafka/truststore.jks",
      "ssl.truststore.password": "changeit",
    });
    expect(jks.issues).toEqual([]);
    expect(jks.ssl?.truststoreFile).toEqual({
      location: "/etc/kafka/truststore.jks",
      type: "JKS",
      password: "changeit",
    });
    const pkcs12 = analyzeSecurity({
      "security.protocol": "SSL",
      "ssl.keystore.type": "PKCS12",
      "ssl.keystore.location": "/k.p12",
      "ssl.keystore.password": "x",
      "ssl.key.password": "y",
    });
    expect(pkcs12.issues).toEqual([]);
    expect(pkcs12.ssl?.keystoreFile).toEqual({
      location: "/k.p12",
      type: "PKCS12",
      password: "x",
      keyPassword: "y",
    });
    // DefaultSslEngineFactory: a JKS/PKCS12 key store needs its password; a trust store does not.
    expect(
      analyzeSecurity({ "security.protocol": "SSL", "ssl.keystore.location": "/k.jks" }).issues[0]
        .message,
    ).toBe("SSL key store is specified, but key store password is not specified.");
    expect(
      analyzeSecurity({ "security.protocol": "SSL", "ssl.truststore.location": "/t.jks" }).issues,
    ).toEqual([]);
  });

  it("uses Kafka's messages for inconsistent PEM settings", () => {
    expect(
      analyzeSecurity({ "security.protocol": "SSL", "ssl.truststore.certificates": "pem" })
        .issues[0].message,
    ).toBe(
      "SSL trust store certs can be specified only for PEM, but trust store type is JKS. Set 'ssl.truststore.type' = 'PEM'.",
    );
    expect(
      analyzeSecurity({
        "security.protocol": "SSL",
        "ssl.keystore.type": "PEM",
        "ssl.keystore.key": "k",
      }).issues[0].message,
    ).toBe("SSL private key is specified, but certificate chain is not specified.");
  });

  it("warns when credentials are set without a SASL protocol", () => {
    expect(
      analyzeSecurity({ "sasl.jaas.config": `${PLAIN} required username="u" password="p";` })
        .issues,
    ).toEqual([
      {
        key: "sasl.jaas.config",
        severity: "warning",
        message:
          "'sasl.jaas.config' is set but 'security.protocol' is PLAINTEXT, so no SASL authentication happens; use SASL_PLAINTEXT or SASL_SSL to authenticate.",
      },
    ]);
  });
});

describe("no secret in any message", () => {
  const SECRET = "S3cr3t-Value-42";
  const cases: Array<Record<string, string>> = [
    {
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "SCRAM-SHA-256",
      "sasl.jaas.config": `${PLAIN} required username="u" password="${SECRET}";`,
    },
    {
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "PLAIN",
      "sasl.jaas.config": `${PLAIN} required username="u" password="${SECRET}"`,
    },
    {
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.mechanism": "PLAIN",
      "sasl.jaas.config": `${PLAIN} oops password="${SECRET}";`,
    },
    {
      "security.protocol": "SSL",
      "ssl.keystore.location": "/x.jks",
      "ssl.key.password": SECRET,
    },
    {
      "security.protocol": "SSL",
      "ssl.truststore.type": "PEM",
      "ssl.truststore.certificates": "c",
      "ssl.truststore.password": SECRET,
    },
    { "ssl.key.password": SECRET, "ssl.keystore.key": SECRET, "sasl.jaas.config": SECRET },
    { "sasl.jass.config": `${PLAIN} required username="u" password="${SECRET}";` },
  ];
  it.each(cases)("keeps %# free of the secret", (props) => {
    const issues = checkClientProperties(props, "both", { keyPrefix: "properties." });
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message).not.toContain(SECRET);
  });
});
