import { isTerminal, type DesiredState, type JobStatus } from "@/lib/jobs/job-status";

const COLORS: Record<JobStatus, string> = {
  CREATED: "bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300",
  STARTING: "bg-sky-100 dark:bg-sky-900 text-sky-800 dark:text-sky-200",
  RUNNING: "bg-green-100 dark:bg-green-900 text-green-800 dark:text-green-300",
  RESTARTING: "bg-amber-100 dark:bg-amber-900 text-amber-800 dark:text-amber-300",
  CANCELLING: "bg-amber-100 dark:bg-amber-900 text-amber-800 dark:text-amber-300",
  FINISHED: "bg-indigo-100 dark:bg-indigo-900 text-indigo-800 dark:text-indigo-200",
  STOPPED: "bg-teal-100 dark:bg-teal-900 text-teal-800 dark:text-teal-200",
  FAILED: "bg-red-100 dark:bg-red-900 text-red-800 dark:text-red-300",
  CANCELLED: "bg-slate-200 dark:bg-slate-700 text-slate-700 dark:text-slate-300",
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
