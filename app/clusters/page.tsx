import { ClusterProfiles } from "@/components/clusters/cluster-profiles";

export const metadata = { title: "Clusters · Tributary" };

export default function ClustersPage() {
  return (
    <section className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-2xl font-semibold">Kafka clusters</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Connection profiles: topics, diagnostics and the editor&apos;s connection snippet use them.
        Secrets are stored as references to the secret store and resolved only to connect to the
        profile&apos;s own brokers.
      </p>
      <ClusterProfiles />
    </section>
  );
}
