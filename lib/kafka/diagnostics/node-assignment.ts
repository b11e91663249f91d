/**
 * Recognises the failures that the connectivity diagnosis explains, so the job runtime can link a
 * failed job to "diagnose this cluster" (JobFailure.hint { kind: "diagnose-kafka" }). Browser-safe.
 */
import { errorChain, errorMessage } from "./classify";

/** The Java client's text (AdminClient / KafkaAdminClient's TimeoutException) that Flink jobs show. */
export const NODE_ASSIGNMENT_TIMEOUT = "Timed out waiting for a node assignment";

/**
 * kafkajs never says "node assignment": where the Java client waits for a broker it cannot reach
 * until that timeout, kafkajs gives up with a connection error naming the broker.
 */
const KAFKAJS_UNREACHABLE_BROKER = new Set([
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
]);
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Whether an error — an Error with its cause chain, a plain message, or a stored failure
 * `{ message, causes }` — is Kafka's "Timed out waiting for a node assignment" or kafkajs's form of
 * the same network problem (a broker connection refused, timed out or unresolvable). SASL, TLS and
 * request-level errors are not: they have messages of their own.
 */
export function isNodeAssignmentTimeout(error: unknown): boolean {
  if (typeof error === "string") return error.includes(NODE_ASSIGNMENT_TIMEOUT);
  const chain = errorChain(error);
  for (const e of chain) {
    if (errorMessage(e).includes(NODE_ASSIGNMENT_TIMEOUT)) return true;
    if (typeof e.name === "string" && KAFKAJS_UNREACHABLE_BROKER.has(e.name)) {
      const code = typeof e.code === "string" ? e.code : undefined;
      if (code === undefined || UNREACHABLE_CODES.has(code)) return true;
    }
  }
  const causes = (error as { causes?: unknown } | null)?.causes;
  return (
    Array.isArray(causes) &&
    causes.some((c) => typeof c === "string" && c.includes(NODE_ASSIGNMENT_TIMEOUT))
  );
}

/** The JobFailure hint that links a failed job to the diagnosis of its cluster, when it applies. */
export function diagnosisHint(
  error: unknown,
  bootstrapServers: string,
): { kind: "diagnose-kafka"; bootstrapServers: string } | undefined {
  return isNodeAssignmentTimeout(error) ? { kind: "diagnose-kafka", bootstrapServers } : undefined;
}
