import { z } from "zod";
import { route } from "@/lib/api/route";
import { cancelJob } from "@/lib/jobs/cancel-job";

export const dynamic = "force-dynamic";

export const POST = route(
  { access: "editor", params: z.object({ id: z.uuid() }) },
  async ({ params }) => {
    await cancelJob(params.id);
    return Response.json({ id: params.id, desiredState: "CANCELLED" }, { status: 202 });
  },
);
