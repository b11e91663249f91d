"use client";

import { DiffEditor } from "@monaco-editor/react";
import { useEffect, useId, useState } from "react";
import { Dialog, buttonClass, inputClass } from "@/components/ui/dialog";
import { useIsDark } from "@/components/theme/theme";
import { api } from "@/lib/api/client";
import type { DraftDetail } from "@/lib/drafts/schemas";

/**
 * A draft's versions with their comments; any two side by side in Monaco's diff editor, and
 * "restore" saves the older text as a new version (history is never rewritten).
 */
export function HistoryDialog({
  open,
  draft,
  onClose,
  onRestore,
}: {
  open: boolean;
  draft: DraftDetail;
  onClose: () => void;
  onRestore: (version: number, sql: string) => Promise<void>;
}) {
  const ids = { a: useId(), b: useId() };
  const dark = useIsDark();
  const latest = draft.latestVersion;
  const [a, setA] = useState(Math.max(1, latest - 1));
  const [b, setB] = useState(latest);
  const [texts, setTexts] = useState<{ a: string; b: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    Promise.all([api.drafts.get(draft.id, a), api.drafts.get(draft.id, b)]).then(
      ([va, vb]) => !cancelled && setTexts({ a: va.sql, b: vb.sql }),
      (e: Error) => !cancelled && setProblem(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [open, draft.id, a, b]);

  const label = (v: DraftDetail["versions"][number]) =>
    `v${v.version} · ${new Date(v.createdAt).toLocaleString()}${v.comment ? ` · ${v.comment}` : ""}`;

  return (
    <Dialog open={open} title={`History of '${draft.name}'`} onClose={onClose} wide>
      <div className="flex flex-col gap-3" data-testid="history-dialog">
        <ol className="max-h-40 overflow-auto text-sm" aria-label="Versions">
          {draft.versions.map((v) => (
            <li
              key={v.version}
              className="flex items-center gap-2 border-b border-slate-100 py-1 dark:border-slate-800"
            >
              <span className="font-mono text-xs">v{v.version}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {new Date(v.createdAt).toLocaleString()}
              </span>
              <span className="min-w-0 flex-1 truncate">{v.comment ?? ""}</span>
              {v.version !== latest && (
                <button
                  type="button"
                  className={buttonClass.secondary}
                  onClick={async () => {
                    try {
                      const old = await api.drafts.get(draft.id, v.version);
                      await onRestore(v.version, old.sql);
                    } catch (e) {
                      setProblem(e instanceof Error ? e.message : String(e));
                    }
                  }}
                >
                  Restore v{v.version}
                </button>
              )}
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor={ids.a} className="block text-xs font-medium">
              Left (older)
            </label>
            <select
              id={ids.a}
              value={a}
              onChange={(e) => setA(Number(e.target.value))}
              className={inputClass}
            >
              {draft.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {label(v)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.b} className="block text-xs font-medium">
              Right (newer)
            </label>
            <select
              id={ids.b}
              value={b}
              onChange={(e) => setB(Number(e.target.value))}
              className={inputClass}
            >
              {draft.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {label(v)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {problem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
        <div
          className="h-[50vh] overflow-hidden rounded border border-slate-300 dark:border-slate-700"
          data-testid="diff-editor"
        >
          {texts && (
            <DiffEditor
              language="sql"
              original={texts.a}
              modified={texts.b}
              theme={dark ? "vs-dark" : "vs"}
              // Unmounting with the models kept avoids Monaco's "TextModel got disposed before
              // DiffEditorWidget model got reset"; the two small models are dropped with the page.
              keepCurrentOriginalModel
              keepCurrentModifiedModel
              options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false } }}
            />
          )}
        </div>
        <div className="flex justify-end">
          <button type="button" className={buttonClass.secondary} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
