import { DiagnosticsPanel } from "@/components/diagnostics/diagnostics-panel";

export const metadata = { title: "Diagnostics · Tributary" };
export const dynamic = "force-dynamic";

/**
 * `?bootstrap=host:port,…` fills the form and runs the diagnosis at once (failed jobs link here);
 * without it, the form starts with the console's own cluster.
 */
export default async function DiagnosticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const given = (await searchParams).bootstrap;
  const linked = typeof given === "string" && given.trim() !== "" ? given.trim() : undefined;
  const initial = linked ?? process.env.KAFKA_BOOTSTRAP_SERVERS?.trim() ?? "";
  return (
    <section className="mx-auto max-w-5xl">
      <h1 className="mb-1 text-2xl font-semibold">Kafka connectivity</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
        Connects the way a job&apos;s client does — to the bootstrap servers, then to every broker
        at the address it advertises — and explains what fails and how to fix it.
      </p>
      <DiagnosticsPanel initialBootstrap={initial} runAtOnce={linked !== undefined} />
    </section>
  );
}
