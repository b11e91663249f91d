/**
 * Resume points from several places (where the run started, the offsets instances committed,
 * what "stop with offsets" returned) merged into one. A partition is read by one instance at a
 * time, so for each partition the largest offset is the newest commit: at-least-once holds as
 * long as no offset passes what the sink has flushed, which the runtime guarantees per commit.
 */
import type { ResumePoint } from "@/lib/runtime/job-runtime";

type Offsets = ResumePoint["offsets"];

export function mergeOffsets(...parts: Array<Offsets | null | undefined>): Offsets {
  const merged: Offsets = {};
  for (const part of parts) {
    if (!part) continue;
    for (const [topic, partitions] of Object.entries(part)) {
      const target = (merged[topic] ??= {});
      for (const [partition, offset] of Object.entries(partitions)) {
        const p = Number(partition);
        const current = target[p];
        if (current === undefined || BigInt(offset) > BigInt(current)) target[p] = offset;
      }
    }
  }
  return merged;
}

export function mergeResumePoints(
  ...points: Array<ResumePoint | null | undefined>
): ResumePoint | undefined {
  const present = points.filter(
    (p): p is ResumePoint => !!p && typeof p === "object" && !!p.offsets,
  );
  if (present.length === 0) return undefined;
  const recordedAt = present
    .map((p) => p.recordedAt)
    .sort()
    .at(-1)!;
  // A savepoint (engine flink) is the newest point's that has one: it holds the whole job's state.
  const savepoint = present
    .filter((p) => typeof p.savepointPath === "string")
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
    .at(-1)?.savepointPath;
  const byInsert: NonNullable<ResumePoint["byInsert"]> = {};
  for (const p of present)
    for (const [key, offsets] of Object.entries(p.byInsert ?? {}))
      byInsert[key] = mergeOffsets(byInsert[key], offsets);
  return {
    offsets: mergeOffsets(...present.map((p) => p.offsets)),
    ...(Object.keys(byInsert).length > 0 ? { byInsert } : {}),
    recordedAt,
    ...(savepoint ? { savepointPath: savepoint } : {}),
  };
}

/** Reads a ResumePoint stored as JSON, refusing anything else so that a bad row cannot rewind a job. */
export function asResumePoint(json: unknown): ResumePoint | undefined {
  if (!json || typeof json !== "object") return undefined;
  const { offsets, recordedAt, savepointPath, byInsert } = json as Partial<ResumePoint>;
  if (!isOffsets(offsets) || typeof recordedAt !== "string") return undefined;
  if (byInsert !== undefined) {
    if (!byInsert || typeof byInsert !== "object") return undefined;
    if (!Object.values(byInsert).every(isOffsets)) return undefined;
  }
  return {
    offsets,
    ...(byInsert ? { byInsert } : {}),
    recordedAt,
    ...(typeof savepointPath === "string" ? { savepointPath } : {}),
  };
}

function isOffsets(offsets: unknown): offsets is Offsets {
  if (!offsets || typeof offsets !== "object") return false;
  for (const partitions of Object.values(offsets)) {
    if (!partitions || typeof partitions !== "object") return false;
    for (const offset of Object.values(partitions)) {
      if (typeof offset !== "string" || !/^\d+$/.test(offset)) return false;
    }
  }
  return true;
}

/**
 * What a resume point's `savepointPath` names: a savepoint (stop with savepoint) or a checkpoint
 * Flink retained for a failed job (…/<job id>/chk-<n>), for the messages that say where a job
 * resumes.
 */
export function restorePointKind(savepointPath: string): "checkpoint" | "savepoint" {
  return /\/chk-\d+\/?$/.test(savepointPath) ? "checkpoint" : "savepoint";
}
