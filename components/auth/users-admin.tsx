"use client";

import { useApiList } from "@/components/common/use-api-list";
import { useId, useState } from "react";
import { isRole, ROLES, type Role } from "@/lib/auth/roles";
import type { UserSummary } from "@/lib/auth/schemas";
import { PASSWORD_POLICY_HINT, passwordProblem } from "@/lib/auth/password-policy";
import { Dialog, buttonClass, inputClass } from "@/components/ui/dialog";
import { api } from "@/lib/api/client";

const input = "rounded border border-slate-300 dark:border-slate-700 px-2 py-1 text-sm";

/** The admin's user list: create users, change roles, disable, reset passwords. */
export function UsersAdmin({ selfId }: { selfId: string }) {
  const { items, reload: load } = useApiList(api.users.list);
  const users = items ?? [];
  const [problem, setProblem] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [password, setPassword] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<UserSummary | null>(null);

  const act = async (what: () => Promise<unknown>) => {
    setProblem(null);
    setNotice(null);
    try {
      await what();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    load();
  };

  const create = (e: React.FormEvent) => {
    e.preventDefault();
    const weak = password ? passwordProblem(password, email) : null;
    if (weak) {
      setProblem(weak);
      return;
    }
    void act(async () => {
      await api.users.create({ email, role, ...(password ? { password } : {}) });
      setEmail("");
      setPassword("");
    });
  };
  const patch = (id: string, change: Parameters<typeof api.users.update>[1]) =>
    act(() => api.users.update(id, change));
  const signOutEverywhere = (u: UserSummary) =>
    act(async () => {
      const { revoked } = await api.users.signOutEverywhere(u.id);
      setNotice(`Signed ${u.email} out of ${revoked} session(s).`);
    });

  return (
    <div className="space-y-4">
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {notice}
        </p>
      )}
      <ResetPasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(u) => {
          setResetting(null);
          setNotice(`Set a new password for ${u.email}; their sessions were ended.`);
          load();
        }}
      />
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
                  onChange={(e) =>
                    isRole(e.target.value) && void patch(u.id, { role: e.target.value })
                  }
                  className={input}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td className="p-2">{u.disabled ? "disabled" : "active"}</td>
              <td className="space-x-2 p-2 text-right">
                <button type="button" className={input} onClick={() => setResetting(u)}>
                  Reset password
                </button>
                <button type="button" className={input} onClick={() => void signOutEverywhere(u)}>
                  Sign out everywhere
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
            aria-describedby="new-user-password-policy"
          />
        </label>
        <p
          id="new-user-password-policy"
          className="w-full text-xs text-slate-600 dark:text-slate-300"
        >
          Password: {PASSWORD_POLICY_HINT} (or none: the user cannot sign in until an admin sets
          one).
        </p>
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

/** Sets a new password for a user, checked against the policy as it is typed and by the server. */
function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: UserSummary | null;
  onClose: () => void;
  onDone: (u: UserSummary) => void;
}) {
  const ids = { password: useId(), confirm: useId(), hint: useId() };
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPassword("");
    setConfirm("");
    setProblem(null);
    onClose();
  };
  const weak = user && password ? passwordProblem(password, user.email) : null;
  const mismatch = confirm !== "" && confirm !== password ? "The two passwords differ." : null;
  return (
    <Dialog
      open={user !== null}
      title={`Reset the password of ${user?.email ?? ""}`}
      onClose={close}
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!user) return;
          const refused =
            passwordProblem(password, user.email) ??
            (confirm !== password ? "The two passwords differ." : null);
          if (refused) {
            setProblem(refused);
            return;
          }
          setBusy(true);
          setProblem(null);
          try {
            await api.users.update(user.id, { password });
            setPassword("");
            setConfirm("");
            onDone(user);
          } catch (err) {
            setProblem(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p id={ids.hint} className="text-sm text-slate-700 dark:text-slate-300">
          The new password needs {PASSWORD_POLICY_HINT}. Setting it signs the user out everywhere.
        </p>
        <div>
          <label htmlFor={ids.password} className="mb-1 block text-sm font-medium">
            New password
          </label>
          <input
            id={ids.password}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setProblem(null); // a refusal is about what was sent; the live checks take over
            }}
            aria-describedby={ids.hint}
            aria-invalid={weak !== null}
            required
            autoFocus
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor={ids.confirm} className="mb-1 block text-sm font-medium">
            Repeat the new password
          </label>
          <input
            id={ids.confirm}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => {
              setConfirm(e.target.value);
              setProblem(null);
            }}
            aria-invalid={mismatch !== null}
            required
            className={inputClass}
          />
        </div>
        {(problem ?? weak ?? mismatch) && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem ?? weak ?? mismatch}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={close}>
            Cancel
          </button>
          <button type="submit" className={buttonClass.primary} disabled={busy}>
            Set password
          </button>
        </div>
      </form>
    </Dialog>
  );
}
