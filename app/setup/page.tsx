import { SetupForm } from "@/components/auth/setup-form";
import { adminExists } from "@/lib/auth/users";

export const metadata = { title: "Set up · Tributary" };
export const dynamic = "force-dynamic";

export default async function SetupPage(props: { searchParams: Promise<{ token?: string }> }) {
  const token = (await props.searchParams).token ?? "";
  const done = await adminExists().catch(() => false);
  return (
    <section className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold">Set up Tributary</h1>
      {done ? (
        <p role="alert" className="text-sm">
          This console already has an admin.{" "}
          <a href="/sign-in" className="text-indigo-700 dark:text-indigo-300 underline">
            Sign in
          </a>{" "}
          instead.
        </p>
      ) : !token ? (
        <p role="alert" className="text-sm">
          Open the setup link that <code>npm start</code> printed; it carries a one-time token.
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Create the first admin. The link works once.
          </p>
          <SetupForm token={token} />
        </>
      )}
    </section>
  );
}
