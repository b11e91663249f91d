import { route } from "@/lib/api/route";
import { diagnoseKafka } from "@/lib/kafka/diagnostics";
import { diagnoseRequestSchema } from "@/lib/kafka/diagnostics/request-schema";
import { resolveSecretsInProperties } from "@/lib/secrets/secret-store";

export const dynamic = "force-dynamic";

/** 200 with the report whatever the verdict: a failed connection is a finding, not an API error. */
export const POST = route({ access: "editor", body: diagnoseRequestSchema }, async ({ body }) => {
  // `${secret_values.x}` in properties are resolved from the secret store, and their values are
  // scrubbed from the report (the diagnosis masks passwords itself; this covers any other secret).
  const { resolved, secretValues } = await resolveSecretsInProperties(body.properties ?? {});
  const report = await diagnoseKafka({ ...body, properties: resolved });
  let text = JSON.stringify(report);
  for (const value of secretValues)
    text = text.split(JSON.stringify(value).slice(1, -1)).join("******");
  return new Response(text, {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
});
