import { route } from "@/lib/api/route";
import { diagnoseKafka } from "@/lib/kafka/diagnostics";
import { diagnosticsRateLimit } from "@/lib/kafka/diagnostics/rate-limit";
import { diagnoseRequestSchema } from "@/lib/kafka/diagnostics/schemas";

export const dynamic = "force-dynamic";

/**
 * 200 with the report whatever the verdict: a failed connection is a finding, not an API error.
 * Stored secrets are never resolved here (the schema refuses placeholders): the caller names the
 * servers, and a secret goes only to the servers it was created for.
 */
export const POST = route(
  { access: "editor", body: diagnoseRequestSchema },
  async ({ body, session }) => {
    const release = diagnosticsRateLimit.take(session.userId ?? "anonymous");
    let report;
    try {
      report = await diagnoseKafka(body);
    } finally {
      release();
    }
    return new Response(JSON.stringify(report), {
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  },
);
