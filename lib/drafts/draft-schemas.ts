import { z } from "zod";
import { MAX_SQL_LENGTH } from "@/lib/sql/limits";

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
