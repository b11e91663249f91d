import { z } from "zod";
import { route } from "@/lib/api/route";
import { createTopic } from "@/lib/topics/create-topic";
import { listTopics } from "@/lib/topics/list-topics";
import { createTopicInput } from "@/lib/topics/topic-input";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    query: z.object({
      cluster: z.string().min(1).optional(),
      search: z.string().optional(),
      internal: z.enum(["true", "false"]).optional(),
    }),
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
