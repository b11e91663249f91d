"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type {
  JobMetricsMessage,
  JobStreamMessage,
  JobSummary,
} from "@/lib/events/job-stream-event";
import { consumeStream } from "@/lib/events/sse-client";
import type { JobDetail as Detail } from "@/lib/jobs/get-job";
import { JobAttempts } from "./job-attempts";
import { JobMetrics, type RatePoint } from "./job-metrics";
import { LogTail, type LogTailHandle } from "./log-tail";
import { StatusBadge } from "./status-badge";

const HISTORY_POINTS = 300;

/**
 * One job, live from /api/jobs/:id/events: status changes, metrics each second and log lines.
 * The attempts list is re-read when the stream says an attempt or instance changed — never polled.
 */
export function JobDetail({ id }: { id: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [summary, setSummary] = useState<JobSummary | null>(null);
  const [metrics, setMetrics] = useState<JobMetricsMessage | null>(null);
  const [history, setHistory] = useState<RatePoint[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const tail = useRef<LogTailHandle>(null);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(
    (signal?: AbortSignal) =>
      fetch(`/api/jobs/${id}`, { signal, cache: "no-store" })
        .then(async (res) => ({ ok: res.ok, body: await res.json() }))
        .then(({ ok, body }) => {
          if (!ok) setError((body as { detail: string }).detail);
          else setDetail(body as Detail);
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
    void consumeStream<JobStreamMessage>(`/api/jobs/${id}/events`, {
      signal: controller.signal,
      onConnection: setConnected,
      onMessage: (m) => {
        if (m.kind === "snapshot") setSummary(m.job);
        else if (m.kind === "log") tail.current?.append(m);
        else if (m.kind === "metrics") {
          setMetrics(m);
          const point = {
            atMs: Date.parse(m.at),
            inPerSecond: m.instances.reduce((s, i) => s + i.numRecordsInPerSecond, 0),
            outPerSecond: m.instances.reduce((s, i) => s + i.numRecordsOutPerSecond, 0),
          };
          setHistory((h) =>
            h.at(-1)?.atMs === point.atMs ? h : [...h, point].slice(-HISTORY_POINTS),
          );
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
  }, [id, load]);

  if (error) return <p className="text-red-700">{error}</p>;
  if (!detail) return <p className="text-slate-500">Loading…</p>;
  const status = summary?.status ?? detail.status;
  const desiredState = summary?.desiredState ?? detail.desiredState;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{detail.name}</h1>
        <StatusBadge status={status} desiredState={desiredState} />
        <span
          className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700"
          title={detail.engineReason ?? undefined}
          data-testid="job-engine"
        >
          {detail.engine === "flink" ? "Flink cluster" : "embedded engine"}
        </span>
        <span className="text-xs text-slate-500">{connected ? "live" : "reconnecting…"}</span>
        <JobActions
          id={id}
          status={status}
          desiredState={desiredState}
          hasResumePoint={!!detail.resumeFrom}
          onDone={() => void load()}
        />
      </div>
      <section>
        <h2 className="mb-2 font-medium">Metrics</h2>
        <JobMetrics metrics={metrics} history={history} />
      </section>
      <section>
        <h2 className="mb-2 font-medium">Log</h2>
        <LogTail deploymentId={id} ref={tail} />
      </section>
      <section>
        <h2 className="mb-2 font-medium">Attempts</h2>
        <JobAttempts runs={detail.runs} />
      </section>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600">SQL</summary>
        <pre className="mt-2 overflow-auto rounded bg-white p-3 font-mono text-xs">
          {detail.sql}
        </pre>
      </details>
    </div>
  );
}

function JobActions(props: {
  id: string;
  status: string;
  desiredState: string;
  hasResumePoint: boolean;
  onDone(): void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const terminal = ["FINISHED", "FAILED", "CANCELLED"].includes(props.status);
  const post = async (path: string, body?: unknown) => {
    setProblem(null);
    const res = await fetch(`/api/jobs/${props.id}/${path}`, {
      method: "POST",
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) setProblem(((await res.json()) as { detail: string }).detail);
    props.onDone();
  };
  const button = "rounded border px-2 py-1 text-sm disabled:opacity-40";
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2">
      {!terminal && (
        <>
          <button
            type="button"
            className={`${button} border-slate-300`}
            disabled={props.desiredState !== "RUNNING"}
            onClick={() => void post("stop")}
          >
            Stop with offsets
          </button>
          <button
            type="button"
            className={`${button} border-red-300 text-red-700`}
            disabled={props.desiredState === "CANCELLED"}
            onClick={() => void post("cancel")}
          >
            Cancel
          </button>
        </>
      )}
      {terminal && (
        <>
          <button
            type="button"
            className={`${button} border-indigo-300 text-indigo-700`}
            disabled={!props.hasResumePoint}
            onClick={() => void post("redeploy", { startFrom: "last-stop" })}
          >
            Redeploy from last stop
          </button>
          <button
            type="button"
            className={`${button} border-slate-300`}
            onClick={() => void post("redeploy", { startFrom: "startup-mode" })}
          >
            Redeploy from startup modes
          </button>
        </>
      )}
      {problem && (
        <span role="alert" className="text-sm text-red-700">
          {problem}
        </span>
      )}
    </div>
  );
}
