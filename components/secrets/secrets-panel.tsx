"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/lib/api/client";
import type { SecretInfo, SecretUsage } from "@/lib/secrets/schemas";

type SecretRow = SecretInfo & { usage: SecretUsage };

const input =
  "w-full rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm";
const button =
  "rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50";
const subtle =
  "rounded border border-slate-300 dark:border-slate-700 px-2 py-1 text-xs hover:bg-slate-100 dark:hover:bg-slate-800";

/**
 * Create, replace and delete secrets. The value field is uncontrolled (React would mirror a
 * controlled input's value into the DOM's value attribute) and emptied after each save, so a
 * value is in the page only while it is being typed.
 */
export function SecretsPanel({ defaultBootstrap }: { defaultBootstrap: string }) {
  const [secrets, setSecrets] = useState<SecretRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<SecretRow | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      try {
        setSecrets(await api.secrets.list(controller.signal));
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => controller.abort();
  }, [version]);

  const save = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const value = String(data.get("value") ?? "");
    const scope = String(data.get("bootstrapServers") ?? "").trim();
    setSaving(true);
    setError(null);
    setNotice(null);
    try {
      await api.secrets.put(name, { value, ...(scope ? { bootstrapServers: scope } : {}) });
      form.reset();
      setEditing(null);
      setNotice(`Secret '${name}' saved.`);
      load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (row: SecretRow) => {
    const users = row.usage.drafts.length + row.usage.jobs.length;
    const warning = users > 0 ? ` It is used by ${users} draft(s) or job(s), which will fail.` : "";
    if (!window.confirm(`Delete secret '${row.name}'?${warning}`)) return;
    try {
      await api.secrets.delete(row.name);
      setNotice(`Secret '${row.name}' deleted.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    load();
  };

  return (
    <div className="space-y-6">
      <form
        ref={formRef}
        key={editing?.name ?? "new"}
        data-testid="secret-form"
        className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void save(e.currentTarget);
        }}
      >
        <h2 className="text-sm font-semibold">
          {editing ? `Replace the value of '${editing.name}'` : "New secret"}
        </h2>
        <div className="grid gap-3 md:grid-cols-2">
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Name</span>
            <input
              name="name"
              className={`${input} font-mono`}
              defaultValue={editing?.name ?? ""}
              readOnly={editing !== null}
              placeholder="kafka_password"
              pattern="[A-Za-z_][A-Za-z0-9_\-]*"
              autoComplete="off"
              required
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Value</span>
            <input
              name="value"
              type="password"
              className={input}
              autoComplete="new-password"
              required
            />
          </label>
        </div>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">
            Bootstrap servers it may be sent to
            {editing ? " (empty = keep the current scope)" : ""}
          </span>
          <input
            name="bootstrapServers"
            className={`${input} font-mono`}
            defaultValue={editing ? editing.bootstrapServers.join(",") : defaultBootstrap}
            placeholder="kafka-1:9092,kafka-2:9092"
            autoComplete="off"
            required={editing === null}
          />
        </label>
        <div className="flex gap-2">
          <button type="submit" className={button} disabled={saving}>
            {editing ? "Replace" : "Create"}
          </button>
          {editing && (
            <button type="button" className={subtle} onClick={() => setEditing(null)}>
              Cancel
            </button>
          )}
        </div>
      </form>

      {error && (
        <p
          role="alert"
          data-testid="secret-error"
          className="rounded border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950 p-2 text-sm text-red-800 dark:text-red-300"
        >
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {notice}
        </p>
      )}

      <table data-testid="secrets-table" className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700 text-left text-slate-500 dark:text-slate-400">
            <th className="py-2 pr-3 font-medium">Name</th>
            <th className="py-2 pr-3 font-medium">Sent only to</th>
            <th className="py-2 pr-3 font-medium">Used by</th>
            <th className="py-2 pr-3 font-medium">Updated</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody>
          {secrets?.length === 0 && (
            <tr>
              <td colSpan={5} className="py-3 text-slate-500 dark:text-slate-400">
                No secrets yet.
              </td>
            </tr>
          )}
          {secrets?.map((s) => (
            <tr
              key={s.name}
              data-testid={`secret-${s.name}`}
              className="border-b border-slate-100 align-top"
            >
              <td className="py-2 pr-3 font-mono">{s.name}</td>
              <td className="py-2 pr-3 font-mono text-xs">
                {s.bootstrapServers.length > 0 ? (
                  s.bootstrapServers.join(", ")
                ) : (
                  <span className="text-amber-700 dark:text-amber-400">
                    nowhere — replace it naming its servers
                  </span>
                )}
              </td>
              <td className="py-2 pr-3 text-xs" data-testid="secret-usage">
                {s.usage.drafts.length + s.usage.jobs.length === 0 && (
                  <span className="text-slate-500 dark:text-slate-400">unused</span>
                )}
                {s.usage.drafts.map((d) => (
                  <div key={d.id}>draft {d.name}</div>
                ))}
                {s.usage.jobs.map((j) => (
                  <div key={j.id}>
                    job{" "}
                    <Link
                      className="text-indigo-700 dark:text-indigo-300 hover:underline"
                      href={`/jobs/${j.id}`}
                    >
                      {j.name}
                    </Link>{" "}
                    <span className="text-slate-500 dark:text-slate-400">({j.status})</span>
                  </div>
                ))}
              </td>
              <td className="py-2 pr-3 text-xs text-slate-500 dark:text-slate-400">
                {new Date(s.updatedAt).toLocaleString()}
              </td>
              <td className="space-x-2 py-2 text-right whitespace-nowrap">
                <button
                  type="button"
                  className={subtle}
                  onClick={() => {
                    setEditing(s);
                    formRef.current?.scrollIntoView();
                  }}
                >
                  Replace
                </button>
                <button type="button" className={subtle} onClick={() => void remove(s)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
