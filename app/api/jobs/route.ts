import { z } from "zod";
import { route } from "@/lib/api/route";
import { createDeployment } from "@/lib/jobs/create-deployment";
import { createDeploymentInput } from "@/lib/jobs/job-input";
import { JOB_STATUSES } from "@/lib/jobs/job-status";
import { listJobs } from "@/lib/jobs/list-jobs";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    query: z.object({
      status: z
        .string()
        .transform((s) => s.split(","))
        .pipe(z.array(z.enum(JOB_STATUSES)))
        .optional(),
      search: z.string().max(200).optional(),
      archived: z.enum(["true", "false"]).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      offset: z.coerce.number().int().min(0).optional(),
    }),
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
