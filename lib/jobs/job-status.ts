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
  "FAILED",
  "CANCELLED",
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** RUNNING: run it. CANCELLED: stop without committing. STOPPED: stop with offsets. */
export const DESIRED_STATES = ["RUNNING", "CANCELLED", "STOPPED"] as const;
export type DesiredState = (typeof DESIRED_STATES)[number];

const TERMINAL: ReadonlySet<JobStatus> = new Set(["FINISHED", "FAILED", "CANCELLED"]);

/**
 * Legal edges. STARTING/RESTARTING → FINISHED is "stop with offsets" before every instance ran
 * (Flink's stop-with-savepoint also ends in FINISHED). A terminal job goes back to CREATED only
 * through a redeploy, which starts a new run.
 */
const EDGES: Record<JobStatus, readonly JobStatus[]> = {
  CREATED: ["STARTING", "CANCELLING", "CANCELLED", "FAILED", "FINISHED"],
  STARTING: ["RUNNING", "RESTARTING", "FAILED", "CANCELLING", "FINISHED"],
  RUNNING: ["FINISHED", "FAILED", "RESTARTING", "CANCELLING"],
  RESTARTING: ["STARTING", "FAILED", "CANCELLING", "CANCELLED", "FINISHED"],
  CANCELLING: ["CANCELLED"],
  FINISHED: ["CREATED"],
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
