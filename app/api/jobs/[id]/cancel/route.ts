import { route } from "@/lib/api/route";
import { jobIdParams } from "@/lib/jobs/schemas";
import { cancelJob } from "@/lib/jobs/cancel-job";

export const dynamic = "force-dynamic";

export const POST = route({ access: "editor", params: jobIdParams }, async ({ params }) => {
  await cancelJob(params.id);
  return Response.json({ id: params.id, desiredState: "CANCELLED" }, { status: 202 });
});
