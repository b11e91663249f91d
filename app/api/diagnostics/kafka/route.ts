import { route } from "@/lib/api/route";
import { diagnoseKafka } from "@/lib/kafka/diagnostics";
import { diagnoseRequestSchema } from "@/lib/kafka/diagnostics/request-schema";

export const dynamic = "force-dynamic";

/** 200 with the report whatever the verdict: a failed connection is a finding, not an API error. */
export const POST = route({ body: diagnoseRequestSchema }, async ({ body }) => {
  const report = await diagnoseKafka(body);
  return Response.json(report, { headers: { "cache-control": "no-store" } });
});
