import { route } from "@/lib/api/route";
import { openJobListStream } from "@/lib/events/open-job-list-stream";

export const dynamic = "force-dynamic";

/** Server-sent events of the job list: a snapshot, then every job whose status changes. */
export const GET = route({ access: "viewer" }, async ({ request }) => openJobListStream(request));
