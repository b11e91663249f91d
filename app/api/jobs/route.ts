import { route } from "@/lib/api/route";
import { createDeployment } from "@/lib/jobs/create-deployment";
import { createDeploymentInput, jobListQuery } from "@/lib/jobs/schemas";
import { listJobs } from "@/lib/jobs/list-jobs";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    query: jobListQuery,
  },
  async ({ query }) => listJobs({ ...query, archived: query.archived === "true" }),
);

export const POST = route(
  { access: "editor", body: createDeploymentInput },
  async ({ body, session }) => {
    const { id } = await createDeployment(body, session.userId);
    return Response.json({ id }, { status: 201, headers: { location: `/api/jobs/${id}` } });
  },
);
