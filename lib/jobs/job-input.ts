/** API input of the job routes (Zod), shared by the route handlers and their callers. */
import { z } from "zod";
import { sqlText } from "@/lib/drafts/draft-schemas";
import { MAX_PARALLELISM } from "@/lib/sql/settings";
import { ENGINE_CHOICES } from "@/lib/runtime/engine-choice";

const offsets = z.record(
  z.string().min(1),
  z.record(
    z.string().regex(/^\d+$/, "must be a partition number"),
    z.string().regex(/^\d+$/, "must be an offset (digits)"),
  ),
);

export const resumePointInput = z.object({
  offsets,
  recordedAt: z.string().default(() => new Date().toISOString()),
});

export const createDeploymentInput = z.object({
  name: z.string().trim().min(1, "must not be empty").max(200),
  sql: sqlText.min(1, "must not be empty"),
  parallelism: z.number().int().min(1).max(MAX_PARALLELISM).optional(),
  /** Which engine runs the job; `auto`: embedded when it runs every statement, else Flink. */
  engine: z.enum(ENGINE_CHOICES).optional(),
  resumeFrom: resumePointInput.optional(),
  /** The draft version the SQL was saved as, when deployed from the editor. */
  draftId: z.uuid("must be a draft id (a UUID)").optional(),
  draftVersion: z.number().int().positive().max(2_147_483_647).optional(),
  /**
   * Resource versions (ids) the job uses — custom partitioners; pinned to the deployment. Without
   * it, a deploy from a draft takes the draft's attached resources.
   */
  resourceIds: z.array(z.uuid("must be a resource id (a UUID)")).max(100).optional(),
});
export type CreateDeploymentInput = z.infer<typeof createDeploymentInput>;

/**
 * Where a redeploy starts: "last-stop" = the offsets "stop with offsets" recorded; "group-offsets"
 * = the offsets committed to each Kafka source's consumer group now (what the checkpoints
 * committed, or another application); "startup-mode" = each source's scan.startup.mode, as a
 * fresh deployment; or explicit offsets.
 */
export const redeployInput = z.object({
  startFrom: z
    .union([z.enum(["last-stop", "group-offsets", "startup-mode"]), resumePointInput])
    .default("last-stop"),
  sql: sqlText.min(1, "must not be empty").optional(),
  parallelism: z.number().int().min(1).max(MAX_PARALLELISM).optional(),
  /** With new SQL: the engine to choose again (default auto). */
  engine: z.enum(ENGINE_CHOICES).optional(),
});
export type RedeployInput = z.infer<typeof redeployInput>;
