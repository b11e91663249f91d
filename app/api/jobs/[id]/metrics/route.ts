import { route } from "@/lib/api/route";
import { jobIdParams } from "@/lib/jobs/schemas";
import { queryMetrics } from "@/lib/metrics/query-metrics";
import { metricsQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

const epochMs = (t: string | number) => (typeof t === "number" ? t : Date.parse(t));

export const GET = route(
  {
    access: "viewer",
    params: jobIdParams,
    query: metricsQuery,
  },
  async ({ params, query }) => {
    const now = Date.now();
    const toMs = query.to !== undefined ? epochMs(query.to) : now;
    const fromMs = query.from !== undefined ? epochMs(query.from) : toMs - 15 * 60_000;
    return {
      series: await queryMetrics({
        jobId: params.id,
        names: query.names,
        fromMs,
        toMs,
        resolutionS: query.resolution,
        instance: query.instance,
      }),
    };
  },
);
