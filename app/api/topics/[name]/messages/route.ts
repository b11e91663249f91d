import { route } from "@/lib/api/route";
import { browseMessages } from "@/lib/topics/browse-messages";
import { browseInput, topicParams } from "@/lib/topics/schemas";

export const dynamic = "force-dynamic";

/** Browse records (POST: the decode and filter specs are a body); reads only, commits nothing. */
export const POST = route(
  { access: "viewer", params: topicParams, body: browseInput.omit({ topic: true }) },
  async ({ params, body }) => browseMessages({ ...body, topic: params.name }),
);
