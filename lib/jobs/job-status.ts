/**
 * The job lifecycle as Flink's JobStatus names it (without INITIALIZING, FAILING, SUSPENDED and
 * RECONCILING, which have no counterpart here). `status` is what workers did; `desiredState` is
 * what the user asked for. Both only move along the edges below; anything else is a bug or a race
 * and is refused. Browser-safe: the console uses these names too.
 */
export const JOB_STATUSES = [
  "CREATED",
  "STARTING",
  "RUNNING",
  "RESTARTING",
  "CANCELLING",
  "FINISHED",
  "STOPPED",
  "FAILED",
  "CANCELLED",
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** RUNNING: run it. CANCELLED: stop without committing. STOPPED: stop with offsets. */
export const DESIRED_STATES = ["RUNNING", "CANCELLED", "STOPPED"] as const;
export type DesiredState = (typeof DESIRED_STATES)[number];

const TERMINAL: ReadonlySet<JobStatus> = new Set(["FINISHED", "STOPPED", "FAILED", "CANCELLED"]);

/** The states a job ends in: the list's filter and the archive rule use them. */
export const TERMINAL_STATUSES: readonly JobStatus[] = [
  "FINISHED",
  "STOPPED",
  "FAILED",
  "CANCELLED",
];

/**
 * Legal edges. FINISHED: bounded sources reached their end. STOPPED: "stop with offsets" (Flink's
 * stop-with-savepoint, which Flink also reports as FINISHED; here it is told apart, with the
 * offsets it stopped at on the job), from any state before the end. A terminal job goes
 * back to CREATED only through a redeploy, which starts a new run.
 */
const EDGES: Record<JobStatus, readonly JobStatus[]> = {
  CREATED: ["STARTING", "CANCELLING", "CANCELLED", "FAILED", "FINISHED", "STOPPED"],
  STARTING: ["RUNNING", "RESTARTING", "FAILED", "CANCELLING", "FINISHED", "STOPPED"],
  RUNNING: ["FINISHED", "STOPPED", "FAILED", "RESTARTING", "CANCELLING"],
  RESTARTING: ["STARTING", "FAILED", "CANCELLING", "CANCELLED", "FINISHED", "STOPPED"],
  CANCELLING: ["CANCELLED"],
  FINISHED: ["CREATED"],
  STOPPED: ["CREATED"],
  FAILED: ["CREATED"],
  CANCELLED: ["CREATED"],
};

const DESIRED_EDGES: Record<DesiredState, readonly DesiredState[]> = {
  RUNNING: ["CANCELLED", "STOPPED"],
  // A stop that hangs can still be cancelled; a redeploy asks for RUNNING again.
  STOPPED: ["CANCELLED", "RUNNING"],
  CANCELLED: ["RUNNING"],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
    what: "status" | "desired state",
  ) {
    super(
      `A job cannot go from ${what} ${from} to ${to}; from ${from} it can go to ` +
        `${(what === "status" ? EDGES[from as JobStatus] : DESIRED_EDGES[from as DesiredState])?.join(", ") || "nothing"}.`,
    );
    this.name = "IllegalTransitionError";
  }
}

export function isJobStatus(s: string): s is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(s);
}

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return EDGES[from].includes(to);
}

/** Returns `to` when the edge exists, throws IllegalTransitionError otherwise. */
export function transition(from: string, to: JobStatus): JobStatus {
  if (!isJobStatus(from) || !canTransition(from, to)) {
    throw new IllegalTransitionError(from, to, "status");
  }
  return to;
}

export function transitionDesired(from: string, to: DesiredState): DesiredState {
  const edges = DESIRED_EDGES[from as DesiredState];
  if (!edges || !edges.includes(to)) throw new IllegalTransitionError(from, to, "desired state");
  return to;
}
