/** API input of the job routes (Zod), shared by the route handlers and their callers. */
import { z } from "zod";
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
  sql: z.string().min(1, "must not be empty").max(1_000_000),
  parallelism: z.number().int().min(1).max(256).optional(),
  /** Which engine runs the job; `auto`: embedded when it runs every statement, else Flink. */
  engine: z.enum(ENGINE_CHOICES).optional(),
  resumeFrom: resumePointInput.optional(),
  /** The draft version the SQL was saved as, when deployed from the editor. */
  draftId: z.uuid("must be a draft id (a UUID)").optional(),
  draftVersion: z.number().int().positive().optional(),
});
export type CreateDeploymentInput = z.infer<typeof createDeploymentInput>;

/**
 * Where a redeploy starts: "last-stop" = the offsets "stop with offsets" recorded; "startup-mode"
 * = each source's scan.startup.mode, as a fresh deployment; or explicit offsets.
 */
export const redeployInput = z.object({
  startFrom: z
    .union([z.enum(["last-stop", "startup-mode"]), resumePointInput])
    .default("last-stop"),
  sql: z.string().min(1).max(1_000_000).optional(),
  parallelism: z.number().int().min(1).max(256).optional(),
  /** With new SQL: the engine to choose again (default auto). */
  engine: z.enum(ENGINE_CHOICES).optional(),
});
export type RedeployInput = z.infer<typeof redeployInput>;
