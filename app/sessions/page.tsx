import { SessionsPanel } from "@/components/auth/sessions-panel";
import { pageUser } from "@/lib/auth/page-session";

export const metadata = { title: "Sessions · Tributary" };
export const dynamic = "force-dynamic";

export default async function SessionsPage() {
  const user = await pageUser();
  if (!user) return null; // proxy.ts sends anonymous visitors to /sign-in
  return (
    <section className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        The browsers signed in as {user.email}. Revoking one signs it out at its next request; a
        copied cookie stops working too.
      </p>
      <SessionsPanel />
    </section>
  );
}
