import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { pageUser, safeNextPath } from "@/lib/auth/page-session";
import { adminExists } from "@/lib/auth/users";

export const metadata = { title: "Sign in · Tributary" };
export const dynamic = "force-dynamic";

export default async function SignInPage(props: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await props.searchParams).next);
  if (await pageUser()) redirect(next);
  const waitingForAdmin = !(await adminExists().catch(() => true));
  return (
    <section className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {waitingForAdmin && (
        <p
          role="status"
          className="rounded border border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 p-3 text-sm"
        >
          This console has no admin yet. Open the one-time setup link that <code>npm start</code>{" "}
          printed, or start it with <code>TRIBUTARY_ADMIN_PASSWORD</code> set.
        </p>
      )}
      <SignInForm next={next} />
    </section>
  );
}
