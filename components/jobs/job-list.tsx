"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { JobSummary } from "@/lib/events/job-stream-event";
import { jobListStreamSchemas } from "@/lib/events/schemas";
import { consumeStream } from "@/lib/events/sse-client";
import { isTerminal, JOB_STATUSES } from "@/lib/jobs/job-status";
import { api } from "@/lib/api/client";
import { StatusBadge } from "./status-badge";

export const PAGE_SIZE = 20;
const button =
  "rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800 disabled:opacity-40";

/**
 * The job list: searchable, filterable by status, paged on the server (GET /api/jobs), with
 * archive and delete for ended jobs; /api/events keeps the rows' states current (no polling) and
 * a job that appears or changes outside the page refreshes it.
 */
export function JobList() {
  const [jobs, setJobs] = useState<JobSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [connected, setConnected] = useState(false);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [archived, setArchived] = useState(false);
  const [page, setPage] = useState(0);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(new Set<string>());
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api.jobs
      .list({
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
        archived,
        ...(search.trim() ? { search: search.trim() } : {}),
        ...(status ? { status } : {}),
      })
      .then(
        (r) => {
          if (!live) return;
          setJobs(r.jobs);
          setTotal(r.total);
          shown.current = new Set(r.jobs.map((j) => j.id));
        },
        (e) => live && setError(String(e instanceof Error ? e.message : e)),
      );
    return () => {
      live = false;
    };
  }, [search, status, archived, page, version]);

  useEffect(() => {
    const controller = new AbortController();
    void consumeStream("/api/events", {
      signal: controller.signal,
      schemas: jobListStreamSchemas,
      onConnection: setConnected,
      onMessage: (m) => {
        if (m.kind === "snapshot") return;
        if (shown.current.has(m.job.id))
          setJobs((prev) => prev?.map((j) => (j.id === m.job.id ? m.job : j)) ?? prev);
        else {
          clearTimeout(refresh.current);
          refresh.current = setTimeout(() => setVersion((v) => v + 1), 300);
        }
      },
    });
    return () => {
      controller.abort();
      clearTimeout(refresh.current);
    };
  }, []);

  async function act(job: JobSummary, what: "archive" | "unarchive" | "delete") {
    if (
      what === "delete" &&
      !window.confirm(`Delete job '${job.name}' with its runs, logs and metrics?`)
    )
      return;
    try {
      if (what === "delete") await api.jobs.delete(job.id);
      else await api.jobs.archive(job.id, what === "archive");
      setError(null);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  }

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <input
          name="jobSearch"
          placeholder="Search jobs"
          className="rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(0);
          }}
        />
        <select
          aria-label="Status"
          className="rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(0);
          }}
        >
          <option value="">all statuses</option>
          {JOB_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <label className="text-xs">
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => {
              setArchived(e.target.checked);
              setPage(0);
            }}
          />{" "}
          archived
        </label>
        <span
          className="ml-auto text-xs text-slate-500 dark:text-slate-400"
          data-testid="stream-state"
        >
          {connected ? "live" : "reconnecting…"}
        </span>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {!jobs ? (
        <p className="text-slate-500 dark:text-slate-400">Loading jobs…</p>
      ) : jobs.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-300">
          {search || status || archived ? "No job matches." : "No jobs yet. Deploy one below."}
        </p>
      ) : (
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white dark:bg-slate-900 text-sm shadow-sm">
          <thead className="bg-slate-100 dark:bg-slate-800 text-left text-slate-600 dark:text-slate-300">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2">Parallelism</th>
              <th className="px-3 py-2">Deployed</th>
              <th className="px-3 py-2">Updated</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr
                key={j.id}
                data-testid="job-row"
                data-job-id={j.id}
                className="border-t border-slate-100"
              >
                <td className="px-3 py-2">
                  <Link
                    href={`/jobs/${j.id}`}
                    className="font-medium text-indigo-700 dark:text-indigo-300 hover:underline"
                  >
                    {j.name}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge status={j.status} desiredState={j.desiredState} />
                </td>
                <td className="px-3 py-2">{j.parallelism}</td>
                <td className="px-3 py-2 text-slate-500 dark:text-slate-400">
                  {new Date(j.createdAt).toLocaleString()}
                </td>
                <td className="px-3 py-2 text-slate-500 dark:text-slate-400">
                  {new Date(j.updatedAt).toLocaleTimeString()}
                </td>
                <td className="space-x-1 px-3 py-2 text-right whitespace-nowrap">
                  {isTerminal(j.status) && (
                    <>
                      <button
                        className={button}
                        onClick={() => void act(j, archived ? "unarchive" : "archive")}
                      >
                        {archived ? "Unarchive" : "Archive"}
                      </button>
                      <button
                        className={`${button} text-red-700 dark:text-red-400`}
                        onClick={() => void act(j, "delete")}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE_SIZE && (
        <div className="flex items-center gap-2 text-xs">
          <button className={button} disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span data-testid="job-page">
            page {page + 1} of {pages} ({total} jobs)
          </span>
          <button className={button} disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </div>
      )}
    </div>
  );
}
