import { TopicList } from "@/components/topics/topic-list";

export const metadata = { title: "Topics · Tributary" };
export const dynamic = "force-dynamic";

export default async function TopicsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const cluster = (await searchParams).cluster;
  return (
    <section className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-2xl font-semibold">Topics</h1>
      <TopicList initialCluster={typeof cluster === "string" ? cluster : undefined} />
    </section>
  );
}
