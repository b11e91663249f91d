import { z } from "zod";
import { route } from "@/lib/api/route";
import { browseInput, browseMessages } from "@/lib/topics/browse-messages";

export const dynamic = "force-dynamic";

/** Browse records (POST: the decode and filter specs are a body); reads only, commits nothing. */
export const POST = route(
  {
    access: "viewer",
    params: z.object({ name: z.string().min(1) }),
    body: browseInput.omit({ topic: true }),
  },
  async ({ params, body }) => browseMessages({ ...body, topic: params.name }),
);
