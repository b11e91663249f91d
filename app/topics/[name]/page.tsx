import { TopicDetail } from "@/components/topics/topic-detail";
import type { InitialDecoding } from "@/components/topics/message-browser";
import { decodeFormatChoices, decodeSpec } from "@/lib/topics/message-decoding";

export const dynamic = "force-dynamic";

/** `key` / `value` (JSON decode specs) and `table`: the page opened from a table in the editor. */
function decodingOf(params: Record<string, string | string[] | undefined>): InitialDecoding {
  const part = (raw: string | string[] | undefined) => {
    if (typeof raw !== "string") return undefined;
    try {
      const parsed = decodeSpec.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    ...(typeof params.table === "string" ? { table: params.table } : {}),
    key: part(params.key),
    value: part(params.value),
  };
}

export default async function TopicPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const query = await searchParams;
  const cluster = query.cluster;
  const topic = decodeURIComponent(name);
  return (
    <section className="mx-auto max-w-7xl space-y-4">
      <h1 className="font-mono text-2xl font-semibold">{topic}</h1>
      <TopicDetail
        topic={topic}
        cluster={typeof cluster === "string" ? cluster : ""}
        initialDecoding={decodingOf(query)}
        formats={decodeFormatChoices()}
      />
    </section>
  );
}
