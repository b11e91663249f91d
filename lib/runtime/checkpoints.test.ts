import { describe, expect, it } from "vitest";
import { InstanceCheckpoints, mergeSourceOffsets } from "./checkpoints";
import type { Pipeline } from "./pipeline";

/** A pipeline as InstanceCheckpoints sees it: its instance and its sources' positions. */
const pipeline = (instance: number, positions: Record<string, Record<number, string>>) =>
  ({
    instance,
    parts: { sources: [{ source: { resumeOffsets: () => positions } }] },
  }) as unknown as Pipeline;

describe("checkpoints", () => {
  it("merge two sources' offsets of one partition to the smaller", () => {
    expect(
      mergeSourceOffsets([{ t: { 0: "10", 1: "3" } }, { t: { 0: "7" }, u: { 0: "1" } }]),
    ).toEqual({ t: { 0: "7", 1: "3" }, u: { 0: "1" } });
  });

  it("resume a partition two pipelines read at the one behind, counting where one started", () => {
    const a = pipeline(0, {});
    const b = pipeline(0, {});
    const c = new InstanceCheckpoints(0);
    expect(c.offsets()).toBeUndefined();
    // b has no checkpoint yet: it is owed nothing before where it started.
    c.started(a, { t: { 0: "0", 1: "0" } });
    c.started(b, { t: { 1: "2" } });
    expect(c.lastCommitAt).toBeUndefined();
    expect(c.offsets()).toEqual({ t: { 0: "0", 1: "0" } });
    c.record(a, { t: { 0: "5", 1: "5" } }, new Date(1000));
    expect(c.lastCommitAt).toBe(new Date(1000).toISOString());
    expect(c.offsets()).toEqual({ t: { 0: "5", 1: "2" } });
    c.record(b, { t: { 1: "7" } }, new Date(2000));
    expect(c.offsets()).toEqual({ t: { 0: "5", 1: "5" } });
  });
});
