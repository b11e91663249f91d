"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { JobListStreamMessage, JobSummary } from "@/lib/events/job-stream-event";
import { consumeStream } from "@/lib/events/sse-client";
import { StatusBadge } from "./status-badge";

/** The job list, kept current by /api/events (no polling). */
export function JobList() {
  const [jobs, setJobs] = useState<Map<string, JobSummary> | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    void consumeStream<JobListStreamMessage>("/api/events", {
      signal: controller.signal,
      onConnection: setConnected,
      onMessage: (m) => {
        if (m.kind === "snapshot") setJobs(new Map(m.jobs.map((j) => [j.id, j])));
        else setJobs((prev) => new Map(prev ?? []).set(m.job.id, m.job));
      },
    });
    return () => controller.abort();
  }, []);

  if (!jobs) return <p className="text-slate-500">Loading jobs…</p>;
  const rows = [...jobs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500" data-testid="stream-state">
        {connected ? "live" : "reconnecting…"}
      </p>
      {rows.length === 0 ? (
        <p className="text-slate-600">No jobs yet. Deploy one below.</p>
      ) : (
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2">Parallelism</th>
              <th className="px-3 py-2">Deployed</th>
              <th className="px-3 py-2">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((j) => (
              <tr
                key={j.id}
                data-testid="job-row"
                data-job-id={j.id}
                className="border-t border-slate-100"
              >
                <td className="px-3 py-2">
                  <Link
                    href={`/jobs/${j.id}`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    {j.name}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge status={j.status} desiredState={j.desiredState} />
                </td>
                <td className="px-3 py-2">{j.parallelism}</td>
                <td className="px-3 py-2 text-slate-500">
                  {new Date(j.createdAt).toLocaleString()}
                </td>
                <td className="px-3 py-2 text-slate-500">
                  {new Date(j.updatedAt).toLocaleTimeString()}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
