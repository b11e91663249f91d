import { describe, expect, it } from "vitest";
import type { ResolvedStartup } from "@/lib/connectors/resolved";
import {
  chooseTransactionTimeout,
  lingeringTransactionalIds,
  FLINK_TRANSACTION_TIMEOUT_MS,
  resumePointOfInsert,
  startOffset,
} from "./kafka-setup";

describe("chooseTransactionTimeout", () => {
  it("keeps Flink's 1 h when the brokers accept it", () => {
    expect(FLINK_TRANSACTION_TIMEOUT_MS).toBe(3_600_000);
    expect(chooseTransactionTimeout(undefined, 3_600_000)).toEqual({ timeoutMs: 3_600_000 });
    expect(chooseTransactionTimeout(undefined, undefined)).toEqual({ timeoutMs: 3_600_000 });
  });

  it("lowers Flink's default to the brokers' transaction.max.timeout.ms, saying so", () => {
    const chosen = chooseTransactionTimeout(undefined, 900_000);
    expect(chosen.timeoutMs).toBe(900_000);
    expect(chosen.note).toContain("transaction.max.timeout.ms (900000)");
  });

  it("refuses a configured timeout above the brokers' limit in one sentence", () => {
    expect(() => chooseTransactionTimeout("1200000", 900_000)).toThrow(
      "'properties.transaction.timeout.ms' = 1200000 is larger than the cluster's transaction.max.timeout.ms (900000)",
    );
    expect(chooseTransactionTimeout("600000", 900_000)).toEqual({ timeoutMs: 600_000 });
  });
});

describe("startOffset: a resume point first, then the startup mode", () => {
  const watermark = { low: 5, high: 90 };
  const modes: Array<[string, ResolvedStartup, number]> = [
    ["earliest-offset", { mode: "earliest-offset", specificOffsets: [] }, 5],
    ["latest-offset", { mode: "latest-offset", specificOffsets: [] }, 90],
    [
      "timestamp",
      { mode: "timestamp", specificOffsets: [], timestampMillis: 1_700_000_000_000 },
      40,
    ],
    [
      "specific-offsets",
      { mode: "specific-offsets", specificOffsets: [{ partition: 1, offset: 33 }] },
      33,
    ],
    [
      "group-offsets",
      { mode: "group-offsets", specificOffsets: [], offsetResetStrategy: "none" },
      77,
    ],
  ];

  it.each(modes)(
    "%s: a partition in resumeFrom starts there, whatever the mode and the group's commit",
    (_name, startup) => {
      expect(
        startOffset(startup, 1, {
          resumed: "61",
          fromCheckpoint: false,
          committed: 77,
          watermark,
          atTimestamp: 40,
        }),
      ).toEqual({ offset: 61 });
      expect(
        startOffset(startup, 1, {
          resumed: "61",
          fromCheckpoint: true,
          committed: 77,
          watermark,
          atTimestamp: 40,
        }),
      ).toEqual({ offset: 61 });
    },
  );

  it.each(modes)(
    "%s: a partition missing from resumeFrom starts per the mode",
    (_name, startup, expected) => {
      expect(
        startOffset(startup, 1, {
          resumed: undefined,
          fromCheckpoint: false,
          committed: 77,
          watermark,
          atTimestamp: 40,
        }),
      ).toEqual({
        offset: expected,
      });
    },
  );

  it("without a resume point, a restart of the runtime on its own takes the group's committed offset", () => {
    const earliest: ResolvedStartup = { mode: "earliest-offset", specificOffsets: [] };
    expect(
      startOffset(earliest, 0, {
        resumed: undefined,
        fromCheckpoint: true,
        committed: 70,
        watermark,
      }),
    ).toEqual({ offset: 70 });
    expect(
      startOffset(earliest, 0, {
        resumed: undefined,
        fromCheckpoint: true,
        committed: undefined,
        watermark,
      }),
    ).toEqual({ offset: 5 });
  });

  it("timestamp with no record that late, specific-offsets for an unlisted partition, group-offsets without a commit", () => {
    const none = { resumed: undefined, fromCheckpoint: false, committed: undefined, watermark };
    expect(
      startOffset({ mode: "timestamp", specificOffsets: [], timestampMillis: 1 }, 0, none),
    ).toEqual({ offset: 90 });
    expect(
      startOffset(
        { mode: "specific-offsets", specificOffsets: [{ partition: 1, offset: 33 }] },
        0,
        none,
      ),
    ).toEqual({ offset: 5 });
    expect(
      startOffset(
        { mode: "specific-offsets", specificOffsets: [{ partition: 1, offset: 33 }] },
        0,
        { ...none, committed: 12 },
      ),
    ).toEqual({ offset: 12 });
    expect(
      startOffset(
        { mode: "group-offsets", specificOffsets: [], offsetResetStrategy: "none" },
        0,
        none,
      ),
    ).toEqual({ missingCommit: true });
    expect(
      startOffset(
        { mode: "group-offsets", specificOffsets: [], offsetResetStrategy: "earliest" },
        0,
        none,
      ),
    ).toEqual({ offset: 5 });
    expect(
      startOffset(
        { mode: "group-offsets", specificOffsets: [], offsetResetStrategy: "latest" },
        0,
        none,
      ),
    ).toEqual({ offset: 90 });
  });
});

describe("lingeringTransactionalIds", () => {
  it("deals the ids of instances past today's parallelism round-robin over today's instances", () => {
    // 5 instances before, 2 now: instance 0 answers for 2 and 4, instance 1 for 3.
    expect(lingeringTransactionalIds("tx", 0, 2, 5)).toEqual(["tx-2-0", "tx-4-0"]);
    expect(lingeringTransactionalIds("tx", 1, 2, 5)).toEqual(["tx-3-0"]);
  });

  it("fences nothing when no earlier run had more instances", () => {
    expect(lingeringTransactionalIds("tx", 0, 3, 3)).toEqual([]);
    expect(lingeringTransactionalIds("tx", 0, 3, 1)).toEqual([]);
    expect(lingeringTransactionalIds("tx", 0, 3)).toEqual([]);
  });
});

describe("resumePointOfInsert", () => {
  const point = {
    offsets: { t: { 0: "5", 1: "3" }, u: { 0: "1" } },
    byInsert: { "0:a": { t: { 0: "9" } } },
    recordedAt: "2026-01-01T00:00:00Z",
  };
  it("takes the INSERT's own offsets where it has them, the merged ones elsewhere", () => {
    expect(resumePointOfInsert(point, "0:a")?.offsets).toEqual({
      t: { 0: "9", 1: "3" },
      u: { 0: "1" },
    });
    expect(resumePointOfInsert(point, "1:b")?.offsets).toEqual(point.offsets);
    expect(resumePointOfInsert(undefined, "0:a")).toBeUndefined();
  });
});
