import { ResourceList } from "@/components/resources/resource-list";

export const metadata = { title: "Resources · Tributary" };

export default function ResourcesPage() {
  return (
    <section className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-2xl font-semibold">Resources</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Custom partitioners for <code>sink.partitioner</code>: JARs with Flink&apos;s
        KafkaPartitioner classes, or JavaScript modules. Attach them to a draft in the editor.
      </p>
      <ResourceList />
    </section>
  );
}
