/**
 * The resources API's schemas (lib/<domain>/schemas.ts). Uploads are multipart and read by
 * upload-resource.ts; the rest take a resource version's id or a search. Browser-safe.
 */
import { z } from "zod";

/** `:id` of /api/resources/:id: one version of a resource. */
export const resourceIdParams = z.object({ id: z.uuid("must be a resource id (a UUID)") });

/** `GET /api/resources?search=`: by name, file or partitioner class. */
export const resourceListQuery = z.object({ search: z.string().max(200).optional() });
