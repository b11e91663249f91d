import { z } from "zod";
import { route } from "@/lib/api/route";
import { setJobArchived } from "@/lib/jobs/archive-job";

export const dynamic = "force-dynamic";

/** `{"archived": true|false}`: hide an ended job from the list, or bring it back. */
export const POST = route(
  {
    access: "editor",
    params: z.object({ id: z.uuid() }),
    body: z.object({ archived: z.boolean().default(true) }),
  },
  async ({ params, body }) => {
    await setJobArchived(params.id, body.archived);
    return { id: params.id, archived: body.archived };
  },
);
