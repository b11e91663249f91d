/**
 * The diagnostics route's schema (lib/<domain>/schemas.ts): the input of
 * `POST /api/diagnostics/kafka`, checked as Kafka checks bootstrap.servers.
 * Browser-safe, so the console's form can use it too.
 */
import { z } from "zod";
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";
import { parseBootstrapAddresses } from "./addresses";

/** Most addresses one diagnosis probes from its bootstrap list (each broker's endpoints come on top). */
export const MAX_BOOTSTRAP_ADDRESSES = 16;

/**
 * A stored secret is sent only to the servers it was created for, and this request names its
 * servers itself: a placeholder here is refused instead of resolved.
 */
export const SECRET_REFUSAL =
  "holds a ${secret_values.…} placeholder; the connectivity diagnosis never resolves stored secrets for servers typed in here (a secret goes only to the bootstrap servers it was created for). Type the value in for this test (it is sent only to the servers named and masked in the report), or test a saved cluster profile.";

const bootstrapServers = z.union([z.string(), z.array(z.string())]).superRefine((value, ctx) => {
  try {
    const addresses = parseBootstrapAddresses(value);
    if (addresses.length > MAX_BOOTSTRAP_ADDRESSES) {
      ctx.addIssue({
        code: "custom",
        message: `names ${addresses.length} addresses; a diagnosis probes at most ${MAX_BOOTSTRAP_ADDRESSES} bootstrap servers.`,
      });
    }
    if (
      addresses.length > 0 &&
      (typeof value === "string" ? [value] : value).some(hasSecretPlaceholder)
    ) {
      ctx.addIssue({ code: "custom", message: SECRET_REFUSAL });
    }
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
  }
});

export const diagnoseRequestSchema = z.object({
  /** `host:port,host:port` or a list of them. */
  bootstrapServers,
  /** Kafka client properties, bare (`security.protocol`) or as in a WITH clause (`properties.security.protocol`). */
  properties: z
    .record(z.string(), z.string())
    .superRefine((properties, ctx) => {
      for (const [key, value] of Object.entries(properties)) {
        if (!hasSecretPlaceholder(value)) continue;
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: SECRET_REFUSAL,
        });
      }
    })
    .optional(),
  /** Bound of each lookup, connection, handshake and request, in milliseconds. */
  timeoutMs: z.number().int().min(100).max(60_000).optional(),
});

export type DiagnoseRequest = z.infer<typeof diagnoseRequestSchema>;
