"use client";

import type { Diagnostic } from "@/lib/sql/diagnostic";

export function ProblemsPanel({
  diagnostics,
  onSelect,
}: {
  diagnostics: Diagnostic[];
  onSelect: (d: Diagnostic) => void;
}) {
  return (
    <section
      aria-label="Problems"
      className="max-h-80 overflow-auto rounded border border-slate-200 bg-white"
    >
      <h2 className="border-b border-slate-200 px-3 py-2 text-sm font-medium">Problems</h2>
      {diagnostics.length === 0 ? (
        <p className="px-3 py-2 text-sm text-slate-500">No problems found.</p>
      ) : (
        <ul data-testid="problems">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button
                onClick={() => onSelect(d)}
                className="flex w-full gap-2 px-3 py-1.5 text-left text-sm hover:bg-slate-50"
              >
                <span className={d.severity === "error" ? "text-red-600" : "text-amber-600"}>
                  {d.severity === "error" ? "●" : "▲"}
                </span>
                <span className="shrink-0 font-mono text-xs text-slate-500">
                  {d.line}:{d.column}
                </span>
                <span className="whitespace-pre-wrap break-words">{d.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
