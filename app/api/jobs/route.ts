import { route } from "@/lib/api/route";
import { createJob } from "@/lib/jobs/create-job";
import { createJobInput, jobListQuery } from "@/lib/jobs/schemas";
import { listJobs } from "@/lib/jobs/list-jobs";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    query: jobListQuery,
  },
  async ({ query }) => listJobs({ ...query, archived: query.archived === "true" }),
);

export const POST = route({ access: "editor", body: createJobInput }, async ({ body, session }) => {
  const { id } = await createJob(body, session.userId);
  return Response.json({ id }, { status: 201, headers: { location: `/api/jobs/${id}` } });
});
