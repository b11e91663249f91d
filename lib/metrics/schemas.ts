/**
 * The metrics route's schemas (lib/<domain>/schemas.ts): `GET /api/jobs/:id/metrics`, named
 * series over a time range (ISO date-times or epoch milliseconds) at a resolution. Browser-safe.
 */
import { z } from "zod";
import { int4FromQuery } from "@/lib/api/input";

const time = z.union([
  z.iso.datetime(),
  z
    .string()
    .regex(/^\d{1,15}$/, "must be an ISO date-time or epoch milliseconds")
    .transform(Number),
]);

export const metricsQuery = z.object({
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
});
