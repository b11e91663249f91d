"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "./post-json";

export function SignOutButton() {
  const router = useRouter();
  const signOut = async () => {
    await sendJson("/api/auth/sign-out", "POST").catch(() => undefined);
    router.replace("/sign-in");
    router.refresh();
  };
  return (
    <button
      type="button"
      onClick={signOut}
      className="rounded border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-100"
    >
      Sign out
    </button>
  );
}
