import { TopicDetail } from "@/components/topics/topic-detail";
import { decodeFormatChoices } from "@/lib/topics/message-decoding";

export const dynamic = "force-dynamic";

export default async function TopicPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const cluster = (await searchParams).cluster;
  const topic = decodeURIComponent(name);
  return (
    <section className="mx-auto max-w-7xl space-y-4">
      <h1 className="font-mono text-2xl font-semibold">{topic}</h1>
      <TopicDetail
        topic={topic}
        cluster={typeof cluster === "string" ? cluster : ""}
        formats={decodeFormatChoices()}
      />
    </section>
  );
}
