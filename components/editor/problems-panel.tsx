"use client";

import type { Diagnostic, QuickFix } from "@/lib/sql/diagnostic";

const actionClass =
  "mb-1 ml-9 rounded border border-indigo-300 dark:border-indigo-700 px-2 py-0.5 text-xs text-indigo-700 dark:text-indigo-300 hover:bg-indigo-50 dark:hover:bg-slate-800";

/**
 * The script's problems; each jumps to its position (click or Enter), and a problem whose
 * validator named a repair offers it as a button too (the same fix as Ctrl/Cmd+. in the editor).
 */
export function ProblemsPanel({
  diagnostics,
  onSelect,
  onFix,
  onCreateTopic,
  onMoveToSecret,
}: {
  diagnostics: Diagnostic[];
  onSelect: (d: Diagnostic) => void;
  onFix?: (d: Diagnostic, fix: QuickFix) => void;
  onCreateTopic?: (topic: string) => void;
  /** Absent for users who may not create secrets. */
  onMoveToSecret?: (d: Diagnostic) => void;
}) {
  return (
    <section
      aria-labelledby="problems-heading"
      // Focusable: it scrolls, and it is where Esc-then-Tab out of the editor lands.
      tabIndex={0}
      className="max-h-80 overflow-auto rounded border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900"
    >
      <h2
        id="problems-heading"
        className="border-b border-slate-200 dark:border-slate-700 px-3 py-2 text-sm font-medium"
      >
        Problems
      </h2>
      {diagnostics.length === 0 ? (
        <p className="px-3 py-2 text-sm text-slate-500 dark:text-slate-400">No problems found.</p>
      ) : (
        <ul data-testid="problems">
          {diagnostics.map((d, i) => (
            <li key={i} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <button
                type="button"
                onClick={() => onSelect(d)}
                className="flex w-full min-w-0 gap-2 px-3 py-1.5 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800"
                aria-label={`${d.severity} at line ${d.line}, column ${d.column}: ${d.message}`}
              >
                <span
                  aria-hidden
                  className={
                    d.severity === "error"
                      ? "text-red-600 dark:text-red-400"
                      : "text-amber-600 dark:text-amber-400"
                  }
                >
                  {d.severity === "error" ? "●" : "▲"}
                </span>
                <span className="shrink-0 font-mono text-xs text-slate-500 dark:text-slate-400">
                  {d.line}:{d.column}
                </span>
                <span className="min-w-0 flex-1 [overflow-wrap:anywhere] whitespace-pre-wrap">
                  {d.message}
                </span>
              </button>
              {onFix &&
                d.fixes?.map((fix) => (
                  <button
                    key={fix.title}
                    type="button"
                    onClick={() => onFix(d, fix)}
                    className={actionClass}
                  >
                    {fix.title}
                  </button>
                ))}
              {onCreateTopic && d.action?.kind === "create-topic" && (
                <button
                  type="button"
                  onClick={() => d.action?.kind === "create-topic" && onCreateTopic(d.action.topic)}
                  className={actionClass}
                >
                  Create topic &apos;{d.action.topic}&apos;
                </button>
              )}
              {onMoveToSecret && d.action?.kind === "move-to-secret" && (
                <button type="button" onClick={() => onMoveToSecret(d)} className={actionClass}>
                  Move to a secret
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
