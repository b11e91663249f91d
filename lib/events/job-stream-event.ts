/**
 * The typed envelope of the job streams, shared by the server (app/api/…/events) and the
 * console's client: the types are the schemas' (./schemas.ts, which the client parses with).
 * Browser-safe. Status and log messages carry the id of their row (JobEvent
 * and JobLog draw ids from one sequence), which is the SSE event id a reconnect sends back as
 * Last-Event-ID; metrics and snapshots are ephemeral and carry none.
 */
import type { z } from "zod";
import type {
  instanceRates,
  jobAttemptEvent,
  jobListMessage,
  jobListSnapshotMessage,
  jobLogMessage,
  jobMetricsMessage,
  jobSlotEvent,
  jobSnapshotMessage,
  jobStatusEvent,
  jobSummary,
} from "./schemas";

type StatusEvent = z.infer<typeof jobStatusEvent>;
type AttemptEvent = z.infer<typeof jobAttemptEvent>;
type SlotEvent = z.infer<typeof jobSlotEvent>;

/** What a JobEvent row records, by type. */
export interface JobEventPayloads {
  status: StatusEvent["payload"];
  attempt: AttemptEvent["payload"];
  instance: SlotEvent["payload"];
}
export type JobEventType = keyof JobEventPayloads;

export type JobEventMessage = StatusEvent | AttemptEvent | SlotEvent;
export type JobLogMessage = z.infer<typeof jobLogMessage>;
/** The latest counters of each running instance, about once a second, with rates derived. */
export type JobMetricsMessage = z.infer<typeof jobMetricsMessage>;
export type InstanceRates = z.infer<typeof instanceRates>;
/** A job as the list shows it. */
export type JobSummary = z.infer<typeof jobSummary>;
/** Sent first on every connection: where the job (or the list) stands now. */
export type JobSnapshotMessage = z.infer<typeof jobSnapshotMessage>;
/** One job in /api/events: sent when its status or desired state changes. */
export type JobListMessage = z.infer<typeof jobListMessage>;

export type JobStreamMessage =
  JobEventMessage | JobLogMessage | JobMetricsMessage | JobSnapshotMessage;
export type JobListStreamMessage = JobListMessage | z.infer<typeof jobListSnapshotMessage>;

/** The SSE `event:` name of a message (the client can dispatch on it without parsing data). */
export function sseEventName(m: JobStreamMessage | JobListStreamMessage): string {
  return m.kind === "event" ? m.type : m.kind;
}

export function sseEventId(m: JobStreamMessage | JobListStreamMessage): string | undefined {
  return "id" in m && typeof m.id === "string" ? m.id : undefined;
}
