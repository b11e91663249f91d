import { z } from "zod";
import { int4FromQuery, int8Id } from "@/lib/api/input";
import { route } from "@/lib/api/route";
import { LOG_LEVELS, queryJobLogs } from "@/lib/job-logs/query-job-logs";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    params: z.object({ id: z.uuid() }),
    query: z.object({
      before: int8Id.optional(),
      after: int8Id.optional(),
      level: z.enum(LOG_LEVELS as ["DEBUG", "INFO", "WARN", "ERROR"]).optional(),
      instance: int4FromQuery.optional(),
      text: z.string().max(500).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  async ({ params, query }) =>
    queryJobLogs({
      deploymentId: params.id,
      before: query.before,
      after: query.after,
      minLevel: query.level,
      instance: query.instance,
      text: query.text,
      limit: query.limit,
    }),
);
