import { z } from "zod";

/** A script can be long, but not unbounded: 1 MiB of SQL is far beyond any real job. */
export const MAX_SQL_LENGTH = 1_048_576;

export const draftName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");

export const sqlText = z
  .string()
  .max(MAX_SQL_LENGTH, `must be at most ${MAX_SQL_LENGTH} characters`);

export const createDraftInput = z.object({
  name: draftName,
  sql: sqlText.default(""),
});

export const saveDraftInput = z.object({
  sql: sqlText,
  comment: z.string().max(500).optional(),
  /** The version the editor started from; a newer one on the server means someone else saved. */
  baseVersion: z.number().int().nonnegative().optional(),
});

export const draftIdParams = z.object({ id: z.uuid("must be a draft id (a UUID)") });
