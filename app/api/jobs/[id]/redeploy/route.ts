import { z } from "zod";
import { route } from "@/lib/api/route";
import { redeployInput } from "@/lib/jobs/job-input";
import { redeployJob } from "@/lib/jobs/redeploy-job";

export const dynamic = "force-dynamic";

export const POST = route(
  { access: "editor", params: z.object({ id: z.uuid() }), body: redeployInput },
  async ({ params, body }) => {
    await redeployJob(params.id, body);
    return Response.json({ id: params.id, desiredState: "RUNNING" }, { status: 202 });
  },
);
