"use client";

import { useState } from "react";
import { api } from "@/lib/api/client";
import {
  PASSWORD_MIN_LENGTH,
  PASSWORD_POLICY_HINT,
  passwordProblem,
} from "@/lib/auth/password-policy";

const input = "mt-1 w-full rounded border border-slate-300 dark:border-slate-700 px-2 py-1";

/** The setup link's form: the first admin's email and password. */
export function SetupForm({ token }: { token: string }) {
  const [email, setEmail] = useState("admin@localhost");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const weak = passwordProblem(password, email);
    if (weak) {
      setProblem(weak);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.auth.setup({ token, email, password });
      // A full load, so that the layout (the user's menu) renders with the new session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/");
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <label className="block text-sm">
        Admin email
        <input
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          className={input}
        />
      </label>
      <label className="block text-sm">
        Password ({PASSWORD_POLICY_HINT})
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          className={input}
        />
      </label>
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {busy ? "Creating…" : "Create the admin and sign in"}
      </button>
    </form>
  );
}
