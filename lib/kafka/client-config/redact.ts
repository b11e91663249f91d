/**
 * Redaction of secrets in Kafka client properties, for logs, plans and API responses: passwords
 * inside sasl.jaas.config, ssl.key.password, ssl.keystore.password, ssl.truststore.password, any
 * key containing "password", and the PEM private key ssl.keystore.key. Browser-safe.
 */
import { isSecretPropertyKey } from "@/lib/secrets/literal-secrets";
import { redactJaasConfig } from "./jaas";

export const REDACTED = "******";

/** The rule of which keys hold secrets is lib/secrets/literal-secrets.ts's; any password-ish key too. */
function isFullySecret(key: string): boolean {
  return isSecretPropertyKey(key) || key.toLowerCase().includes("password");
}

function isJaas(key: string): boolean {
  return key === "sasl.jaas.config" || key === "properties.sasl.jaas.config";
}

/** A copy with secret values replaced by ******; works on bare keys and `properties.`-prefixed ones. */
export function redactProperties(props: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if (isFullySecret(key)) out[key] = REDACTED;
    else if (isJaas(key)) out[key] = redactJaasConfig(value);
    else out[key] = value;
  }
  return out;
}

/** Whether a key's value is (or contains) a secret that redactProperties hides. */
export function isRedactedKey(key: string): boolean {
  return isFullySecret(key) || isJaas(key);
}
