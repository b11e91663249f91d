import { route } from "@/lib/api/route";
import { jobIdParams } from "@/lib/jobs/schemas";
import { openJobStream } from "@/lib/events/open-job-stream";

export const dynamic = "force-dynamic";

/** Server-sent events of one job: status changes, metrics and log lines; Last-Event-ID replays. */
export const GET = route({ access: "viewer", params: jobIdParams }, async ({ request, params }) =>
  openJobStream(request, params.id),
);
