"use client";

import { useEffect, useState } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { UserSummary } from "@/lib/auth/users";
import { sendJson } from "./post-json";

const input = "rounded border border-slate-300 dark:border-slate-700 px-2 py-1 text-sm";

/** The admin's user list: create users, change roles, disable, reset passwords. */
export function UsersAdmin({ selfId }: { selfId: string }) {
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [password, setPassword] = useState("");

  // Bumped after every change to fetch the list again.
  const [revision, setRevision] = useState(0);
  const load = () => setRevision((r) => r + 1);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/users", { cache: "no-store", signal: controller.signal })
      .then((res) => (res.ok ? (res.json() as Promise<{ users: UserSummary[] }>) : null))
      .then((body) => body && setUsers(body.users))
      .catch(() => undefined);
    return () => controller.abort();
  }, [revision]);

  const act = async (what: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await what();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    load();
  };

  const create = (e: React.FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await sendJson("/api/users", "POST", { email, role, ...(password ? { password } : {}) });
      setEmail("");
      setPassword("");
    });
  };
  const patch = (id: string, change: Record<string, unknown>) =>
    act(() => sendJson(`/api/users/${id}`, "PATCH", change));
  const resetPassword = (u: UserSummary) => {
    const next = window.prompt(`New password for ${u.email} (at least 10 characters)`);
    if (next) void patch(u.id, { password: next });
  };

  return (
    <div className="space-y-4">
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <table className="w-full rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 text-sm shadow-sm">
        <thead className="text-left text-slate-500 dark:text-slate-400">
          <tr>
            <th className="p-2">Email</th>
            <th className="p-2">Role</th>
            <th className="p-2">Status</th>
            <th className="p-2" />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`} className="border-t border-slate-100">
              <td className="p-2">{u.email}</td>
              <td className="p-2">
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) => void patch(u.id, { role: e.target.value })}
                  className={input}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td className="p-2">{u.disabled ? "disabled" : "active"}</td>
              <td className="space-x-2 p-2 text-right">
                <button type="button" className={input} onClick={() => resetPassword(u)}>
                  Reset password
                </button>
                {u.id !== selfId && (
                  <button
                    type="button"
                    className={input}
                    onClick={() => void patch(u.id, { disabled: !u.disabled })}
                  >
                    {u.disabled ? "Enable" : "Disable"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={create}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
      >
        <h2 className="w-full font-medium">Add a user</h2>
        <label className="text-sm">
          Email
          <input
            name="email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
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
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={`${input} ml-2`}
          />
        </label>
        <button
          type="submit"
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Add user
        </button>
      </form>
    </div>
  );
}
