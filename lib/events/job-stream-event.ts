/**
 * The typed envelope of the job streams, shared by the server (app/api/…/events) and the
 * console's client. Browser-safe. Status and log messages carry the id of their row (JobEvent
 * and JobLog draw ids from one sequence), which is the SSE event id a reconnect sends back as
 * Last-Event-ID; metrics and snapshots are ephemeral and carry none.
 */
import type { DesiredState, JobStatus } from "@/lib/jobs/job-status";
import type { InstanceMetrics, JobFailure, LogLevel } from "@/lib/runtime/job-runtime";

/** What a JobEvent row records, by type. */
export interface JobEventPayloads {
  status: {
    status: JobStatus;
    previous: JobStatus | null;
    desiredState: DesiredState;
    attemptNumber: number | null;
    message?: string;
  };
  attempt: {
    attemptNumber: number;
    state: "SCHEDULED" | "FAILED";
    /** For SCHEDULED: when its instances may be claimed (the restart strategy's delay). */
    notBefore?: string;
    error?: JobFailure;
  };
  slot: {
    attemptNumber: number;
    instance: number;
    workerId: string | null;
    change:
      | "claimed"
      | "taken-over"
      | "running"
      | "released"
      | "finished"
      | "failed"
      | "cancelled"
      | "stopped"
      | "lost";
  };
}
export type JobEventType = keyof JobEventPayloads;

export type JobEventMessage = {
  [T in JobEventType]: {
    kind: "event";
    id: string;
    deploymentId: string;
    at: string;
    type: T;
    payload: JobEventPayloads[T];
  };
}[JobEventType];

export interface JobLogMessage {
  kind: "log";
  id: string;
  deploymentId: string;
  at: string;
  level: LogLevel;
  instance: number | null;
  message: string;
}

/** The latest counters of each running instance, about once a second, with rates derived. */
export interface JobMetricsMessage {
  kind: "metrics";
  deploymentId: string;
  at: string;
  instances: Array<InstanceMetrics & InstanceRates>;
}

export interface InstanceRates {
  numRecordsInPerSecond: number;
  numRecordsOutPerSecond: number;
  numBytesInPerSecond: number;
  numBytesOutPerSecond: number;
}

/** A job as the list shows it. */
export interface JobSummary {
  id: string;
  name: string;
  status: JobStatus;
  desiredState: DesiredState;
  parallelism: number;
  createdAt: string;
  updatedAt: string;
}

/** Sent first on every connection: where the job (or the list) stands now. */
export interface JobSnapshotMessage {
  kind: "snapshot";
  job: JobSummary;
}

/** One job in /api/events: sent when its status or desired state changes. */
export interface JobListMessage {
  kind: "job";
  id: string;
  job: JobSummary;
}

export type JobStreamMessage =
  JobEventMessage | JobLogMessage | JobMetricsMessage | JobSnapshotMessage;
export type JobListStreamMessage = JobListMessage | { kind: "snapshot"; jobs: JobSummary[] };

/** The SSE `event:` name of a message (the client can dispatch on it without parsing data). */
export function sseEventName(m: JobStreamMessage | JobListStreamMessage): string {
  return m.kind === "event" ? m.type : m.kind;
}

export function sseEventId(m: JobStreamMessage | JobListStreamMessage): string | undefined {
  return "id" in m && typeof m.id === "string" ? m.id : undefined;
}
