import { route } from "@/lib/api/route";
import { jobIdParams } from "@/lib/jobs/schemas";
import { getJob } from "@/lib/jobs/get-job";
import { deleteJob } from "@/lib/jobs/archive-job";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: jobIdParams }, async ({ params }) =>
  getJob(params.id),
);

/** Deletes an ended job with its history (runs, events, logs, metrics). */
export const DELETE = route({ access: "editor", params: jobIdParams }, async ({ params }) => {
  await deleteJob(params.id);
  return new Response(null, { status: 204 });
});
