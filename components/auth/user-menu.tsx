import Link from "next/link";
import { pageUser } from "@/lib/auth/page-session";
import { SignOutButton } from "./sign-out-button";

/** The header's right side: who is signed in, their pages, and sign-out. */
export async function UserMenu() {
  const user = await pageUser();
  if (!user) return null;
  return (
    <div className="ml-auto flex items-center gap-4 text-sm">
      {user.role === "admin" && (
        <Link href="/users" className="text-slate-600 dark:text-slate-300 hover:text-slate-900">
          Users
        </Link>
      )}
      <Link href="/tokens" className="text-slate-600 dark:text-slate-300 hover:text-slate-900">
        API tokens
      </Link>
      <Link href="/sessions" className="text-slate-600 dark:text-slate-300 hover:text-slate-900">
        Sessions
      </Link>
      <span className="text-slate-500 dark:text-slate-400" data-testid="signed-in-user">
        {user.email} ({user.role})
      </span>
      <SignOutButton />
    </div>
  );
}
