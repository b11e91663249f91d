/**
 * Failures as the job lifecycle stores them: a message, the cause chain, the coordinates of the
 * record involved, and whether a restart could help. Every text passes the job's secret scrubber.
 */
import { explainKafkaError, MissingTopicsError, KafkaClientConfigError } from "@/lib/kafka/io";
import { isNodeAssignmentTimeout } from "@/lib/kafka/diagnostics/node-assignment";
import type { JobFailure, RecordCoordinates } from "./job-runtime";

/** A failure caused by one record: bad source bytes, or a value the sink cannot write. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly record: RecordCoordinates,
    readonly reason?: unknown,
  ) {
    super(message);
    this.name = "RecordError";
  }
}

/** A failure found before or while running that restarting cannot fix (configuration, plan). */
export class JobConfigurationError extends Error {
  constructor(
    message: string,
    readonly hint?: JobFailure["hint"],
  ) {
    super(message);
    this.name = "JobConfigurationError";
  }
}

/** Replaces every secret value (resolved placeholders, passwords) in a text with ******. */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  add(value: string | undefined): void {
    if (value && value.length >= 3) this.secrets.add(value);
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join("******");
    return out;
  }
}

function coordinatesText(r: RecordCoordinates): string {
  const parts: string[] = [];
  if (r.topic !== undefined) parts.push(`topic '${r.topic}'`);
  if (r.partition !== undefined) parts.push(`partition ${r.partition}`);
  if (r.offset !== undefined) parts.push(`offset ${r.offset}`);
  if (r.row !== undefined) parts.push(`row ${r.row}`);
  if (r.column !== undefined) parts.push(`column '${r.column}'`);
  return parts.join(", ");
}

export function toJobFailure(
  error: unknown,
  scrubber: SecretScrubber,
  bootstrapServers?: string,
): JobFailure {
  const s = (t: string) => scrubber.scrub(t);
  if (error instanceof RecordError) {
    const reason =
      error.reason instanceof Error
        ? error.reason.message
        : error.reason
          ? String(error.reason)
          : undefined;
    return {
      message: s(`${error.message} (${coordinatesText(error.record)})`),
      causes: reason ? [s(reason)] : [],
      record: error.record,
      retriable: false,
    };
  }
  if (error instanceof MissingTopicsError || error instanceof KafkaClientConfigError) {
    return { message: s(error.message), causes: [], retriable: false };
  }
  if (error instanceof JobConfigurationError) {
    const failure: JobFailure = { message: s(error.message), causes: [], retriable: false };
    if (error.hint) failure.hint = error.hint;
    return failure;
  }
  const explained = explainKafkaError(error);
  const failure: JobFailure = {
    message: s(explained.message),
    causes: explained.causes.filter((c) => c !== explained.message).map(s),
    retriable: explained.retriable,
  };
  // The connectivity diagnosis (lib/kafka/diagnostics) owns the rule for which failures it explains.
  if (bootstrapServers && (isNodeAssignmentTimeout(error) || isNodeAssignmentTimeout(failure))) {
    failure.hint = { kind: "diagnose-kafka", bootstrapServers };
  }
  return failure;
}
