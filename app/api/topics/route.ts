import { route } from "@/lib/api/route";
import { createTopic } from "@/lib/topics/create-topic";
import { listTopics } from "@/lib/topics/list-topics";
import { createTopicInput, topicListQuery } from "@/lib/topics/schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    query: topicListQuery,
  },
  async ({ query }) =>
    listTopics({
      cluster: query.cluster,
      search: query.search,
      internal: query.internal === "true",
    }),
);

/** 201 with the created topic as the brokers describe it. */
export const POST = route({ access: "editor", body: createTopicInput }, async ({ body }) =>
  Response.json(await createTopic(body), { status: 201 }),
);
