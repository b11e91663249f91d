"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Diagnostic } from "@/lib/sql/diagnostic";
import { SqlEditor, type SqlEditorHandle } from "./sql-editor";
import { useSqlDiagnostics } from "./use-sql-diagnostics";
import { ProblemsPanel } from "./problems-panel";
import { PreviewPanel } from "@/components/preview/preview-panel";
import { InsertConnectionMenu } from "@/components/clusters/insert-connection-menu";
import { NEW_DRAFT_TEMPLATE } from "./template";

interface DraftSummary {
  id: string;
  name: string;
  latestVersion: number;
}

interface DraftDetail extends DraftSummary {
  sql: string;
  versions: Array<{ version: number; comment: string | null; createdAt: string }>;
}

async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new Error((body as { detail?: string }).detail ?? `${res.status} ${res.statusText}`);
  return body as T;
}

export function EditorWorkspace() {
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [draft, setDraft] = useState<DraftDetail | null>(null);
  const [sql, setSql] = useState(NEW_DRAFT_TEMPLATE);
  const [message, setMessage] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const [explain, setExplain] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editor = useRef<SqlEditorHandle | null>(null);
  const { diagnostics, pending } = useSqlDiagnostics(sql);
  const router = useRouter();

  const refreshDrafts = useCallback(async () => {
    const { drafts } = await api<{ drafts: DraftSummary[] }>("/api/drafts");
    setDrafts(drafts);
  }, []);

  useEffect(() => {
    let cancelled = false;
    api<{ drafts: DraftSummary[] }>("/api/drafts").then(
      ({ drafts }) => !cancelled && setDrafts(drafts),
      (e: Error) => !cancelled && setMessage({ kind: "error", text: e.message }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const openDraft = async (id: string, version?: number) => {
    const d = await api<DraftDetail>(`/api/drafts/${id}${version ? `?version=${version}` : ""}`);
    setDraft(d);
    setSql(d.sql);
    setExplain(null);
  };

  const run = async (what: string, action: () => Promise<string | void>) => {
    setBusy(true);
    setMessage(null);
    try {
      const text = await action();
      if (text) setMessage({ kind: "info", text });
    } catch (e) {
      setMessage({ kind: "error", text: `${what}: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run("Save", async () => {
      if (!draft) {
        const name = window.prompt("Name of the new draft");
        if (!name) return;
        const created = await api<DraftDetail>("/api/drafts", {
          method: "POST",
          body: JSON.stringify({ name, sql }),
        });
        setDraft(created);
        await refreshDrafts();
        return `Saved '${created.name}' as version 1.`;
      }
      const saved = await api<DraftDetail>(`/api/drafts/${draft.id}`, {
        method: "PUT",
        body: JSON.stringify({ sql, baseVersion: draft.latestVersion }),
      });
      setDraft(saved);
      await refreshDrafts();
      return `Saved '${saved.name}' as version ${saved.latestVersion}.`;
    });

  const showExplain = () =>
    run("Explain", async () => {
      const result = await api<{ ok: boolean; plan?: string; diagnostics: Diagnostic[] }>(
        "/api/sql/explain",
        {
          method: "POST",
          body: JSON.stringify({ sql }),
        },
      );
      setExplain(result.plan ?? null);
      if (!result.ok) return "Fix the errors first: the script has no plan while it has errors.";
    });

  const deploy = () =>
    run("Deploy", async () => {
      const name = draft?.name ?? window.prompt("Name of the job");
      if (!name) return;
      const parallelismText = window.prompt("Parallelism", "1");
      if (parallelismText === null) return;
      const parallelism = Number(parallelismText);
      if (!Number.isInteger(parallelism) || parallelism < 1)
        throw new Error(`parallelism must be a whole number ≥ 1, not '${parallelismText}'`);
      // Link the job to the draft version when the editor shows exactly what was saved.
      const saved =
        draft && draft.sql === sql ? { draftId: draft.id, draftVersion: draft.latestVersion } : {};
      const { id } = await api<{ id: string }>("/api/jobs", {
        method: "POST",
        body: JSON.stringify({ name, sql, parallelism, ...saved }),
      });
      router.push(`/jobs/${id}`);
    });

  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;

  return (
    <div className="flex h-[calc(100vh-7rem)] flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label="Draft"
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
          value={draft?.id ?? ""}
          onChange={(e) =>
            e.target.value
              ? void openDraft(e.target.value)
              : (setDraft(null), setSql(NEW_DRAFT_TEMPLATE))
          }
        >
          <option value="">New draft</option>
          {drafts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} (v{d.latestVersion})
            </option>
          ))}
        </select>
        {draft && draft.versions.length > 1 && (
          <select
            aria-label="Version"
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            onChange={(e) => void openDraft(draft.id, Number(e.target.value))}
            defaultValue={draft.latestVersion}
          >
            {draft.versions.map((v) => (
              <option key={v.version} value={v.version}>
                version {v.version} · {new Date(v.createdAt).toLocaleString()}
              </option>
            ))}
          </select>
        )}
        <button
          onClick={save}
          disabled={busy}
          className="rounded bg-slate-800 px-3 py-1 text-sm text-white disabled:opacity-50"
        >
          Save
        </button>
        <button
          onClick={showExplain}
          disabled={busy}
          className="rounded border border-slate-300 bg-white px-3 py-1 text-sm disabled:opacity-50"
        >
          Explain
        </button>
        <button
          onClick={deploy}
          disabled={busy || errors > 0 || pending}
          title={errors > 0 ? "Fix the errors before deploying" : undefined}
          className="rounded bg-indigo-600 px-3 py-1 text-sm text-white disabled:opacity-50"
        >
          Deploy
        </button>
        <InsertConnectionMenu onInsert={(text) => editor.current?.insertAtCursor(text)} />
        <span data-testid="problem-count" className="ml-auto text-sm text-slate-600">
          {pending
            ? "checking…"
            : errors === 0 && warnings === 0
              ? "no problems"
              : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`}
        </span>
      </div>
      {message && (
        <p
          role="status"
          className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-700"}
        >
          {message.text}
        </p>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-3 lg:grid-cols-[1fr_24rem]">
        <SqlEditor
          value={sql}
          onChange={setSql}
          diagnostics={diagnostics}
          onReady={(h) => (editor.current = h)}
        />
        <div className="flex min-h-0 flex-col gap-3">
          <ProblemsPanel
            diagnostics={diagnostics}
            onSelect={(d) => editor.current?.revealDiagnostic(d)}
          />
          {explain && (
            <pre
              data-testid="explain"
              className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 bg-white p-3 text-xs"
            >
              {explain}
            </pre>
          )}
        </div>
      </div>
      <PreviewPanel sql={sql} />
    </div>
  );
}
