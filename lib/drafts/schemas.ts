/**
 * The drafts API's schemas (lib/<domain>/schemas.ts, the README's convention): what the routes
 * take (parsed by the route wrapper) and what they answer (parsed by the browser's client,
 * lib/api/client.ts). Browser-safe.
 */
import { z } from "zod";
import { MAX_SQL_LENGTH } from "@/lib/sql/limits";
import { int4FromQuery } from "@/lib/api/input";

export { MAX_SQL_LENGTH };

export const draftName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");

/** A script as the API takes it: the one size limit of lib/sql/limits.ts. */
export const sqlText = z
  .string()
  .max(MAX_SQL_LENGTH, `must be at most ${MAX_SQL_LENGTH} characters`);

export const draftTags = z
  .array(z.string().trim().min(1, "must not be empty").max(50, "must be at most 50 characters"))
  .max(20, "at most 20 tags");

export const createDraftInput = z.object({
  name: draftName,
  sql: sqlText.default(""),
  tags: draftTags.optional(),
  comment: z.string().max(500).optional(),
});

export const updateDraftInput = z
  .object({
    name: draftName.optional(),
    tags: draftTags.optional(),
    archived: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.tags !== undefined || v.archived !== undefined, {
    message: "give a name, tags or archived",
  });

export const saveDraftInput = z.object({
  sql: sqlText,
  comment: z.string().max(500).optional(),
  /** The version the editor started from; a newer one on the server means someone else saved. */
  baseVersion: z.number().int().nonnegative().max(2_147_483_647).optional(),
});

export const draftIdParams = z.object({ id: z.uuid("must be a draft id (a UUID)") });

// Answers (what GET/POST/PUT/PATCH /api/drafts… return; the browser's client parses them).

export const draftSummary = z.object({
  id: z.string(),
  name: z.string(),
  latestVersion: z.number(),
  updatedAt: z.string(),
  tags: z.array(z.string()),
  /** When the draft was deleted (moved to the archive); null while it is in use. */
  archivedAt: z.string().nullable(),
  /** The email of the user who created it; null for drafts from before owners were recorded
   *  or whose user was deleted. */
  createdBy: z.string().nullable(),
});
export type DraftSummary = z.infer<typeof draftSummary>;

export const draftDetail = draftSummary.extend({
  /** The version `sql` is (the latest unless one was asked for). */
  version: z.number(),
  sql: z.string(),
  versions: z.array(
    z.object({ version: z.number(), comment: z.string().nullable(), createdAt: z.string() }),
  ),
});
export type DraftDetail = z.infer<typeof draftDetail>;

export const draftList = z.object({ drafts: z.array(draftSummary) });

/** `GET /api/drafts?archived=true`: the archive instead of the drafts in use. */
export const draftListQuery = z.object({ archived: z.enum(["true", "false"]).optional() });

/** `GET /api/drafts/:id?version=N`: an older version's text. */
export const draftVersionQuery = z.object({
  version: int4FromQuery.min(1, "must be at least 1").optional(),
});

export const draftResourceParams = z.object({
  id: z.uuid("must be a draft id (a UUID)"),
  resourceId: z.uuid("must be a resource id (a UUID)"),
});

export const attachResourceInput = z.object({
  resourceId: z.uuid("must be a resource id (a UUID)"),
});
