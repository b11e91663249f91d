/**
 * What an instance's checkpoints made durable: per pipeline (one per INSERT) the source offsets
 * its last checkpoint flushed and committed, and the instance's resume point they add up to — what
 * the runtime hands the lifecycle through `onCheckpoint`.
 */
import type { InsertPlan } from "@/lib/sql/plan";
import type { ResumePoint } from "./job-runtime";
import type { Pipeline } from "./pipeline";

export type Offsets = ResumePoint["offsets"];

/**
 * Offsets of several sources as one resume point. Two INSERTs may read the same partition (with
 * different groups); a resume point names each partition once, so it keeps the smaller offset:
 * both re-read a little rather than one skipping records it never made durable.
 */
export function mergeSourceOffsets(parts: Iterable<Offsets>): Offsets {
  const out: Offsets = {};
  for (const part of parts) {
    for (const [topic, partitions] of Object.entries(part)) {
      const target = (out[topic] ??= {});
      for (const [partition, offset] of Object.entries(partitions)) {
        const p = Number(partition);
        if (target[p] === undefined || BigInt(offset) < BigInt(target[p])) target[p] = offset;
      }
    }
  }
  return out;
}

/**
 * The key of an INSERT's own offsets in a resume point (ResumePoint.byInsert): its place in the
 * script and its sink, so that a changed script does not hand one INSERT another's offsets.
 */
export function insertStateKey(index: number, insert: InsertPlan): string {
  return `${index}:${insert.sink.path.join(".")}`;
}

/** Offsets per INSERT key, from per-pipeline offsets (several instances' pipelines share a key). */
export function offsetsByInsert(
  entries: Iterable<[Pipeline, Offsets]>,
  keyOf: (pipeline: Pipeline) => string,
): NonNullable<ResumePoint["byInsert"]> {
  const byInsert: NonNullable<ResumePoint["byInsert"]> = {};
  for (const [pipeline, offsets] of entries) {
    const key = keyOf(pipeline);
    byInsert[key] = { ...byInsert[key] };
    for (const [topic, partitions] of Object.entries(offsets))
      byInsert[key][topic] = { ...byInsert[key][topic], ...partitions };
  }
  return byInsert;
}

export class InstanceCheckpoints {
  /** ISO time of the instance's last checkpoint. */
  lastCommitAt: string | undefined;
  private readonly committed = new Map<Pipeline, Offsets>();

  constructor(readonly instance: number) {}

  /**
   * Where a pipeline's sources start: until its first checkpoint, an INSERT is owed nothing
   * before them (a takeover then resumes there, not where 'latest' resolves by then).
   */
  started(pipeline: Pipeline, offsets: Offsets): void {
    this.committed.set(pipeline, offsets);
  }

  /** Per pipeline, what its checkpoints (or its start) made durable. */
  entries(): Iterable<[Pipeline, Offsets]> {
    return this.committed.entries();
  }

  /** A pipeline's checkpoint completed with these source positions (still under its lock). */
  record(pipeline: Pipeline, offsets: Offsets, at: Date): void {
    this.lastCommitAt = at.toISOString();
    this.committed.set(pipeline, offsets);
  }

  /**
   * What the instance's checkpoints made durable: every pipeline's last checkpoint, or where it
   * started when it has none yet (started()), so a partition two pipelines read resumes at the
   * one behind.
   */
  offsets(): Offsets | undefined {
    const committed = mergeSourceOffsets(this.committed.values());
    return Object.keys(committed).length > 0 ? committed : undefined;
  }
}
