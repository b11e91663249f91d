"use client";

import { api } from "@/lib/api/client";

export function SignOutButton() {
  const signOut = async () => {
    await api.auth.signOut().catch(() => undefined);
    // A full load: nothing rendered for the signed-in user stays on screen.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
  };
  return (
    <button
      type="button"
      onClick={signOut}
      className="rounded border border-slate-300 dark:border-slate-700 px-2 py-0.5 text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
