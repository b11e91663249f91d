/**
 * Issue 17's promise on the real broker and PostgreSQL: worker processes SIGKILLed at random
 * moments (before the first commit, mid-transaction, during a takeover) and one broker restart,
 * while an exactly-once and an at-least-once job (parallelism 2, 4-partition topics, so each
 * instance reads several partitions) copy records that keep coming. A read_committed reader of
 * each sink against the source: no record missing from either, none twice from exactly-once.
 * `npm run bench -- faults` runs the same with many more kills.
 */
import { afterAll, describe, expect, it } from "vitest";
import { faultRun } from "@/lib/workers/testing/fault-run";
import { signOffWorkersOf } from "@/lib/workers/testing/test-workers";

afterAll(async () => {
  await signOffWorkersOf([process.pid]);
});

describe("worker processes killed at random, and a broker restart", () => {
  it("exactly-once writes every record once, at-least-once loses none", async () => {
    const result = await faultRun({
      guarantees: ["exactly-once", "at-least-once"],
      kills: 5,
      brokerRestartAfterKill: 3,
      parallelism: 2,
      partitions: 4,
      // A backlog keeps the instances busy, so every transaction is large and kills land inside one.
      initialRecords: 60_000,
      recordsPerSecond: 1_500,
      pauseMs: [200, 2_500],
      log: (line) => console.log(`[faults] ${line}`),
    });
    console.log(`[faults] takeover ms: ${result.takeoverMs.join(", ")}`);
    expect(result.brokerRestarted).toBe(true);
    const [exactlyOnce, atLeastOnce] = result.jobs;
    expect(exactlyOnce.sourceRecords).toBeGreaterThan(60_000);
    expect({ missing: exactlyOnce.missing, duplicates: exactlyOnce.duplicates }).toEqual({
      missing: 0,
      duplicates: 0,
    });
    expect(atLeastOnce.missing).toBe(0);
  }, 420_000);
});
