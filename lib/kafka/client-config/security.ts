/**
 * security.protocol, SASL and SSL settings: which combinations the Java client accepts, which of
 * them Tributary can honour through kafkajs (PLAIN / SCRAM credentials from sasl.jaas.config, TLS
 * with PEM material), and the kafkajs-shaped result. Messages name keys, never secret values.
 * Browser-safe.
 */
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";
import {
  JaasParseError,
  loginModuleForMechanism,
  mechanismsForLoginModule,
  parseJaasConfig,
} from "./jaas";

export interface SecurityIssue {
  key: string;
  severity: "error" | "warning";
  message: string;
}

export type SaslMechanismName = "plain" | "scram-sha-256" | "scram-sha-512";

export interface SaslSettings {
  mechanism: SaslMechanismName;
  username: string;
  password: string;
}

export interface SslSettings {
  /** PEM certificates to trust (ssl.truststore.certificates); undefined = the system's CAs. */
  ca?: string;
  /** Client certificate chain, PEM (ssl.keystore.certificate.chain). */
  cert?: string;
  /** Client private key, PEM (ssl.keystore.key). */
  key?: string;
  /** Passphrase of an encrypted ssl.keystore.key (ssl.key.password). */
  passphrase?: string;
  /** False when ssl.endpoint.identification.algorithm is empty (Kafka's way to turn hostname checks off). */
  verifyHostname: boolean;
  /** ssl.truststore.location: a JKS, PKCS12 or PEM file the worker reads (lib/kafka/tls-stores.ts). */
  truststoreFile?: StoreFile;
  /** ssl.keystore.location: the client's key and certificate chain in a JKS, PKCS12 or PEM file. */
  keystoreFile?: StoreFile;
}

export interface StoreFile {
  location: string;
  type: "JKS" | "PKCS12" | "PEM";
  /** The store password (ssl.*store.password). */
  password?: string;
  /** ssl.key.password: the private key's own password, when it differs from the store's. */
  keyPassword?: string;
}

export interface SecuritySettings {
  protocol: "PLAINTEXT" | "SSL" | "SASL_PLAINTEXT" | "SASL_SSL";
  sasl?: SaslSettings;
  ssl?: SslSettings;
  issues: SecurityIssue[];
}

const SUPPORTED_MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"];
const PROTOCOLS = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] as const;

export function analyzeSecurity(
  props: Readonly<Record<string, string>>,
  keyPrefix = "",
): SecuritySettings {
  const issues: SecurityIssue[] = [];
  const k = (key: string) => `${keyPrefix}${key}`;
  const get = (key: string): string | undefined => {
    const v = props[key];
    return v === undefined ? undefined : v.trim();
  };
  const error = (key: string, message: string) => issues.push({ key, severity: "error", message });
  const warn = (key: string, message: string) => issues.push({ key, severity: "warning", message });

  const rawProtocol = get("security.protocol") ?? "PLAINTEXT";
  // An invalid protocol is reported by the value check; analyse as PLAINTEXT meanwhile.
  const protocol = (PROTOCOLS as readonly string[]).includes(rawProtocol)
    ? (rawProtocol as SecuritySettings["protocol"])
    : "PLAINTEXT";
  const usesSasl = protocol === "SASL_PLAINTEXT" || protocol === "SASL_SSL";
  const usesSsl = protocol === "SSL" || protocol === "SASL_SSL";

  const result: SecuritySettings = { protocol, issues };

  if (usesSasl) {
    result.sasl = analyzeSasl(get, k, error, protocol);
  } else {
    for (const key of ["sasl.mechanism", "sasl.jaas.config"]) {
      if (props[key] !== undefined) {
        warn(
          key,
          `'${k(key)}' is set but '${k("security.protocol")}' is ${protocol}, so no SASL authentication happens; use SASL_PLAINTEXT or SASL_SSL to authenticate.`,
        );
      }
    }
  }

  if (usesSsl) {
    result.ssl = analyzeSsl(get, k, error);
  } else {
    const sslKeys = [
      "ssl.truststore.certificates",
      "ssl.keystore.certificate.chain",
      "ssl.keystore.key",
      "ssl.truststore.location",
      "ssl.keystore.location",
    ];
    for (const key of sslKeys) {
      if (props[key] !== undefined) {
        warn(
          key,
          `'${k(key)}' is set but '${k("security.protocol")}' is ${protocol}, so the connection is not encrypted; use SSL or SASL_SSL.`,
        );
      }
    }
  }
  return result;
}

function analyzeSasl(
  get: (key: string) => string | undefined,
  k: (key: string) => string,
  error: (key: string, message: string) => void,
  protocol: string,
): SaslSettings | undefined {
  const configuredMechanism = get("sasl.mechanism");
  const mechanism = configuredMechanism ?? "GSSAPI";
  let ok = true;
  if (!SUPPORTED_MECHANISMS.includes(mechanism)) {
    ok = false;
    error(
      "sasl.mechanism",
      configuredMechanism === undefined
        ? `'${k("security.protocol")}' is ${protocol} but '${k("sasl.mechanism")}' is not set, so the Kafka client would use GSSAPI (Kerberos), which Tributary does not support; set it to PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.`
        : `SASL mechanism '${mechanism}' is not supported by Tributary; use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.`,
    );
  }
  const jaas = get("sasl.jaas.config");
  if (jaas === undefined) {
    error(
      "sasl.jaas.config",
      `'${k("security.protocol")}' is ${protocol} but '${k("sasl.jaas.config")}' is not set; give the credentials, e.g. org.apache.kafka.common.security.plain.PlainLoginModule required username="..." password="...";`,
    );
    return undefined;
  }
  if (hasSecretPlaceholder(jaas) && !jaas.includes("LoginModule")) {
    // The whole JAAS line comes from a secret: it can only be checked once resolved.
    return undefined;
  }
  let entries;
  try {
    entries = parseJaasConfig(jaas);
  } catch (e) {
    if (!(e instanceof JaasParseError)) throw e;
    error("sasl.jaas.config", `Invalid '${k("sasl.jaas.config")}': ${e.message}.`);
    return undefined;
  }
  if (entries.length !== 1) {
    error(
      "sasl.jaas.config",
      `JAAS config property contains ${entries.length} login modules, should be 1 module`,
    );
    return undefined;
  }
  const entry = entries[0];
  const served = mechanismsForLoginModule(entry.loginModule);
  if (ok && !served.includes(mechanism)) {
    ok = false;
    const wanted = loginModuleForMechanism(mechanism)!;
    error(
      "sasl.jaas.config",
      served.length === 0
        ? `Login module '${entry.loginModule}' in '${k("sasl.jaas.config")}' is not one Tributary knows; for SASL mechanism ${mechanism} use ${wanted} (or Flink's shaded org.apache.flink.kafka.shaded.${wanted}).`
        : `Login module '${entry.loginModule}' in '${k("sasl.jaas.config")}' serves ${served.join("/")}, not SASL mechanism ${mechanism} ('${k("sasl.mechanism")}'); use ${wanted} (or Flink's shaded org.apache.flink.kafka.shaded.${wanted}).`,
    );
  }
  for (const option of ["username", "password"]) {
    if (entry.options[option] === undefined) {
      ok = false;
      error(
        "sasl.jaas.config",
        `'${k("sasl.jaas.config")}' has no '${option}' option; ${mechanism} needs username="..." and password="...".`,
      );
    }
  }
  if (!ok) return undefined;
  return {
    mechanism: mechanism.toLowerCase() as SaslMechanismName,
    username: entry.options.username,
    password: entry.options.password,
  };
}

function analyzeSsl(
  get: (key: string) => string | undefined,
  k: (key: string) => string,
  error: (key: string, message: string) => void,
): SslSettings | undefined {
  let ok = true;
  const fail = (key: string, message: string) => {
    ok = false;
    error(key, message);
  };
  const keystoreType = get("ssl.keystore.type") ?? "JKS";
  const truststoreType = get("ssl.truststore.type") ?? "JKS";
  const privateKey = get("ssl.keystore.key");
  const chain = get("ssl.keystore.certificate.chain");
  const keystoreLocation = get("ssl.keystore.location");
  const keystorePassword = get("ssl.keystore.password");
  const trustCerts = get("ssl.truststore.certificates");
  const truststoreLocation = get("ssl.truststore.location");
  const truststorePassword = get("ssl.truststore.password");

  // Key store: DefaultSslEngineFactory.createKeystore's rules and messages first.
  if (privateKey !== undefined) {
    if (keystoreType !== "PEM") {
      fail(
        "ssl.keystore.key",
        `SSL private key can be specified only for PEM, but key store type is ${keystoreType}. Set '${k("ssl.keystore.type")}' = 'PEM'.`,
      );
    } else if (chain === undefined) {
      fail(
        "ssl.keystore.key",
        "SSL private key is specified, but certificate chain is not specified.",
      );
    } else if (keystoreLocation !== undefined) {
      fail(
        "ssl.keystore.location",
        "Both SSL key store location and separate private key are specified.",
      );
    } else if (keystorePassword !== undefined) {
      fail(
        "ssl.keystore.password",
        "SSL key store password cannot be specified with PEM format, only key password may be specified.",
      );
    }
  } else if (chain !== undefined) {
    fail(
      "ssl.keystore.certificate.chain",
      "SSL certificate chain is specified, but private key is not specified",
    );
  } else if (keystoreLocation !== undefined) {
    // DefaultSslEngineFactory.createKeystore: a JKS/PKCS12 key store needs its password.
    if (keystorePassword === undefined && keystoreType !== "PEM")
      fail(
        "ssl.keystore.location",
        "SSL key store is specified, but key store password is not specified.",
      );
  } else if (keystorePassword !== undefined) {
    fail(
      "ssl.keystore.password",
      "SSL key store is not specified, but key store password is specified.",
    );
  }

  // Trust store: createTruststore's rules and messages.
  if (trustCerts !== undefined) {
    if (truststoreType !== "PEM") {
      fail(
        "ssl.truststore.certificates",
        `SSL trust store certs can be specified only for PEM, but trust store type is ${truststoreType}. Set '${k("ssl.truststore.type")}' = 'PEM'.`,
      );
    } else if (truststoreLocation !== undefined) {
      fail(
        "ssl.truststore.location",
        "Both SSL trust store location and separate trust certificates are specified.",
      );
    } else if (truststorePassword !== undefined) {
      fail(
        "ssl.truststore.password",
        "SSL trust store password cannot be specified for PEM format.",
      );
    }
  } else if (truststoreLocation !== undefined) {
    if (truststoreType === "PEM" && truststorePassword !== undefined)
      fail(
        "ssl.truststore.password",
        "SSL trust store password cannot be specified for PEM format.",
      );
  } else if (truststorePassword !== undefined) {
    fail(
      "ssl.truststore.password",
      "SSL trust store is not specified, but trust store password is specified.",
    );
  }

  for (const [key, type] of [
    ["ssl.keystore.type", keystoreType],
    ["ssl.truststore.type", truststoreType],
  ] as const) {
    if (get(key) !== undefined && !["PEM", "JKS", "PKCS12"].includes(type)) {
      fail(key, `Unknown store type '${type}' for '${k(key)}'; use JKS, PKCS12 or PEM.`);
    }
  }

  if (!ok) return undefined;
  const ssl: SslSettings = {
    verifyHostname: (get("ssl.endpoint.identification.algorithm") ?? "https") !== "",
  };
  if (trustCerts !== undefined) ssl.ca = trustCerts;
  if (chain !== undefined) ssl.cert = chain;
  if (privateKey !== undefined) ssl.key = privateKey;
  const keyPassword = get("ssl.key.password");
  if (keyPassword !== undefined) ssl.passphrase = keyPassword;
  const storeType = (t: string) => t as StoreFile["type"];
  if (truststoreLocation !== undefined && trustCerts === undefined) {
    ssl.truststoreFile = { location: truststoreLocation, type: storeType(truststoreType) };
    if (truststorePassword !== undefined) ssl.truststoreFile.password = truststorePassword;
  }
  if (keystoreLocation !== undefined && privateKey === undefined) {
    ssl.keystoreFile = { location: keystoreLocation, type: storeType(keystoreType) };
    if (keystorePassword !== undefined) ssl.keystoreFile.password = keystorePassword;
    if (keyPassword !== undefined) ssl.keystoreFile.keyPassword = keyPassword;
  }
  return ssl;
}
