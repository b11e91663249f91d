import Link from "next/link";
import type { JobDetail } from "@/lib/jobs/get-job";
import { diagnosisLink } from "@/lib/kafka/diagnostics/link";
import type { JobFailure } from "@/lib/runtime/job-runtime";

/** Runs and their attempts, newest first: who ran each instance, and how each attempt ended. */
export function JobAttempts({ runs }: { runs: JobDetail["runs"] }) {
  return (
    <div className="space-y-4" data-testid="job-attempts">
      {runs.map((run, i) => (
        <div
          key={run.id}
          className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-3"
        >
          <div className="mb-2 text-sm text-slate-600 dark:text-slate-300">
            {i === 0 ? "Current run" : "Earlier run"} · {run.status} · parallelism {run.parallelism}{" "}
            · started {new Date(run.startedAt).toLocaleString()}
            {run.endedAt && ` · ended ${new Date(run.endedAt).toLocaleString()}`}
            {run.flinkJobId && ` · Flink job ${run.flinkJobId}`}
          </div>
          {run.error && <Failure failure={run.error} />}
          <ul className="space-y-2">
            {run.attempts.map((a) => (
              <li
                key={a.attemptNumber}
                data-testid="attempt"
                className="border-t border-slate-100 pt-2 text-sm"
              >
                <div>
                  Attempt {a.attemptNumber} · <span className="font-medium">{a.status}</span>
                  {a.startedAt && ` · ${new Date(a.startedAt).toLocaleTimeString()}`}
                  {a.endedAt && ` – ${new Date(a.endedAt).toLocaleTimeString()}`}
                </div>
                <div className="mt-1 flex flex-wrap gap-2">
                  {a.instances.map((s) => (
                    <span
                      key={s.instance}
                      title={s.workerId ? `worker ${s.workerId}` : "not claimed"}
                      className="rounded bg-slate-100 dark:bg-slate-800 px-2 py-0.5 font-mono text-xs"
                    >
                      #{s.instance} {s.status}
                      {s.workerId ? ` @${s.workerId.slice(0, 8)}` : ""}
                      {s.claims > 1 ? ` (claimed ${s.claims}×)` : ""}
                    </span>
                  ))}
                </div>
                {a.error && <Failure failure={a.error} />}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Failure({ failure }: { failure: JobFailure }) {
  return (
    <div
      className="mt-2 rounded border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950 p-2 text-sm text-red-800 dark:text-red-300"
      data-testid="failure"
    >
      <p className="font-medium">{failure.message}</p>
      {failure.record && (
        <p className="font-mono text-xs">
          {Object.entries(failure.record)
            .map(([k, v]) => `${k}=${v}`)
            .join("  ")}
        </p>
      )}
      {failure.causes.map((c, i) => (
        <p key={i} className="font-mono text-xs">
          Caused by: {c}
        </p>
      ))}
      {failure.hint?.kind === "text" && (
        <p className="mt-1 text-slate-700 dark:text-slate-300">{failure.hint.text}</p>
      )}
      {failure.hint?.kind === "diagnose-kafka" && (
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Kafka at {failure.hint.bootstrapServers} did not answer as expected:{" "}
          <Link
            href={diagnosisLink(failure.hint.bootstrapServers)}
            className="font-medium text-indigo-700 dark:text-indigo-300 underline"
            data-testid="diagnose-link"
          >
            diagnose the cluster
          </Link>{" "}
          (or run <code>tributary diagnose --bootstrap {failure.hint.bootstrapServers}</code>).
        </p>
      )}
    </div>
  );
}
