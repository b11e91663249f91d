/**
 * The job routes' schemas (lib/<domain>/schemas.ts): their input, parsed by the route wrapper,
 * and the answers the browser's client (lib/api/client.ts) parses. Browser-safe.
 */
import { z } from "zod";
import { sqlText } from "@/lib/drafts/schemas";
import { MAX_PARALLELISM } from "@/lib/sql/settings";
import { ENGINE_CHOICES } from "@/lib/runtime/engine-choice";
import { jobSummary } from "@/lib/events/schemas";
import { JOB_STATUSES } from "./job-status";

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

export const createJobInput = z.object({
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
   * Resource versions (ids) the job uses — custom partitioners; pinned to the job. Without
   * it, a deploy from a draft takes the draft's attached resources.
   */
  resourceIds: z.array(z.uuid("must be a resource id (a UUID)")).max(100).optional(),
});
export type CreateJobInput = z.infer<typeof createJobInput>;

/**
 * Where a redeploy starts: "last-stop" = the offsets "stop with offsets" recorded; "group-offsets"
 * = the offsets committed to each Kafka source's consumer group now (what the checkpoints
 * committed, or another application); "startup-mode" = each source's scan.startup.mode, as a
 * fresh job; or explicit offsets.
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

/** `:id` of the /api/jobs/:id routes: the job's id. */
export const jobIdParams = z.object({ id: z.uuid() });

/** `GET /api/jobs?search=&status=A,B&archived=&limit=&offset=`. */
export const jobListQuery = z.object({
  status: z
    .string()
    .transform((s) => s.split(","))
    .pipe(z.array(z.enum(JOB_STATUSES)))
    .optional(),
  search: z.string().max(200).optional(),
  archived: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** `POST /api/jobs/:id/archive`: hide an ended job from the list, or bring it back. */
export const archiveJobInput = z.object({ archived: z.boolean().default(true) });

// Answers.

/** A page of the job list and how many jobs match in all. */
export const jobPage = z.object({ jobs: z.array(jobSummary), total: z.number() });

/** `POST /api/jobs` → 201 with the new job's id. */
export const createdJob = z.object({ id: z.string() });
