import { ApiTokensPanel } from "@/components/auth/api-tokens-panel";
import { pageUser } from "@/lib/auth/page-session";

export const metadata = { title: "API tokens · Tributary" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const user = await pageUser();
  if (!user) return null;
  return (
    <section className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        For the CLI and CI: send a token as <code>Authorization: Bearer …</code> (the CLI reads{" "}
        <code>TRIBUTARY_TOKEN</code>). A token acts with at most its role and yours.
      </p>
      <ApiTokensPanel role={user.role} />
    </section>
  );
}
