/**
 * The job log route's schemas (lib/<domain>/schemas.ts): `GET /api/jobs/:id/logs`, paged by
 * cursor (log line ids) and filtered by level, instance and text. Browser-safe.
 */
import { z } from "zod";
import { int4FromQuery, int8Id } from "@/lib/api/input";
import { logLevel } from "@/lib/events/schemas";

export const logQuery = z.object({
  before: int8Id.optional(),
  after: int8Id.optional(),
  level: logLevel.optional(),
  instance: int4FromQuery.optional(),
  text: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
