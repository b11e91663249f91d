/**
 * checkClientProperties: what the Java Kafka client (kafka-clients 3.4) would say about a set of
 * `properties.*` when the job starts — unknown keys (warning, with a "did you mean"), keys of the
 * other client role, values ConfigDef rejects (error, citing what is valid), the producer's
 * idempotence rules — plus what Tributary cannot honour through kafkajs (warning naming the key
 * and the reason). No message contains a secret value. Browser-safe.
 */
import { closestMatch } from "@/lib/connectors/did-you-mean";
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";
import {
  CLIENT_CONFIG_KEYS,
  type ClientRole,
  clientConfigKey,
  definedFor,
  isSensitiveKey,
} from "./catalog";
import { invalidValueMessage, parseClientValue, validatorFailure } from "./values";
import { analyzeSecurity } from "./security";

export type CheckRole = ClientRole | "both";

export interface ClientPropertyIssue {
  /** The property key as given (without the table's `properties.` prefix). */
  key: string;
  severity: "error" | "warning";
  message: string;
  /** The key (without the prefix) a "did you mean" names, for a quick fix. */
  suggestion?: string;
}

export interface CheckOptions {
  /** Prepended to key names in messages, e.g. `properties.` when they come from a WITH clause. */
  keyPrefix?: string;
  /** Keys that are known outside kafka-clients (e.g. Flink connector properties): not "unknown". */
  extraKnownKeys?: Iterable<string>;
}

const roleList = (role: CheckRole): ClientRole[] =>
  role === "both" ? ["producer", "consumer"] : [role];

const roleWords = (role: CheckRole): string => (role === "both" ? "producer or consumer" : role);

export function checkClientProperties(
  properties: Readonly<Record<string, string>>,
  role: CheckRole,
  options: CheckOptions = {},
): ClientPropertyIssue[] {
  const prefix = options.keyPrefix ?? "";
  const extra = new Set(options.extraKnownKeys ?? []);
  const roles = roleList(role);
  const issues: ClientPropertyIssue[] = [];
  const parsed = new Map<string, string | number | boolean | string[]>();

  for (const [key, raw] of Object.entries(properties)) {
    if (extra.has(key)) continue;
    const entry = clientConfigKey(key);
    const shown = `'${prefix}${key}'`;
    if (!entry) {
      const candidates = CLIENT_CONFIG_KEYS.filter((e) => roles.some((r) => definedFor(e, r))).map(
        (e) => e.key,
      );
      const match = closestMatch(key, [...candidates, ...extra]);
      issues.push({
        key,
        severity: "warning",
        message:
          `${shown} is not a Kafka ${roleWords(role)} configuration (kafka-clients 3.4); the client ignores it.` +
          (match === undefined ? "" : ` Did you mean '${prefix}${match}'?`),
        suggestion: match,
      });
      continue;
    }
    const applicable = roles.filter((r) => definedFor(entry, r));
    if (applicable.length === 0) {
      const owner = definedFor(entry, "producer") ? "producer" : "consumer";
      issues.push({
        key,
        severity: "warning",
        message: `${shown} is a Kafka ${owner} configuration; the ${roleWords(role)} ignores it.`,
      });
      continue;
    }
    if (hasSecretPlaceholder(raw)) continue; // resolved only at run time
    const value = parseClientValue(entry.type, raw);
    const shownValue = isSensitiveKey(key) ? "[hidden]" : raw.trim();
    if (!value.ok) {
      issues.push({
        key,
        severity: "error",
        message: invalidValueMessage(prefix + key, shownValue, value.reason),
      });
      continue;
    }
    const failure = validatorFailure(entry, value.value);
    if (failure) {
      issues.push({
        key,
        severity: "error",
        message: invalidValueMessage(prefix + key, shownValue, failure),
      });
      continue;
    }
    parsed.set(key, value.value);
    if (entry.application.kind === "ignored") {
      issues.push({
        key,
        severity: "warning",
        message: `${shown} has no effect in Tributary: ${entry.application.reason}.`,
      });
    }
  }

  if (roles.includes("producer")) issues.push(...checkIdempotence(properties, parsed, prefix));
  for (const issue of analyzeSecurity(properties, prefix).issues) issues.push(issue);
  return issues;
}

/** ProducerConfig.postProcessAndValidateIdempotenceConfigs (kafka-clients 3.4), its messages. */
function checkIdempotence(
  properties: Readonly<Record<string, string>>,
  parsed: ReadonlyMap<string, unknown>,
  prefix: string,
): ClientPropertyIssue[] {
  const issues: ClientPropertyIssue[] = [];
  const userIdempotence = parsed.get("enable.idempotence");
  const acks = String(parsed.get("acks") ?? "all");
  const retries = (parsed.get("retries") as number | undefined) ?? 2147483647;
  const inFlight = (parsed.get("max.in.flight.requests.per.connection") as number | undefined) ?? 5;
  const idempotence = idempotenceEnabled(parsed);
  if (userIdempotence === true) {
    if (retries === 0) {
      issues.push({
        key: "retries",
        severity: "error",
        message: `Must set ${prefix}retries to non-zero when using the idempotent producer.`,
      });
    }
    if (acks !== "all" && acks !== "-1") {
      issues.push({
        key: "acks",
        severity: "error",
        message: `Must set ${prefix}acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.`,
      });
    }
    if (inFlight > 5) {
      issues.push({
        key: "max.in.flight.requests.per.connection",
        severity: "error",
        message: `Must set ${prefix}max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.`,
      });
    }
  }
  if (!idempotence && properties["transactional.id"] !== undefined) {
    issues.push({
      key: "transactional.id",
      severity: "error",
      message: `Cannot set a ${prefix}transactional.id without also enabling idempotence.`,
    });
  }
  return issues;
}

/**
 * Whether the Java 3.4 producer ends up idempotent: on by default, silently off when acks is not
 * all, retries is 0 or more than 5 requests may be in flight and the user did not ask for it.
 */
export function idempotenceEnabled(parsed: ReadonlyMap<string, unknown>): boolean {
  const user = parsed.get("enable.idempotence");
  if (user === false) return false;
  if (user === true) return true;
  const acks = String(parsed.get("acks") ?? "all");
  const retries = (parsed.get("retries") as number | undefined) ?? 2147483647;
  const inFlight = (parsed.get("max.in.flight.requests.per.connection") as number | undefined) ?? 5;
  return (acks === "all" || acks === "-1") && retries !== 0 && inFlight <= 5;
}
