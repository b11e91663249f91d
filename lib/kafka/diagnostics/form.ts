/**
 * The console form's fields as Kafka client properties: security settings from dedicated inputs
 * (the password never sits in a plain text box) plus free `key=value` lines, which win over the
 * fields when both set a key. Browser-safe.
 */
import type { SecurityProtocol } from "./report";

export type FormSaslMechanism = "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512";

export interface DiagnosisForm {
  securityProtocol: SecurityProtocol;
  saslMechanism: FormSaslMechanism;
  username: string;
  password: string;
  /** PEM certificates of the CAs to trust; empty = the system's. */
  caCertificates: string;
  /** More properties, one `key=value` a line, `#` comments. */
  extraProperties: string;
}

const LOGIN_MODULES: Record<FormSaslMechanism, string> = {
  PLAIN: "org.apache.kafka.common.security.plain.PlainLoginModule",
  "SCRAM-SHA-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
  "SCRAM-SHA-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
};

/** The choices the forms offer (the diagnostics page, cluster profiles). */
export const SECURITY_PROTOCOLS: readonly SecurityProtocol[] = [
  "PLAINTEXT",
  "SSL",
  "SASL_PLAINTEXT",
  "SASL_SSL",
];
export const FORM_SASL_MECHANISMS = Object.keys(LOGIN_MODULES) as FormSaslMechanism[];

/** A JAAS quoted string: Kafka's parser (StreamTokenizer) unescapes \\ and \". */
function jaasQuote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function parsePropertyLines(text: string): {
  properties: Record<string, string>;
  errors: string[];
} {
  const properties: Record<string, string> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) return;
    const eq = line.indexOf("=");
    const key = eq < 0 ? "" : line.slice(0, eq).trim();
    if (key === "") {
      // The line number only: the line may hold a secret.
      errors.push(`Line ${index + 1} of the extra properties is not key=value.`);
      return;
    }
    properties[key] = line.slice(eq + 1).trim();
  });
  return { properties, errors };
}

export function formProperties(form: DiagnosisForm): {
  properties: Record<string, string>;
  errors: string[];
} {
  const properties: Record<string, string> = {};
  if (form.securityProtocol !== "PLAINTEXT")
    properties["security.protocol"] = form.securityProtocol;
  if (form.securityProtocol.startsWith("SASL_")) {
    properties["sasl.mechanism"] = form.saslMechanism;
    if (form.username !== "" || form.password !== "") {
      properties["sasl.jaas.config"] =
        `${LOGIN_MODULES[form.saslMechanism]} required username=${jaasQuote(form.username)} password=${jaasQuote(form.password)};`;
    }
  }
  if (form.securityProtocol.endsWith("SSL") && form.caCertificates.trim() !== "") {
    properties["ssl.truststore.type"] = "PEM";
    properties["ssl.truststore.certificates"] = form.caCertificates.trim();
  }
  const extra = parsePropertyLines(form.extraProperties);
  return { properties: { ...properties, ...extra.properties }, errors: extra.errors };
}
