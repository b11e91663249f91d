/**
 * Failures as the attempt stores them (the runtime's JobFailure): a message, the cause chain and
 * the record's coordinates — with secrets masked, since this text is shown to users.
 */
import type { JobFailure } from "@/lib/runtime/job-runtime";
import { redactText } from "@/lib/logging/redact";

/** A failure from something thrown outside the runtime's own reporting (e.g. while starting). */
export function failureFromError(error: unknown, retriable = true): JobFailure {
  const causes: string[] = [];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 20; depth++) {
    causes.push(
      redactText(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)),
    );
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: redactText(message), causes, retriable };
}

/** The runtime's failure with its texts masked once more before they are stored. */
export function redactFailure(failure: JobFailure): JobFailure {
  return {
    ...failure,
    message: redactText(failure.message),
    causes: failure.causes.map(redactText),
  };
}

/** One line for logs: the message and its causes. */
export function describeFailure(failure: JobFailure): string {
  const where = failure.record
    ? ` (${Object.entries(failure.record)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`
    : "";
  return [failure.message + where, ...failure.causes.map((c) => `Caused by: ${c}`)].join("\n");
}
