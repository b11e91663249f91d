/**
 * The preview route's schema (lib/<domain>/schemas.ts): `POST /api/sql/preview` runs a script's
 * INSERTs on a sample, bounded in rows and time.
 */
import { z } from "zod";
import { sqlText } from "@/lib/drafts/schemas";
import { MAX_PREVIEW_ROWS } from "./run-preview";

export const previewInput = z.object({
  sql: sqlText,
  rows: z.number().int().min(1).max(MAX_PREVIEW_ROWS).optional(),
  timeoutMs: z.number().int().min(1000).max(60_000).optional(),
  /** The draft whose attached key and trust stores `/flink/usrlib/<file>` names. */
  draftId: z.string().uuid().optional(),
});
