"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { JobMetricsMessage, JobSummary } from "@/lib/events/job-stream-event";
import { jobStreamSchemas } from "@/lib/events/schemas";
import { consumeStream } from "@/lib/events/sse-client";
import { api } from "@/lib/api/client";
import type { JobDetail as Detail } from "@/lib/jobs/get-job";
import { isJobStatus, isTerminal } from "@/lib/jobs/job-status";
import { JobResources } from "@/components/resources/job-resources";
import { JobAttempts } from "./job-attempts";
import { JobMetrics } from "./job-metrics";
import { MetricsCharts } from "./metrics-charts";
import { createLogTailBuffer, LogTail } from "./log-tail";
import { StatusBadge } from "./status-badge";
import { ConfirmDialog } from "@/components/ui/dialog";
import { RedeployDialog, type RedeployStart } from "./redeploy-dialog";
import { useRouter } from "next/navigation";

/**
 * One job, live from /api/jobs/:id/events: status changes, metrics each second and log lines.
 * The attempts list is re-read when the stream says an attempt or instance changed — never polled.
 */
export function JobDetail({ id }: { id: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [summary, setSummary] = useState<JobSummary | null>(null);
  const [metrics, setMetrics] = useState<JobMetricsMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  // Lines replayed while the page still loads wait here until the log panel mounts.
  const [tail] = useState(createLogTailBuffer);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(
    (signal?: AbortSignal) =>
      api.jobs.get(id, signal).then(setDetail, (e: unknown) => {
        // The page's own leaving is no error; a refused or failed read is shown.
        if (!signal?.aborted) setError(e instanceof Error ? e.message : String(e));
      }),
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).catch(() => undefined);
    const refetchSoon = () => {
      clearTimeout(refetchTimer.current);
      refetchTimer.current = setTimeout(
        () => void load(controller.signal).catch(() => undefined),
        300,
      );
    };
    void consumeStream(`/api/jobs/${id}/events`, {
      signal: controller.signal,
      schemas: jobStreamSchemas,
      onConnection: setConnected,
      onMessage: (m) => {
        if (m.kind === "snapshot") setSummary(m.job);
        else if (m.kind === "log") tail.push(m);
        else if (m.kind === "metrics") {
          setMetrics(m);
        } else if (m.kind === "event") {
          if (m.type === "status") {
            const { status, desiredState } = m.payload;
            setSummary((s) => (s ? { ...s, status, desiredState } : s));
          }
          refetchSoon();
        }
      },
    });
    return () => {
      controller.abort();
      clearTimeout(refetchTimer.current);
    };
  }, [id, load, tail]);

  if (error) return <p className="text-red-700 dark:text-red-400">{error}</p>;
  if (!detail) return <p className="text-slate-500 dark:text-slate-400">Loading…</p>;
  const status = summary?.status ?? detail.status;
  const desiredState = summary?.desiredState ?? detail.desiredState;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{detail.name}</h1>
        <StatusBadge status={status} desiredState={desiredState} />
        <span
          className="rounded bg-slate-100 dark:bg-slate-800 px-2 py-0.5 text-xs text-slate-700 dark:text-slate-300"
          title={detail.engineReason ?? undefined}
          data-testid="job-engine"
        >
          {detail.engine === "flink" ? "Flink cluster" : "embedded engine"}
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="job-created-by">
          created by {detail.createdBy ?? "unknown"}
        </span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {connected ? "live" : "reconnecting…"}
        </span>
        <JobActions
          id={id}
          status={status}
          desiredState={desiredState}
          resumeFrom={detail.resumeFrom}
          name={detail.name}
          sql={detail.sql}
          onDone={() => void load()}
        />
      </div>
      {status === "STOPPED" && (
        <p data-testid="stopped-offsets" className="text-sm text-slate-700 dark:text-slate-300">
          Stopped with offsets
          {detail.resumeFrom
            ? `: ${Object.entries(detail.resumeFrom.offsets)
                .flatMap(([topic, parts]) =>
                  Object.entries(parts).map(([p, o]) => `${topic}[${p}] @ ${o}`),
                )
                .join(", ")}`
            : " (none were committed yet)"}
          . A redeploy from the last stop resumes there.
        </p>
      )}
      <section>
        <h2 className="mb-2 font-medium">Metrics</h2>
        <MetricsCharts jobId={id} live={metrics} />
        <div className="mt-4">
          <JobMetrics metrics={metrics} />
        </div>
      </section>
      <section>
        <h2 className="mb-2 font-medium">Log</h2>
        <LogTail jobId={id} buffer={tail} />
      </section>
      <section>
        <h2 className="mb-2 font-medium">Attempts</h2>
        <JobAttempts runs={detail.runs} />
      </section>
      <JobResources resources={detail.resources ?? []} />
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-300">SQL</summary>
        <pre className="mt-2 overflow-auto rounded bg-white dark:bg-slate-900 p-3 font-mono text-xs">
          {detail.sql}
        </pre>
      </details>
    </div>
  );
}

type Pending = { kind: "none" } | { kind: "stop" } | { kind: "cancel" } | { kind: "redeploy" };

function JobActions(props: {
  id: string;
  status: string;
  desiredState: string;
  resumeFrom: Detail["resumeFrom"];
  name: string;
  sql: string;
  onDone(): void;
}) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>({ kind: "none" });
  const terminal = isJobStatus(props.status) && isTerminal(props.status);
  const post = async (
    action: { kind: "stop" | "cancel" } | { kind: "redeploy"; startFrom: RedeployStart },
  ) => {
    setProblem(null);
    setPending({ kind: "none" });
    try {
      await (action.kind === "redeploy"
        ? api.jobs.redeploy(props.id, { startFrom: action.startFrom })
        : api.jobs.act(props.id, action.kind));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    props.onDone();
  };
  /** The deployed SQL as a new draft, opened in the editor. */
  const openAsDraft = async () => {
    setProblem(null);
    try {
      const draft = await api.drafts.create({
        name: `${props.name} (deployed ${new Date().toISOString().slice(0, 19).replace("T", " ")})`,
        sql: props.sql,
        comment: `Deployed SQL of job '${props.name}'`,
      });
      router.push(`/?draft=${draft.id}`);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const button = "rounded border px-2 py-1 text-sm disabled:opacity-40";
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={`${button} border-slate-300 dark:border-slate-700`}
        onClick={() => void openAsDraft()}
      >
        Open SQL as draft
      </button>
      {!terminal && (
        <>
          <button
            type="button"
            className={`${button} border-slate-300 dark:border-slate-700`}
            disabled={props.desiredState !== "RUNNING"}
            onClick={() => setPending({ kind: "stop" })}
          >
            Stop with offsets
          </button>
          <button
            type="button"
            className={`${button} border-red-300 dark:border-red-800 text-red-700 dark:text-red-400`}
            disabled={props.desiredState === "CANCELLED"}
            onClick={() => setPending({ kind: "cancel" })}
          >
            Cancel
          </button>
        </>
      )}
      {terminal && (
        <button
          type="button"
          className={`${button} border-indigo-300 dark:border-indigo-700 text-indigo-700 dark:text-indigo-300`}
          onClick={() => setPending({ kind: "redeploy" })}
        >
          Redeploy…
        </button>
      )}
      {problem && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </span>
      )}
      <ConfirmDialog
        open={pending.kind === "stop"}
        title="Stop the job"
        message={
          <>
            Stop &apos;{props.name}&apos; with offsets? Each source commits where it is, and a
            redeploy can resume from there.
          </>
        }
        confirmLabel="Stop with offsets"
        onCancel={() => setPending({ kind: "none" })}
        onConfirm={() => void post({ kind: "stop" })}
      />
      <ConfirmDialog
        open={pending.kind === "cancel"}
        title="Cancel the job"
        message={
          <>
            Cancel &apos;{props.name}&apos; now? It stops without recording a resume point; records
            in flight may be written again by a later run.
          </>
        }
        confirmLabel="Cancel the job"
        danger
        onCancel={() => setPending({ kind: "none" })}
        onConfirm={() => void post({ kind: "cancel" })}
      />
      {pending.kind === "redeploy" && (
        // Mounted when opened, so its choices start from the job as it is now.
        <RedeployDialog
          open
          jobId={props.id}
          lastStop={props.resumeFrom?.offsets ?? null}
          onClose={() => setPending({ kind: "none" })}
          onRedeploy={(startFrom) => void post({ kind: "redeploy", startFrom })}
        />
      )}
    </div>
  );
}
