import { route } from "@/lib/api/route";
import { deleteTopic, describeTopic } from "@/lib/topics/describe-topic";
import { clusterQuery as query, topicParams as params } from "@/lib/topics/schemas";

export const dynamic = "force-dynamic";

/** Per-partition offsets and replicas, configs, and the consumer groups with their lag. */
export const GET = route({ access: "viewer", params, query }, async ({ params, query }) =>
  describeTopic(query.cluster, params.name),
);

export const DELETE = route({ access: "editor", params, query }, async ({ params, query }) => {
  await deleteTopic(query.cluster, params.name);
  return new Response(null, { status: 204 });
});
