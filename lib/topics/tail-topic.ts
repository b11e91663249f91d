/**
 * The live tail of a topic as server-sent events: `ready` with the partitions' start positions,
 * then `records` with each fetched batch's records that pass the filter (decoded as asked). The
 * event id is the positions (`0:120,1:98`), so a reconnect with Last-Event-ID goes on from there
 * instead of skipping or repeating. Reads without a group; commits nothing.
 */
import { z } from "zod";
import { ApiError } from "@/lib/api/problem";
import { profileClient } from "@/lib/clusters/cluster-connection";
import { resolveClusterProfile } from "@/lib/clusters/cluster-profiles";
import { sseResponse } from "@/lib/events/sse-response";
import { toScannedRecord } from "@/lib/kafka/partition-scan";
import { RecordReader, tpKey } from "@/lib/kafka/record-reader";
import { createRecordView, type BrowsedRecord } from "./browse-messages";
import { decodeSpec } from "./message-decoding";
import { messageFilter } from "./message-filter";
import { withTopicAdmin } from "./topic-admin-session";

/** At most this many records per event; more in one batch are counted, not sent. */
export const MAX_RECORDS_PER_EVENT = 500;

export const tailInput = z.object({
  cluster: z.string().min(1).optional(),
  partition: z.number().int().min(0).optional(),
  key: decodeSpec.default({ format: "none" }),
  value: decodeSpec.default({ format: "none" }),
  filter: messageFilter.optional(),
});
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

export async function tailTopic(
  request: Request,
  topic: string,
  raw: TailInput,
): Promise<Response> {
  const input = tailInput.parse(raw);
  const resumeFrom = parsePositions(request.headers.get("last-event-id"));
  const partitions = await withTopicAdmin(input.cluster, async (admin) => {
    const [described] = await admin.describeTopics([topic], []);
    return described.partitions;
  });
  const chosen = partitions.filter(
    (p) => input.partition === undefined || p.partition === input.partition,
  );
  if (chosen.length === 0)
    throw new ApiError(422, `Topic '${topic}' has no partition ${input.partition}.`);
  const view = await createRecordView(topic, input.key, input.value, input.filter);
  const client = await profileClient(await resolveClusterProfile(input.cluster), "consumer");
  const positions = new Map(
    chosen.map((p) => [p.partition, resumeFrom?.get(p.partition) ?? p.high]),
  );

  return sseResponse(request, async (sink) => {
    sink.sendEvent(
      "ready",
      { topic, positions: Object.fromEntries(positions) },
      formatPositions(positions),
    );
    const reader = new RecordReader({
      client,
      groupId: "tributary-console-tail",
      topics: [topic],
      startOffsets: new Map([...positions].map(([p, o]) => [tpKey(topic, p), o])),
      offsetReset: "latest",
      onBatch: async (batch) => {
        if (sink.closed) return;
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
          sink.sendEvent("error", { message: e instanceof Error ? e.message : String(e) });
          return;
        }
        positions.set(batch.partition, batch.nextOffset);
        sink.sendEvent(
          "records",
          {
            partition: batch.partition,
            records,
            dropped: matched - records.length,
            highWatermark: batch.highWatermark,
          },
          formatPositions(positions),
        );
      },
      onSkipped: (_t, partition, next) => void positions.set(partition, next),
      onError: (e) =>
        sink.sendEvent("error", { message: e instanceof Error ? e.message : String(e) }),
    });
    await reader.start();
    return () => {
      view.close();
      void reader.stop();
    };
  });
}
