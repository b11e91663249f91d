/**
 * The input of `POST /api/diagnostics/kafka`, checked as Kafka checks bootstrap.servers.
 * Browser-safe, so the console's form can use it too.
 */
import { z } from "zod";
import { parseBootstrapAddresses } from "./addresses";

const bootstrapServers = z.union([z.string(), z.array(z.string())]).superRefine((value, ctx) => {
  try {
    parseBootstrapAddresses(value);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
  }
});

export const diagnoseRequestSchema = z.object({
  /** `host:port,host:port` or a list of them. */
  bootstrapServers,
  /** Kafka client properties, bare (`security.protocol`) or as in a WITH clause (`properties.security.protocol`). */
  properties: z.record(z.string(), z.string()).optional(),
  /** Bound of each lookup, connection, handshake and request, in milliseconds. */
  timeoutMs: z.number().int().min(100).max(60_000).optional(),
});

export type DiagnoseRequest = z.infer<typeof diagnoseRequestSchema>;
