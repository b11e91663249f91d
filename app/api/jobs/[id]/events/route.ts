import { z } from "zod";
import { route } from "@/lib/api/route";
import { openJobStream } from "@/lib/events/open-job-stream";

export const dynamic = "force-dynamic";

/** Server-sent events of one job: status changes, metrics and log lines; Last-Event-ID replays. */
export const GET = route(
  { access: "viewer", params: z.object({ id: z.uuid() }) },
  async ({ request, params }) => openJobStream(request, params.id),
);
