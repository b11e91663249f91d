/**
 * Flink's exceptions (a job's root exception from the REST API, a statement's error from the SQL
 * Gateway) as a JobFailure: the first line is the message, each `Caused by:` line a cause.
 * Not retriable: Flink has already applied the job's restart strategy before a job is FAILED.
 */
import type { JobFailure } from "@/lib/runtime/job-runtime";
import type { SecretScrubber } from "@/lib/runtime/failure";
import { FlinkHttpError } from "./http";

export function failureFromStackTrace(stackTrace: string, scrubber: SecretScrubber): JobFailure {
  const lines = stackTrace
    .replace(/^<Exception on server side:\s*/, "")
    .split("\n")
    .map((l) => l.trimEnd());
  const message =
    lines.find((l) => l.trim() !== "") ?? "Flink reported a failure without a message.";
  const causes = lines
    .filter((l) => l.startsWith("Caused by: "))
    .map((l) => l.slice("Caused by: ".length));
  return {
    message: scrubber.scrub(message),
    causes: causes.map((c) => scrubber.scrub(c)),
    retriable: false,
  };
}

/** A gateway or REST error: Flink's own exception when the answer carried one. */
export function failureFromFlinkError(
  error: unknown,
  scrubber: SecretScrubber,
  doing: string,
): JobFailure {
  if (error instanceof FlinkHttpError) {
    const trace = error.errors.find((e) => e.includes("Exception"));
    if (trace) {
      const failure = failureFromStackTrace(trace, scrubber);
      return { ...failure, message: `${doing}: ${failure.message}` };
    }
  }
  return {
    message: scrubber.scrub(`${doing}: ${error instanceof Error ? error.message : String(error)}`),
    causes: [],
    retriable: !(error instanceof FlinkHttpError) || error.status === 0,
  };
}
