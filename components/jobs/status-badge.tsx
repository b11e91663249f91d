import { isTerminal, type DesiredState, type JobStatus } from "@/lib/jobs/job-status";

const COLORS: Record<JobStatus, string> = {
  CREATED: "bg-slate-100 text-slate-700",
  STARTING: "bg-sky-100 text-sky-800",
  RUNNING: "bg-green-100 text-green-800",
  RESTARTING: "bg-amber-100 text-amber-800",
  CANCELLING: "bg-amber-100 text-amber-800",
  FINISHED: "bg-indigo-100 text-indigo-800",
  STOPPED: "bg-teal-100 text-teal-800",
  FAILED: "bg-red-100 text-red-800",
  CANCELLED: "bg-slate-200 text-slate-700",
};

/** The job's status; "stopping" or "cancel requested" when the wish is ahead of the workers. */
export function StatusBadge({
  status,
  desiredState,
}: {
  status: JobStatus;
  desiredState: DesiredState;
}) {
  const terminal = isTerminal(status);
  const pending = !terminal && desiredState === "STOPPED" ? " · stopping" : "";
  return (
    <span
      data-testid="job-status"
      data-status={status}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? ""}`}
    >
      {status}
      {pending}
    </span>
  );
}
