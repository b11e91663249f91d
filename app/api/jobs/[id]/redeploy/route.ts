import { route } from "@/lib/api/route";
import { jobIdParams, redeployInput } from "@/lib/jobs/schemas";
import { redeployJob } from "@/lib/jobs/redeploy-job";

export const dynamic = "force-dynamic";

export const POST = route(
  { access: "editor", params: jobIdParams, body: redeployInput },
  async ({ params, body }) => {
    await redeployJob(params.id, body);
    return Response.json({ id: params.id, desiredState: "RUNNING" }, { status: 202 });
  },
);
