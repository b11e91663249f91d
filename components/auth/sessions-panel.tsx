"use client";

import { useApiList } from "@/components/common/use-api-list";
import { useState } from "react";
import { ConfirmDialog, buttonClass } from "@/components/ui/dialog";
import { api } from "@/lib/api/client";

const when = (iso: string) => new Date(iso).toLocaleString();

type Pending = { kind: "others" } | { kind: "all" } | null;

/** The signed-in user's sessions: revoke one, or sign out everywhere (all others, or all). */
export function SessionsPanel() {
  const { items: sessions, reload } = useApiList(api.auth.sessions);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const act = async (what: () => Promise<string>, signsOut = false) => {
    setProblem(null);
    try {
      const done = await what();
      if (signsOut) {
        // This browser's session is gone too: a full load lands on the sign-in page.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/sign-in");
        return;
      }
      setNotice(done);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    reload();
  };
  const others = (sessions ?? []).filter((s) => !s.current).length;

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
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <thead className="text-left text-slate-600 dark:text-slate-300">
          <tr>
            <th className="p-2">Browser</th>
            <th className="p-2">Address</th>
            <th className="p-2">Signed in</th>
            <th className="p-2">Last seen</th>
            <th className="p-2" />
          </tr>
        </thead>
        <tbody data-testid="sessions">
          {(sessions ?? []).map((s) => (
            <tr
              key={s.id}
              data-testid={s.current ? "session-current" : "session"}
              className="border-t border-slate-100 dark:border-slate-800"
            >
              <td className="max-w-md truncate p-2" title={s.userAgent ?? undefined}>
                {s.userAgent ?? "unknown browser"}
                {s.current && (
                  <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">
                    this browser
                  </span>
                )}
              </td>
              <td className="p-2 font-mono text-xs">{s.address ?? "unknown"}</td>
              <td className="p-2">{when(s.createdAt)}</td>
              <td className="p-2">{when(s.lastSeenAt)}</td>
              <td className="p-2 text-right">
                <button
                  type="button"
                  className={buttonClass.secondary}
                  onClick={() =>
                    void act(async () => {
                      await api.auth.revokeSession(s.id);
                      return "Revoked the session.";
                    }, s.current)
                  }
                >
                  {s.current ? "Sign out" : "Revoke"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={others === 0}
          onClick={() => setPending({ kind: "others" })}
        >
          Sign out all other sessions
        </button>
        <button
          type="button"
          className={buttonClass.danger}
          onClick={() => setPending({ kind: "all" })}
        >
          Sign out everywhere
        </button>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === "all" ? "Sign out everywhere?" : "Sign out all other sessions?"}
        message={
          pending?.kind === "all"
            ? "Every browser signed in as you is signed out, this one too."
            : `The ${others} other browser(s) signed in as you are signed out; this one stays signed in.`
        }
        confirmLabel="Sign out"
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const all = pending?.kind === "all";
          setPending(null);
          void act(async () => {
            const { revoked } = await api.auth.revokeSessions(all ? undefined : "current");
            return `Signed out ${revoked} other session(s).`;
          }, all);
        }}
      />
    </div>
  );
}
