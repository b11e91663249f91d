/**
 * Flink's exceptions (a job's root exception from the REST API, a statement's error from the SQL
 * Gateway) as a JobFailure: the first line is the message, each `Caused by:` line a cause.
 *
 * Flink runs a Tributary job with `restart-strategy.type: none`: the job's restart strategy
 * is Tributary's to apply (lib/jobs/report-instances-ended.ts), as on the embedded engine, so every
 * restart is an attempt. Flink's own wrapper ("Recovery is suppressed by
 * NoRestartBackoffTimeStrategy") is dropped: the failure is its cause. What a restart cannot fix —
 * the same record read again fails again — is not retriable, the embedded engine's rule
 * (RecordError in lib/runtime/failure.ts).
 */
import { PROPS_BOOTSTRAP_SERVERS } from "@/lib/connectors/kafka/kafka-options";
import { isNodeAssignmentTimeout } from "@/lib/kafka/diagnostics/node-assignment";
import type { JobFailure } from "@/lib/runtime/job-runtime";
import { parseScript } from "@/lib/sql/parser";
import type { SecretScrubber } from "@/lib/runtime/failure";
import { FlinkHttpError } from "./http";

const SUPPRESSED = /^org\.apache\.flink\.runtime\.JobException: Recovery is suppressed by /;

/** Causes that a restart meets again: a source record's bytes, a value the query cannot compute, a login module or class that is not there. */
const NOT_RETRIABLE = [
  // The format's own message ("Failed to deserialize CSV row …", "… JSON …"), not the Kafka
  // source's "Failed to deserialize consumer record due to", which wraps whatever the operators
  // chained after it threw.
  /Failed to deserialize (?!consumer record)/,
  /^java\.lang\.ArithmeticException/,
  /^org\.apache\.flink\.table\.api\.TableRuntimeException/,
  /No LoginModule found/,
  /^java\.lang\.ClassNotFoundException/,
];

export function failureFromStackTrace(stackTrace: string, scrubber: SecretScrubber): JobFailure {
  const lines = stackTrace
    .replace(/^<Exception on server side:\s*/, "")
    .split("\n")
    .map((l) => l.trimEnd());
  const first = lines.find((l) => l.trim() !== "") ?? "Flink reported a failure without a message.";
  let chain = [
    first,
    ...lines.filter((l) => l.startsWith("Caused by: ")).map((l) => l.slice("Caused by: ".length)),
  ];
  if (SUPPRESSED.test(chain[0]) && chain.length > 1) chain = chain.slice(1);
  const retriable = !chain.some((c) => NOT_RETRIABLE.some((p) => p.test(c)));
  return {
    message: scrubber.scrub(chain[0]),
    causes: chain.slice(1).map((c) => scrubber.scrub(c)),
    retriable,
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
      // A statement Flink refused is refused again: not retriable, whatever the cause.
      const failure = failureFromStackTrace(trace, scrubber);
      return { ...failure, message: `${doing}: ${failure.message}`, retriable: false };
    }
  }
  return {
    message: scrubber.scrub(`${doing}: ${error instanceof Error ? error.message : String(error)}`),
    causes: [],
    retriable: !(error instanceof FlinkHttpError) || error.status === 0,
  };
}

/**
 * A Flink failure with the connectivity diagnosis's link when it applies (the Java client's "Timed
 * out waiting for a node assignment"), as the embedded engine links its failures: for the cluster
 * of the script's Kafka tables when they all name one (Flink's message does not say which).
 */
export function withConnectivityDiagnosis(
  failure: JobFailure,
  sql: string | undefined,
): JobFailure {
  if (failure.hint || !sql || !isNodeAssignmentTimeout(failure)) return failure;
  const servers = new Set<string>();
  for (const stmt of parseScript(sql).script.statements) {
    if (stmt.kind !== "CreateTable") continue;
    const value = stmt.options.find((o) => o.key === PROPS_BOOTSTRAP_SERVERS.key)?.value;
    if (value) servers.add(value);
  }
  if (servers.size !== 1) return failure;
  return { ...failure, hint: { kind: "diagnose-kafka", bootstrapServers: [...servers][0] } };
}
