import { route } from "@/lib/api/route";
import { jobIdParams } from "@/lib/jobs/schemas";
import { logQuery } from "@/lib/job-logs/schemas";
import { queryJobLogs } from "@/lib/job-logs/query-job-logs";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: jobIdParams, query: logQuery },
  async ({ params, query }) =>
    queryJobLogs({
      jobId: params.id,
      before: query.before,
      after: query.after,
      minLevel: query.level,
      instance: query.instance,
      text: query.text,
      limit: query.limit,
    }),
);
