import { SecretsPanel } from "@/components/secrets/secrets-panel";

export const metadata = { title: "Secrets · Tributary" };
export const dynamic = "force-dynamic";

/** Admin only (the API routes behind it are `access: "admin"`). Values are write-only. */
export default function SecretsPage() {
  return (
    <section className="mx-auto max-w-5xl">
      <h1 className="mb-1 text-2xl font-semibold">Secrets</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
        Values for <code className="font-mono">{"${secret_values.name}"}</code> in a table&apos;s{" "}
        <code className="font-mono">properties.*</code>. A value is stored encrypted, never shown
        again, and sent only to the bootstrap servers named here: a job whose table points elsewhere
        fails instead of sending it.
      </p>
      <SecretsPanel defaultBootstrap={process.env.KAFKA_BOOTSTRAP_SERVERS?.trim() ?? ""} />
    </section>
  );
}
