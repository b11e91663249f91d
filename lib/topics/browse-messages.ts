/**
 * The topic browser: records of a topic from a chosen partition (or all) and start — the
 * beginning, the end, an offset or a timestamp — oldest or newest first, decoded by a format,
 * filtered on the server. Reads without a group and commits nothing. Bounded: at most `limit`
 * records shown, at most MAX_SCAN read, within the time budget.
 */
import type { z } from "zod";
import { Invalid, NotFound } from "@/lib/domain-errors";
import type { ScannedRecord, ScanRange } from "@/lib/kafka/partition-scan";
import { scanPartitions } from "@/lib/kafka/partition-scan";
import type { TopicAdmin } from "@/lib/kafka/topic-admin";
import { profileClient } from "@/lib/clusters/cluster-connection";
import {
  createPartDecoder,
  rawBytes,
  type DecodedPart,
  type DecodeSpec,
  type RawBytes,
} from "./message-decoding";
import {
  hasFilter,
  matchesPlainFilter,
  type FilterableRecord,
  type MessageFilter,
} from "./message-filter";
import { compileRecordPredicate, type RecordPredicate } from "@/lib/sandbox/record-predicate";
import { withTopicAdmin, type ClusterRef } from "./topic-admin-session";
import { browseInput } from "./schemas";

export const MAX_SCAN = 100_000;

export type BrowseInput = z.input<typeof browseInput>;
type Browse = z.output<typeof browseInput>;

export interface BrowsedRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: DecodedPart;
  value: DecodedPart;
  headers: Array<{ key: string; value: RawBytes | null }>;
}

export interface BrowseResult {
  topic: string;
  records: BrowsedRecord[];
  /** Records read to find them (more than shown when a filter is on). */
  scanned: number;
  /** Why the scan ended before the range did: the time budget or MAX_SCAN. */
  incomplete?: "time" | "scan-limit";
  partitions: Array<{ partition: number; low: number; high: number }>;
}

export interface RecordView {
  decode(r: ScannedRecord): BrowsedRecord;
  /** Whether the record passes the filter (text, time, expression). */
  matches(r: BrowsedRecord): boolean;
  close(): void;
}

/** Decoders and filter of a browse or tail request; fails with 422 for a spec that cannot work. */
export async function createRecordView(
  topic: string,
  key: DecodeSpec,
  value: DecodeSpec,
  filter: MessageFilter | undefined,
): Promise<RecordView> {
  const keyDecoder = createPartDecoder(key, "key", topic);
  if ("error" in keyDecoder) throw new Invalid(`Key decoding: ${keyDecoder.error}`);
  const valueDecoder = createPartDecoder(value, "value", topic);
  if ("error" in valueDecoder) throw new Invalid(`Value decoding: ${valueDecoder.error}`);
  let predicate: RecordPredicate | undefined;
  const expression = filter?.expression?.trim() ?? "";
  if (expression !== "") predicate = await compileRecordPredicate(expression);
  const filtering = hasFilter(filter);
  return {
    decode: (r) => ({
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      key: keyDecoder.decode(r.key),
      value: valueDecoder.decode(r.value),
      headers: r.headers.map((h) => ({ key: h.key, value: rawBytes(h.value) })),
    }),
    matches(r) {
      if (!filtering) return true;
      const view = filterable(r);
      if (!matchesPlainFilter(filter!, view)) return false;
      return predicate ? predicate.test(view) : true;
    },
    close: () => predicate?.dispose(),
  };
}

export function filterable(r: BrowsedRecord): FilterableRecord {
  const part = (p: DecodedPart) =>
    p.decoded !== undefined ? p.decoded : p.raw ? (p.raw.text ?? p.raw.hex) : null;
  const headers: Record<string, string | null> = {};
  for (const h of r.headers) headers[h.key] = h.value ? (h.value.text ?? h.value.hex) : null;
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: part(r.key),
    value: part(r.value),
    headers,
  };
}

export async function browseMessages(
  raw: BrowseInput,
  profile?: ClusterRef,
): Promise<BrowseResult> {
  const input: Browse = browseInput.parse(raw);
  return withTopicAdmin(profile ?? input.cluster, async (admin, profile) => {
    const partitions = await partitionOffsets(admin, input.topic, input.partition);
    const starts = await startOffsets(admin, input, partitions);
    const view = await createRecordView(input.topic, input.key, input.value, input.filter);
    const client = await profileClient(profile, "consumer");
    try {
      return await scan(client, input, partitions, starts, view);
    } finally {
      view.close();
    }
  });
}

async function partitionOffsets(admin: TopicAdmin, topic: string, partition?: number) {
  const [described] = await admin.describeTopics([topic], []);
  if (!described) throw new NotFound(`Topic '${topic}' does not exist.`);
  const all = described.partitions.map((p) => ({
    partition: p.partition,
    low: p.low,
    high: p.high,
  }));
  if (partition === undefined) return all;
  const one = all.filter((p) => p.partition === partition);
  if (one.length === 0)
    throw new Invalid(`Topic '${topic}' has no partition ${partition} (it has ${all.length}).`);
  return one;
}

async function startOffsets(
  admin: TopicAdmin,
  input: Browse,
  partitions: Array<{ partition: number; low: number; high: number }>,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const byTime =
    input.start.kind === "timestamp"
      ? await admin.offsetsForTimestamp(input.topic, input.start.timestamp)
      : undefined;
  for (const p of partitions) {
    const clamp = (o: number) => Math.min(Math.max(o, p.low), p.high);
    switch (input.start.kind) {
      case "beginning":
        out.set(p.partition, p.low);
        break;
      case "end":
        out.set(p.partition, p.high);
        break;
      case "offset":
        out.set(p.partition, clamp(input.start.offset));
        break;
      case "timestamp":
        out.set(p.partition, clamp(byTime?.get(p.partition) ?? p.high));
        break;
    }
  }
  return out;
}

async function scan(
  client: Parameters<typeof scanPartitions>[0],
  input: Browse,
  partitions: Array<{ partition: number; low: number; high: number }>,
  starts: Map<number, number>,
  view: RecordView,
): Promise<BrowseResult> {
  const filtering = hasFilter(input.filter);
  const newest = input.order === "newest";
  // Oldest first reads forward from the start; newest first reads the records before the start
  // (from the end: the latest ones). Without a filter a partition needs at most `limit` of them.
  const budget = filtering ? Math.ceil(MAX_SCAN / partitions.length) : input.limit;
  const ranges: ScanRange[] = partitions.map((p) => {
    const at = starts.get(p.partition)!;
    if (!newest) return { partition: p.partition, from: at, to: Math.min(p.high, at + budget) };
    const to = input.start.kind === "beginning" ? Math.min(p.high, p.low + budget) : at;
    return { partition: p.partition, from: Math.max(p.low, to - budget), to };
  });
  const matched: BrowsedRecord[] = [];
  let scanned = 0;
  const { timedOut } = await scanPartitions(
    client,
    input.topic,
    ranges,
    (r) => {
      scanned++;
      const decoded = view.decode(r);
      if (view.matches(decoded)) matched.push(decoded);
      // Oldest first with one partition can stop at the limit; otherwise the order needs all.
      return !(!newest && partitions.length === 1 && matched.length >= input.limit);
    },
    { timeoutMs: input.timeoutMs },
  );
  const order = (a: BrowsedRecord, b: BrowsedRecord) =>
    a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset;
  matched.sort(newest ? (a, b) => order(b, a) : order);
  // A filtered scan read only part of the log when a range was cut at the per-partition budget.
  const cut = ranges.some((r, i) => {
    const p = partitions[i];
    return newest ? r.from > p.low && r.to - r.from >= budget : r.to < p.high;
  });
  return {
    topic: input.topic,
    records: matched.slice(0, input.limit),
    scanned,
    ...(timedOut
      ? { incomplete: "time" as const }
      : filtering && cut && matched.length < input.limit
        ? { incomplete: "scan-limit" as const }
        : {}),
    partitions,
  };
}
