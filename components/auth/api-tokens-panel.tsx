"use client";

import { useApiList } from "@/components/common/use-api-list";
import { useState } from "react";
import { ROLES, roleAtLeast, type Role } from "@/lib/auth/roles";
import { api } from "@/lib/api/client";

const input = "rounded border border-slate-300 dark:border-slate-700 px-2 py-1 text-sm";

/** Create (the token is shown once), list and revoke API tokens. */
export function ApiTokensPanel({ role: ownRole }: { role: Role }) {
  const { items, reload: load } = useApiList(api.tokens.list);
  const tokens = items ?? [];
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(ownRole);
  const [created, setCreated] = useState<string | null>(null);

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const { token } = await api.tokens.create({ name, role });
      setCreated(token);
      setName("");
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
    load();
  };
  const revoke = async (id: string) => {
    setProblem(null);
    await api.tokens.revoke(id).catch((err: Error) => setProblem(err.message));
    load();
  };

  return (
    <div className="space-y-4">
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {created && (
        <div
          role="status"
          className="rounded border border-emerald-300 bg-emerald-50 dark:bg-emerald-950 p-3 text-sm"
        >
          <p>Copy the token now; it is not shown again:</p>
          <code data-testid="new-token" className="break-all">
            {created}
          </code>
        </div>
      )}
      <form
        onSubmit={create}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
      >
        <label className="text-sm">
          Name
          <input
            name="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={`${input} ml-2`}
          />
        </label>
        <label className="text-sm">
          Role
          <select
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={`${input} ml-2`}
          >
            {ROLES.filter((r) => roleAtLeast(ownRole, r)).map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Create token
        </button>
      </form>
      <table className="w-full rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 text-sm shadow-sm">
        <thead className="text-left text-slate-500 dark:text-slate-400">
          <tr>
            <th className="p-2">Name</th>
            <th className="p-2">Token</th>
            <th className="p-2">Role</th>
            <th className="p-2">User</th>
            <th className="p-2">Last used</th>
            <th className="p-2" />
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`} className="border-t border-slate-100">
              <td className="p-2">{t.name}</td>
              <td className="p-2 font-mono">{t.prefix}…</td>
              <td className="p-2">{t.role}</td>
              <td className="p-2">{t.userEmail}</td>
              <td className="p-2">
                {t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"}
              </td>
              <td className="p-2 text-right">
                {t.revoked ? (
                  "revoked"
                ) : (
                  <button type="button" className={input} onClick={() => void revoke(t.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
