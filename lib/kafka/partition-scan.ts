/**
 * Reads a bounded range of records of some partitions — from a start offset to a stop offset —
 * without a consumer group and without committing anything (the topic browser and the preview
 * read this way). Stops at the stop offsets, at `maxRecords`, or when the time is up.
 */
import type { KafkaMessage } from "kafkajs";
import type { ClusterClient } from "./clients";
import { RecordReader, tpKey } from "./record-reader";

export interface ScannedRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<{ key: string; value: Buffer | null }>;
}

export interface ScanRange {
  partition: number;
  /** First offset to read. */
  from: number;
  /** Offset to stop before (exclusive): the end at the time of the call, usually. */
  to: number;
}

export function toScannedRecord(partition: number, m: KafkaMessage): ScannedRecord {
  const headers: ScannedRecord["headers"] = [];
  for (const [key, value] of Object.entries(m.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values)
      headers.push({ key, value: v === undefined || v === null ? null : Buffer.from(v) });
  }
  return {
    partition,
    offset: Number(m.offset),
    timestamp: Number(m.timestamp),
    key: m.key ?? null,
    value: m.value ?? null,
    headers,
  };
}

/**
 * Calls `onRecord` for every record in the ranges (per partition in offset order); `onRecord`
 * returning false stops the scan. Resolves when every range is read or the time is up.
 */
export async function scanPartitions(
  client: ClusterClient,
  topic: string,
  ranges: readonly ScanRange[],
  onRecord: (r: ScannedRecord) => boolean,
  options: { timeoutMs: number },
): Promise<{ timedOut: boolean }> {
  const open = ranges.filter((r) => r.to > r.from);
  if (open.length === 0) return { timedOut: false };
  const stopAt = new Map(open.map((r) => [tpKey(topic, r.partition), r.to]));
  let finish!: (timedOut: boolean) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<boolean>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  let stopped = false;
  const reader: RecordReader = new RecordReader({
    client,
    groupId: "tributary-console-browser",
    topics: [topic],
    startOffsets: new Map(open.map((r) => [tpKey(topic, r.partition), r.from])),
    offsetReset: "earliest",
    onBatch: async (batch) => {
      if (stopped) return;
      const end = stopAt.get(tpKey(topic, batch.partition)) ?? 0;
      for (const m of batch.messages) {
        if (Number(m.offset) >= end) break;
        if (!onRecord(toScannedRecord(batch.partition, m))) {
          stopped = true;
          finish(false);
          return;
        }
      }
      if (batch.nextOffset >= end) markDone(batch.partition);
    },
    onSkipped: (_t, partition, next) => {
      if (next >= (stopAt.get(tpKey(topic, partition)) ?? 0)) markDone(partition);
    },
    onError: (e) => fail(e),
  });
  function markDone(partition: number) {
    const key = tpKey(topic, partition);
    if (!stopAt.has(key)) return;
    stopAt.delete(key);
    reader.pause(topic, partition);
    if (stopAt.size === 0) {
      stopped = true;
      finish(false);
    }
  }
  const timer = setTimeout(() => finish(true), options.timeoutMs);
  try {
    await reader.start();
    const timedOut = await done;
    return { timedOut };
  } finally {
    clearTimeout(timer);
    stopped = true;
    await reader.stop();
  }
}
