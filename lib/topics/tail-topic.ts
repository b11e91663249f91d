/**
 * The live tail of a topic as server-sent events: `ready` with the partitions' start positions,
 * then `records` with each fetched batch's records that pass the filter (decoded as asked). The
 * event id is the positions (`0:120,1:98`), so a reconnect with Last-Event-ID goes on from there
 * instead of skipping or repeating. Reads without a group; commits nothing.
 */
import type { z } from "zod";
import { Invalid } from "@/lib/domain-errors";
import { profileClient } from "@/lib/clusters/cluster-connection";
import { sseResponse } from "@/lib/events/sse-response";
import { toScannedRecord } from "@/lib/kafka/partition-scan";
import { RecordReader, tpKey } from "@/lib/kafka/record-reader";
import { createRecordView, type BrowsedRecord } from "./browse-messages";
import { tailInput, type TailEvent, type TailEventName } from "./schemas";
import { profileOf, withTopicAdmin, type ClusterRef } from "./topic-admin-session";

/** At most this many records per event; more in one batch are counted, not sent. */
export const MAX_RECORDS_PER_EVENT = 500;

export type TailInput = z.input<typeof tailInput>;

export function parsePositions(id: string | null | undefined): Map<number, number> | undefined {
  if (!id || !/^\d+:\d+(,\d+:\d+)*$/.test(id.trim())) return undefined;
  return new Map(
    id
      .trim()
      .split(",")
      .map((pair) => pair.split(":").map(Number) as [number, number]),
  );
}

export function formatPositions(positions: ReadonlyMap<number, number>): string {
  return [...positions]
    .sort((a, b) => a[0] - b[0])
    .map(([p, o]) => `${p}:${o}`)
    .join(",");
}

export interface FollowedBatch {
  partition: number;
  records: BrowsedRecord[];
  /** Records that matched but were not kept (past MAX_RECORDS_PER_EVENT in one batch). */
  dropped: number;
  highWatermark: number;
  positions: ReadonlyMap<number, number>;
}

export interface Follower {
  topic: string;
  /** Where each partition starts. */
  positions: ReadonlyMap<number, number>;
  stop(): Promise<void>;
}

/** Follows a topic from its end (or from `resumeFrom`), handing each batch's matching records on. */
export async function followTopic(
  topic: string,
  raw: TailInput,
  handlers: { onBatch(b: FollowedBatch): void; onError(message: string): void },
  options: { profile?: ClusterRef; resumeFrom?: ReadonlyMap<number, number> } = {},
): Promise<Follower> {
  const input = tailInput.parse(raw);
  const profile = await profileOf(options.profile ?? input.cluster);
  const partitions = await withTopicAdmin(profile, async (admin) => {
    const [described] = await admin.describeTopics([topic], []);
    return described.partitions;
  });
  const chosen = partitions.filter(
    (p) => input.partition === undefined || p.partition === input.partition,
  );
  if (chosen.length === 0)
    throw new Invalid(`Topic '${topic}' has no partition ${input.partition}.`);
  const view = await createRecordView(topic, input.key, input.value, input.filter);
  const client = await profileClient(profile, "consumer");
  const positions = new Map(
    chosen.map((p) => [p.partition, options.resumeFrom?.get(p.partition) ?? p.high]),
  );
  const start = new Map(positions);
  let stopped = false;
  const reader = new RecordReader({
    client,
    groupId: "tributary-console-tail",
    topics: [topic],
    startOffsets: new Map([...positions].map(([p, o]) => [tpKey(topic, p), o])),
    offsetReset: "latest",
    onBatch: async (batch) => {
      if (stopped) return;
      const records: BrowsedRecord[] = [];
      let matched = 0;
      try {
        for (const m of batch.messages) {
          const r = view.decode(toScannedRecord(batch.partition, m));
          if (!view.matches(r)) continue;
          matched++;
          records.push(r);
          if (records.length > MAX_RECORDS_PER_EVENT) records.shift();
        }
      } catch (e) {
        handlers.onError(e instanceof Error ? e.message : String(e));
        return;
      }
      positions.set(batch.partition, batch.nextOffset);
      handlers.onBatch({
        partition: batch.partition,
        records,
        dropped: matched - records.length,
        highWatermark: batch.highWatermark,
        positions,
      });
    },
    onSkipped: (_t, partition, next) => void positions.set(partition, next),
    onError: (e) => handlers.onError(e instanceof Error ? e.message : String(e)),
  });
  await reader.start();
  return {
    topic,
    positions: start,
    async stop() {
      stopped = true;
      view.close();
      await reader.stop();
    },
  };
}

export async function tailTopic(
  request: Request,
  topic: string,
  raw: TailInput,
): Promise<Response> {
  const resumeFrom = parsePositions(request.headers.get("last-event-id"));
  return sseResponse(request, async (sink) => {
    // Typed by the schemas the browser parses the events with.
    const send = <K extends TailEventName>(event: K, data: TailEvent<K>, id?: string) =>
      sink.sendEvent(event, data, id);
    const follower = await followTopic(
      topic,
      raw,
      {
        onBatch: (b) =>
          send(
            "records",
            {
              partition: b.partition,
              records: b.records,
              dropped: b.dropped,
              highWatermark: b.highWatermark,
            },
            formatPositions(b.positions),
          ),
        onError: (message) => send("error", { message }),
      },
      { resumeFrom },
    );
    send(
      "ready",
      { topic, positions: Object.fromEntries(follower.positions) },
      formatPositions(follower.positions),
    );
    return () => void follower.stop();
  });
}
