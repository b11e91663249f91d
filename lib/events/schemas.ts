/**
 * The messages of the job streams (`GET /api/jobs/:id/events`, `GET /api/events`) as Zod
 * schemas, once: the server's sender is typed by them (job-stream-event.ts infers its types from
 * here) and the browser's stream reader (sse-client.ts) parses every message with the schema of
 * its SSE event name — a message that does not match is dropped with a warning, never cast.
 * Browser-safe.
 */
import { z } from "zod";
import { DESIRED_STATES, JOB_STATUSES } from "@/lib/jobs/job-status";
import type {
  InstanceMetrics,
  JobFailure,
  LogLevel,
  RecordCoordinates,
} from "@/lib/runtime/job-runtime";

const jobStatus = z.enum(JOB_STATUSES);
const desiredState = z.enum(DESIRED_STATES);
export const logLevel = z.enum(["DEBUG", "INFO", "WARN", "ERROR"]) satisfies z.ZodType<LogLevel>;

const recordCoordinates = z.object({
  topic: z.string().optional(),
  partition: z.number().optional(),
  offset: z.string().optional(),
  column: z.string().optional(),
  row: z.number().optional(),
}) satisfies z.ZodType<RecordCoordinates>;

export const jobFailure = z.object({
  message: z.string(),
  causes: z.array(z.string()),
  record: recordCoordinates.optional(),
  retriable: z.boolean(),
  hint: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("diagnose-kafka"), bootstrapServers: z.string() }),
      z.object({ kind: z.literal("text"), text: z.string() }),
    ])
    .optional(),
}) satisfies z.ZodType<JobFailure>;

/** A job as the list shows it. */
export const jobSummary = z.object({
  id: z.string(),
  name: z.string(),
  status: jobStatus,
  desiredState,
  parallelism: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** What a JobEvent row records, by type. */
const eventPayloads = {
  status: z.object({
    status: jobStatus,
    previous: jobStatus.nullable(),
    desiredState,
    attemptNumber: z.number().nullable(),
    message: z.string().optional(),
  }),
  attempt: z.object({
    attemptNumber: z.number(),
    state: z.enum(["SCHEDULED", "FAILED"]),
    /** For SCHEDULED: when its instances may be claimed (the restart strategy's delay). */
    notBefore: z.string().optional(),
    error: jobFailure.optional(),
  }),
  instance: z.object({
    attemptNumber: z.number(),
    instance: z.number(),
    workerId: z.string().nullable(),
    change: z.enum([
      "claimed",
      "taken-over",
      "running",
      "released",
      "finished",
      "failed",
      "cancelled",
      "stopped",
      "lost",
    ]),
  }),
};

const eventMessageOf = <T extends keyof typeof eventPayloads>(type: T) =>
  z.object({
    kind: z.literal("event"),
    id: z.string(),
    jobId: z.string(),
    at: z.string(),
    type: z.literal(type),
    payload: eventPayloads[type],
  });

export const jobStatusEvent = eventMessageOf("status");
export const jobAttemptEvent = eventMessageOf("attempt");
export const jobSlotEvent = eventMessageOf("instance");

export const jobLogMessage = z.object({
  kind: z.literal("log"),
  id: z.string(),
  jobId: z.string(),
  at: z.string(),
  level: logLevel,
  instance: z.number().nullable(),
  message: z.string(),
});

const instanceMetrics = z.object({
  instance: z.number(),
  numRecordsIn: z.number(),
  numRecordsOut: z.number(),
  numBytesIn: z.number(),
  numBytesOut: z.number(),
  numRecordsOutErrors: z.number(),
  numRecordsInErrors: z.number(),
  currentSendTime: z.number(),
  lagByPartition: z.record(z.string(), z.number()),
  assignedPartitions: z.array(z.string()),
  lastCommitAt: z.string().optional(),
}) satisfies z.ZodType<InstanceMetrics>;

export const instanceRates = z.object({
  numRecordsInPerSecond: z.number(),
  numRecordsOutPerSecond: z.number(),
  numBytesInPerSecond: z.number(),
  numBytesOutPerSecond: z.number(),
});

/** The latest counters of each running instance, about once a second, with rates derived. */
export const jobMetricsMessage = z.object({
  kind: z.literal("metrics"),
  jobId: z.string(),
  at: z.string(),
  instances: z.array(instanceMetrics.extend(instanceRates.shape)),
});

/** Sent first on every connection of a job's stream: where the job stands now. */
export const jobSnapshotMessage = z.object({ kind: z.literal("snapshot"), job: jobSummary });

/** One job in /api/events: sent when its status or desired state changes. */
export const jobListMessage = z.object({ kind: z.literal("job"), id: z.string(), job: jobSummary });

/** Sent first on every connection of /api/events. */
export const jobListSnapshotMessage = z.object({
  kind: z.literal("snapshot"),
  jobs: z.array(jobSummary),
});

/**
 * Each stream's messages by their SSE `event:` name (sseEventName: an event's type, else the
 * message's kind): what the browser parses each event's data with.
 */
export const jobStreamSchemas = {
  status: jobStatusEvent,
  attempt: jobAttemptEvent,
  instance: jobSlotEvent,
  log: jobLogMessage,
  metrics: jobMetricsMessage,
  snapshot: jobSnapshotMessage,
};

export const jobListStreamSchemas = {
  job: jobListMessage,
  snapshot: jobListSnapshotMessage,
};
