import { z } from "zod";
import { int4FromQuery } from "@/lib/api/input";
import { route } from "@/lib/api/route";
import { queryMetrics } from "@/lib/metrics/query-metrics";

export const dynamic = "force-dynamic";

const time = z.union([
  z.iso.datetime(),
  z
    .string()
    .regex(/^\d{1,15}$/, "must be an ISO date-time or epoch milliseconds")
    .transform(Number),
]);
const epochMs = (t: string | number) => (typeof t === "number" ? t : Date.parse(t));

export const GET = route(
  {
    access: "viewer",
    params: z.object({ id: z.uuid() }),
    query: z.object({
      names: z
        .string()
        .min(1)
        .transform((s) =>
          s
            .split(",")
            .map((n) => n.trim())
            .filter(Boolean),
        ),
      from: time.optional(),
      to: time.optional(),
      resolution: z.coerce.number().int().min(1).max(86_400).optional(),
      instance: int4FromQuery.optional(),
    }),
  },
  async ({ params, query }) => {
    const now = Date.now();
    const toMs = query.to !== undefined ? epochMs(query.to) : now;
    const fromMs = query.from !== undefined ? epochMs(query.from) : toMs - 15 * 60_000;
    return {
      series: await queryMetrics({
        deploymentId: params.id,
        names: query.names,
        fromMs,
        toMs,
        resolutionS: query.resolution,
        instance: query.instance,
      }),
    };
  },
);
