/**
 * Kafka client failures in words a user can act on: the cause named, the fix when there is one,
 * and whether restarting could help. kafkajs's own messages never carry credentials, but callers
 * still pass every message through the job's secret scrubber.
 */
export interface ExplainedKafkaError {
  message: string;
  /** The underlying client messages, outermost first. */
  causes: string[];
  retriable: boolean;
}

const FIXES: Record<string, { message: string; retriable: boolean }> = {
  CLUSTER_AUTHORIZATION_FAILED: {
    message:
      "The cluster refused an idempotent producer (no IdempotentWrite permission, or idempotence is disabled on the brokers); set 'properties.enable.idempotence' = 'false' for this sink, or grant the permission.",
    retriable: false,
  },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: {
    message:
      "The cluster refused the transactional id (no Write permission on the TransactionalId resource); grant it for the 'sink.transactional-id-prefix', or use 'sink.delivery-guarantee' = 'at-least-once'.",
    retriable: false,
  },
  INVALID_TRANSACTION_TIMEOUT: {
    message:
      "The broker refused the producer's transaction.timeout.ms because it exceeds the broker's transaction.max.timeout.ms; lower 'properties.transaction.timeout.ms'.",
    retriable: false,
  },
  PRODUCER_FENCED: {
    message:
      "The transactional producer was fenced: another producer started with the same transactional id (a second copy of this job, or the same 'sink.transactional-id-prefix' in another job), or the transaction timed out on the broker.",
    retriable: true,
  },
  INVALID_PRODUCER_EPOCH: {
    message:
      "The transactional producer was fenced: another producer started with the same transactional id, or the transaction timed out on the broker.",
    retriable: true,
  },
  TOPIC_AUTHORIZATION_FAILED: {
    message: "The cluster refused access to a topic (no permission for this user).",
    retriable: false,
  },
  GROUP_AUTHORIZATION_FAILED: {
    message:
      "The cluster refused access to the consumer group in 'properties.group.id' (no permission for this user).",
    retriable: false,
  },
  SASL_AUTHENTICATION_FAILED: {
    message:
      "The cluster rejected the SASL credentials; check the user name and password in 'properties.sasl.jaas.config' and 'properties.sasl.mechanism'.",
    retriable: false,
  },
  UNSUPPORTED_SASL_MECHANISM: {
    message: "The cluster does not offer the SASL mechanism in 'properties.sasl.mechanism'.",
    retriable: false,
  },
  INCONSISTENT_GROUP_PROTOCOL: {
    message:
      "Another consumer that is not part of this job is a member of the group in 'properties.group.id'; give the job its own group id.",
    retriable: true,
  },
  MESSAGE_TOO_LARGE: {
    message:
      "A record is larger than the broker or topic accepts (max.message.bytes); raise the topic's limit or write smaller records.",
    retriable: false,
  },
  RECORD_LIST_TOO_LARGE: {
    message:
      "A produce request is larger than the broker accepts; lower 'properties.max.request.size'.",
    retriable: false,
  },
};

/** The chain of messages of an error and its causes (kafkajs nests them in `cause` / `originalError`). */
export function causeChain(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && out.length < 8) {
    seen.add(current);
    if (current instanceof Error) {
      if (current.message && !out.includes(current.message)) out.push(current.message);
      const c = current as Error & { cause?: unknown; originalError?: unknown };
      current = c.cause ?? c.originalError;
    } else {
      out.push(String(current));
      break;
    }
  }
  return out;
}

function errorType(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const c = current as Error & { type?: string; cause?: unknown; originalError?: unknown };
    if (typeof c.type === "string") return c.type;
    if (/SASL .* authentication failed/i.test(c.message)) return "SASL_AUTHENTICATION_FAILED";
    current = c.cause ?? c.originalError;
  }
  return undefined;
}

export function explainKafkaError(error: unknown): ExplainedKafkaError {
  const causes = causeChain(error);
  const type = errorType(error);
  const fix = type ? FIXES[type] : undefined;
  if (fix) return { message: fix.message, causes, retriable: fix.retriable };
  const name = error instanceof Error ? error.name : "";
  if (
    name === "KafkaJSConnectionError" ||
    name === "KafkaJSNumberOfRetriesExceeded" ||
    name === "KafkaJSRequestTimeoutError"
  ) {
    return {
      message: `Could not reach the Kafka cluster: ${causes[0] ?? "connection failed"}.`,
      causes,
      retriable: true,
    };
  }
  if (type === "COORDINATOR_NOT_AVAILABLE" || type === "NOT_COORDINATOR") {
    return {
      message:
        "The cluster has no transaction or group coordinator available (its internal topics may be unable to reach their replication factor); check the cluster, or use 'sink.delivery-guarantee' = 'at-least-once'.",
      causes,
      retriable: true,
    };
  }
  return { message: causes[0] ?? "Kafka client error", causes: causes.slice(1), retriable: true };
}
