"use client";

import { useState } from "react";
import { api } from "@/lib/api/client";
import type { PreviewResult, PreviewSink } from "@/lib/preview/run-preview";
import type { RawBytes } from "@/lib/topics/message-decoding";

const button =
  "rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-1 text-sm disabled:opacity-50";

function Bytes({ bytes, testId }: { bytes: RawBytes | null; testId: string }) {
  if (bytes === null) return <span className="text-slate-500 dark:text-slate-400">null</span>;
  return (
    <span data-testid={testId} data-hex={bytes.hex}>
      <span className="block break-all">
        {bytes.text ?? <em className="text-slate-500 dark:text-slate-400">(binary)</em>}
      </span>
      <span className="block break-all text-[10px] text-slate-500 dark:text-slate-400">
        {bytes.hex}
      </span>
    </span>
  );
}

function SinkView({ sink }: { sink: PreviewSink }) {
  return (
    <div data-testid="preview-sink" data-sink={sink.sink} className="space-y-2">
      <h3 className="text-sm font-semibold">
        {sink.sink}{" "}
        <span className="font-normal text-slate-500 dark:text-slate-400">
          ({sink.connector}
          {sink.topics?.map((t) => ` · ${t.topic}: ${t.partitions} partitions`)})
        </span>
      </h3>
      <table className="w-full text-xs">
        <thead className="bg-slate-50 dark:bg-slate-800 text-left text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-2 py-1">#</th>
            <th className="px-2 py-1">op</th>
            {sink.columns.map((c) => (
              <th key={c.name} className="px-2 py-1" title={c.type}>
                {c.name}
              </th>
            ))}
            <th className="px-2 py-1">from</th>
          </tr>
        </thead>
        <tbody>
          {sink.rows.map((r, i) => (
            <tr key={i} data-testid="preview-row" className="border-t border-slate-100 font-mono">
              <td className="px-2 py-0.5">{i}</td>
              <td className="px-2 py-0.5">{r.kind}</td>
              {r.cells.map((c, j) => (
                <td key={j} className="px-2 py-0.5">
                  {c}
                </td>
              ))}
              <td className="px-2 py-0.5 text-slate-500 dark:text-slate-400">
                {r.source?.topic !== undefined
                  ? `${r.source.topic}[${r.source.partition}]@${r.source.offset}`
                  : r.source?.row !== undefined
                    ? `row ${r.source.row}`
                    : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sink.records && (
        <table className="w-full table-fixed text-xs">
          <thead className="bg-slate-50 dark:bg-slate-800 text-left text-slate-500 dark:text-slate-400">
            <tr>
              <th className="w-8 px-2 py-1">#</th>
              <th className="w-20 px-2 py-1">partition</th>
              <th className="px-2 py-1">key bytes</th>
              <th className="px-2 py-1">value bytes</th>
              <th className="w-40 px-2 py-1">headers</th>
              <th className="w-24 px-2 py-1">timestamp</th>
            </tr>
          </thead>
          <tbody>
            {sink.records.map((r, i) => (
              <tr
                key={i}
                data-testid="preview-record"
                className="border-t border-slate-100 align-top font-mono"
              >
                <td className="px-2 py-0.5">{i}</td>
                <td className="px-2 py-0.5" data-testid="preview-partition">
                  {r.partition}
                </td>
                <td className="px-2 py-0.5">
                  <Bytes bytes={r.key} testId="preview-key" />
                </td>
                <td className="px-2 py-0.5">
                  <Bytes bytes={r.value} testId="preview-value" />
                </td>
                <td className="px-2 py-0.5 break-all">
                  {r.headers.map((h) => `${h.key}=${h.value?.text ?? h.value?.hex}`).join(", ")}
                </td>
                <td className="px-2 py-0.5">{r.timestamp ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * "Preview": POST /api/sql/preview with the editor's script (and the draft, whose attached key and
 * trust stores the script may name); shows per sink what it would write.
 */
export function PreviewPanel({ sql, draftId }: { sql: string; draftId?: string }) {
  const [rows, setRows] = useState("100");
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api.sql.preview({ sql, rows: Number(rows), ...(draftId ? { draftId } : {}) }),
      );
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      data-testid="preview-panel"
      className="space-y-2 rounded border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-3"
    >
      <div className="flex items-center gap-2 text-sm">
        <button onClick={() => void run()} disabled={busy} className={button}>
          {busy ? "Previewing…" : "Preview"}
        </button>
        <label className="text-xs">
          records per source{" "}
          <input
            aria-label="Preview rows"
            type="number"
            min={1}
            max={1000}
            value={rows}
            onChange={(e) => setRows(e.target.value)}
            className="w-20 rounded border border-slate-300 dark:border-slate-700 px-1"
          />
        </label>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          Runs on a sample; writes nothing to any sink and commits no offsets.
        </span>
        {result && (
          <button
            className="ml-auto text-xs text-slate-500 dark:text-slate-400 underline"
            onClick={() => setResult(null)}
          >
            close
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {result && (
        <div className="max-h-[28rem] space-y-4 overflow-auto">
          {result.diagnostics?.map((d, i) => (
            <p key={i} className="text-sm text-red-700 dark:text-red-400">
              Line {d.line}, column {d.column}: {d.message}
            </p>
          ))}
          <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="preview-sources">
            {result.sources
              .map((s) => `${s.source}: ${s.read} read${s.note ? ` (${s.note})` : ""}`)
              .join(" · ")}
            {result.timedOut ? " · stopped at the time limit" : ""}
          </p>
          {result.failure && (
            <p data-testid="preview-failure" className="text-sm text-red-700 dark:text-red-400">
              {result.failure.message}
            </p>
          )}
          {result.sinks.map((s) => (
            <SinkView key={s.sink} sink={s} />
          ))}
        </div>
      )}
    </section>
  );
}
