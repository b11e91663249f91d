/**
 * The secrets in a set of Kafka client properties — passwords inside sasl.jaas.config, any
 * password-like key, the PEM private key — and a function that masks them in any text, so no
 * message of a diagnosis can carry one, whatever a broker or library puts in its errors.
 * Browser-safe.
 */
import { isSensitiveKey, parseJaasConfig } from "@/lib/kafka/client-config";

export const MASK = "******";

export function secretValues(props: Readonly<Record<string, string>>): string[] {
  const secrets = new Set<string>();
  for (const [key, value] of Object.entries(props)) {
    if (key === "sasl.jaas.config") {
      try {
        for (const entry of parseJaasConfig(value)) {
          for (const [option, v] of Object.entries(entry.options)) {
            if (/password|secret|token/i.test(option) && v) secrets.add(v);
          }
        }
      } catch {
        // An unparsable JAAS line is reported as a property error; nothing is sent with it.
      }
    } else if ((isSensitiveKey(key) || key === "ssl.keystore.key") && value) {
      secrets.add(value);
    }
  }
  return [...secrets];
}

export function secretScrubber(secrets: Iterable<string>): (text: string) => string {
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...new Set(secrets)].filter((s) => s !== "").sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((t, s) => t.split(s).join(MASK), text);
}
