import { route } from "@/lib/api/route";
import { archiveJobInput, jobIdParams } from "@/lib/jobs/schemas";
import { setJobArchived } from "@/lib/jobs/archive-job";

export const dynamic = "force-dynamic";

/** `{"archived": true|false}`: hide an ended job from the list, or bring it back. */
export const POST = route(
  {
    access: "editor",
    params: jobIdParams,
    body: archiveJobInput,
  },
  async ({ params, body }) => {
    await setJobArchived(params.id, body.archived);
    return { id: params.id, archived: body.archived };
  },
);
