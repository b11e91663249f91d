"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { JobLogMessage } from "@/lib/events/job-stream-event";
import { api } from "@/lib/api/client";
import { LogTailBuffer } from "@/lib/job-logs/log-tail-buffer";
import type { LogLevel } from "@/lib/runtime/job-runtime";

/** Lines kept in the page; older ones are dropped (the full log stays paged on the server). */
export const MAX_TAIL_LINES = 5_000;
const FLUSH_MS = 200;
const LEVELS: LogLevel[] = ["DEBUG", "INFO", "WARN", "ERROR"];
const LEVEL_COLOR: Record<LogLevel, string> = {
  DEBUG: "text-slate-400",
  INFO: "text-slate-200",
  WARN: "text-amber-300",
  ERROR: "text-red-400",
};

export type TailLogLine = Pick<JobLogMessage, "id" | "at" | "level" | "instance" | "message">;
type Line = TailLogLine;

/** The page's buffer of log lines: filled by the stream from the first message, drained by the panel. */
export const createLogTailBuffer = () => new LogTailBuffer<Line>(MAX_TAIL_LINES);

/**
 * The live tail: lines arrive one by one from the stream into the page's buffer (also before this
 * panel mounts) but are rendered in batches every 200 ms, and at most MAX_TAIL_LINES are kept, so
 * a chatty job cannot freeze the page.
 */
export function LogTail({ jobId, buffer }: { jobId: string; buffer: LogTailBuffer<Line> }) {
  const [lines, setLines] = useState<Line[]>(() => buffer.merge([]));
  const [minLevel, setMinLevel] = useState<LogLevel>("DEBUG");
  const [text, setText] = useState("");
  const [instance, setInstance] = useState("");
  const [follow, setFollow] = useState(true);
  const [olderCursor, setOlderCursor] = useState<string | null | undefined>(undefined);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setInterval(() => {
      if (buffer.waiting > 0) setLines((prev) => buffer.merge(prev));
    }, FLUSH_MS);
    return () => clearInterval(timer);
  }, [buffer]);

  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  const loadOlder = useCallback(async () => {
    const oldest = lines[0]?.id;
    const page = await api.jobs.logs(jobId, { limit: 200, before: oldest }).catch(() => null);
    if (!page) return;
    for (const l of page.lines) buffer.push(l);
    setLines((prev) => buffer.merge(prev));
    setOlderCursor(page.nextCursor ?? null);
  }, [jobId, lines, buffer]);

  const levelIndex = LEVELS.indexOf(minLevel);
  const needle = text.toLowerCase();
  const shown = lines.filter(
    (l) =>
      LEVELS.indexOf(l.level) >= levelIndex &&
      (instance === "" || String(l.instance) === instance) &&
      (needle === "" || l.message.toLowerCase().includes(needle)),
  );

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <select
          aria-label="Minimum level"
          value={minLevel}
          onChange={(e) => setMinLevel(e.target.value as LogLevel)}
          className="rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
        >
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}+
            </option>
          ))}
        </select>
        <input
          aria-label="Filter text"
          placeholder="filter text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
        />
        <input
          aria-label="Instance"
          placeholder="instance"
          value={instance}
          onChange={(e) => setInstance(e.target.value.replace(/\D/g, ""))}
          className="w-24 rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
        />
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{" "}
          follow
        </label>
        {olderCursor !== null && (
          <button
            type="button"
            onClick={() => void loadOlder()}
            className="text-indigo-700 dark:text-indigo-300 hover:underline"
          >
            load older
          </button>
        )}
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
          {shown.length} of {lines.length} lines (last {MAX_TAIL_LINES} kept)
        </span>
      </div>
      <div
        ref={box}
        data-testid="log-tail"
        className="h-96 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-5"
      >
        {shown.map((l) => (
          <div key={l.id} className={LEVEL_COLOR[l.level]} data-testid="log-line">
            <span className="text-slate-400">{new Date(l.at).toLocaleTimeString()}</span>{" "}
            <span className="inline-block w-12">{l.level}</span>{" "}
            <span className="text-slate-400">{l.instance === null ? "job" : `#${l.instance}`}</span>{" "}
            <span className="whitespace-pre-wrap">{l.message}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
