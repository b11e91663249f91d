import { route } from "@/lib/api/route";
import { jobIdParams } from "@/lib/jobs/schemas";
import { stopJobWithOffsets } from "@/lib/jobs/stop-job-with-offsets";

export const dynamic = "force-dynamic";

/** Stop with offsets: commits, and records the resume point on the job when the last instance stopped. */
export const POST = route({ access: "editor", params: jobIdParams }, async ({ params }) => {
  await stopJobWithOffsets(params.id);
  return Response.json({ id: params.id, desiredState: "STOPPED" }, { status: 202 });
});
