/**
 * A parallel source instance's Kafka consumer. Flink's KafkaSource assigns partitions itself
 * (getSplitOwner) and only uses the group to commit offsets; kafkajs can only fetch as a group
 * member, so every instance joins the group with an assigner that hands out exactly Flink's split
 * ownership (the instance index travels in the member metadata). Offsets are tracked here and
 * re-applied after every (re)join, so a rebalance never rewinds to the group's committed offsets.
 */
import type { Consumer, KafkaMessage, PartitionAssigner } from "kafkajs";
import { AssignerProtocol } from "./kafkajs";
import type { ClusterClient } from "./clients";
import { splitOwner } from "./split-owner";

export interface SourceRecordBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  /** The partition's high watermark at fetch time (for lag). */
  highWatermark: number;
  /** The offset after this batch, past any transaction markers it ends with. */
  nextOffset: number;
}

export interface RecordReaderOptions {
  client: ClusterClient;
  groupId: string;
  topics: readonly string[];
  instance: number;
  parallelism: number;
  /** The next offset to read for each owned "topic-partition". */
  startOffsets: ReadonlyMap<string, number>;
  /** Processes a batch; the reader advances past it once this resolves. */
  onBatch(batch: SourceRecordBatch): Promise<void>;
  onError(error: unknown): void;
  /** A fetch held only transaction markers or aborted records: the position moves past them. */
  onSkipped?(topic: string, partition: number, nextOffset: number): void;
}

const ASSIGNER_NAME = "TributaryFlinkSplitOwner";

export const tpKey = (topic: string, partition: number) => `${topic}-${partition}`;

export class RecordReader {
  /** The next offset to read per "topic-partition". */
  readonly positions: Map<string, number>;
  readonly highWatermarks = new Map<string, number>();
  private consumer: Consumer | undefined;
  private readonly paused = new Set<string>();
  private stopped = false;

  constructor(private readonly options: RecordReaderOptions) {
    this.positions = new Map(options.startOffsets);
  }

  async start(): Promise<void> {
    const { client, groupId, instance, parallelism, topics } = this.options;
    const c = client.config.consumer!;
    const consumer = client.kafka.consumer({
      groupId,
      partitionAssigners: [flinkSplitAssigner(instance, parallelism)],
      sessionTimeout: c.sessionTimeout,
      heartbeatInterval: c.heartbeatInterval,
      rebalanceTimeout: Math.min(c.rebalanceTimeout, 60_000),
      maxBytes: c.maxBytes,
      maxBytesPerPartition: c.maxBytesPerPartition,
      minBytes: c.minBytes,
      maxWaitTimeInMs: c.maxWaitTimeInMs,
      readUncommitted: c.readUncommitted,
      allowAutoTopicCreation: false,
      metadataMaxAge: c.metadataMaxAge,
      ...(c.rackId ? { rackId: c.rackId } : {}),
      retry: { retries: 5, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      // Synchronous, before kafkajs's first fetch of the new generation.
      for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
        for (const partition of partitions) {
          const key = tpKey(topic, partition);
          const position = this.positions.get(key);
          if (position !== undefined) consumer.seek({ topic, partition, offset: String(position) });
          if (this.paused.has(key)) consumer.pause([{ topic, partitions: [partition] }]);
        }
      }
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
      const { topic, partition, lastOffset, batchSize } = event.payload;
      if (batchSize !== 0 || this.stopped) return;
      const key = tpKey(topic, partition);
      const next = Number(lastOffset) + 1;
      if (next > (this.positions.get(key) ?? -1)) {
        this.positions.set(key, next);
        this.options.onSkipped?.(topic, partition, next);
      }
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!this.stopped) this.options.onError(event.payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch, isStale }) => {
        if (this.stopped || isStale()) return;
        const key = tpKey(batch.topic, batch.partition);
        if (this.paused.has(key)) return;
        const position = this.positions.get(key);
        let messages = batch.messages;
        // A fetch that raced a seek may return records before our position: never re-emit them.
        if (
          position !== undefined &&
          messages.length > 0 &&
          Number(messages[0].offset) < position
        ) {
          messages = messages.filter((m) => Number(m.offset) >= position);
        }
        const highWatermark = Number(batch.highWatermark);
        this.highWatermarks.set(key, highWatermark);
        const nextOffset = Number(batch.lastOffset()) + 1;
        if (messages.length === 0) return;
        await this.options.onBatch({
          topic: batch.topic,
          partition: batch.partition,
          messages,
          highWatermark,
          nextOffset,
        });
        this.positions.set(key, nextOffset);
      },
    });
  }

  /** Stops fetching a partition (it reached its bounded end). */
  pause(topic: string, partition: number): void {
    this.paused.add(tpKey(topic, partition));
    this.consumer?.pause([{ topic, partitions: [partition] }]);
  }

  /** Commits offsets to the group as a member (at-least-once checkpoints). */
  async commit(offsets: ReadonlyMap<string, number>): Promise<void> {
    if (!this.consumer || offsets.size === 0) return;
    await this.consumer.commitOffsets(toTopicPartitionOffsets(offsets));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => {});
  }
}

export function toTopicPartitionOffsets(offsets: ReadonlyMap<string, number>) {
  const out: Array<{ topic: string; partition: number; offset: string }> = [];
  for (const [key, offset] of offsets) {
    const cut = key.lastIndexOf("-");
    out.push({
      topic: key.slice(0, cut),
      partition: Number(key.slice(cut + 1)),
      offset: String(offset),
    });
  }
  return out;
}

/** kafkajs assigner that gives each member the partitions Flink's enumerator gives its instance. */
function flinkSplitAssigner(instance: number, parallelism: number): PartitionAssigner {
  return ({ cluster }) => ({
    name: ASSIGNER_NAME,
    version: 1,
    async assign({ members, topics }) {
      const byInstance = new Map<number, string>();
      for (const member of [...members].sort((a, b) => a.memberId.localeCompare(b.memberId))) {
        const meta = AssignerProtocol.MemberMetadata.decode(member.memberMetadata);
        const info = meta?.userData?.length
          ? (JSON.parse(meta.userData.toString()) as { instance: number })
          : undefined;
        if (info && !byInstance.has(info.instance)) byInstance.set(info.instance, member.memberId);
      }
      const assignment = new Map<string, Record<string, number[]>>(
        members.map((m) => [m.memberId, {}]),
      );
      for (const topic of topics) {
        for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
          const owner = byInstance.get(splitOwner(topic, partitionId, parallelism));
          if (owner === undefined) continue; // its instance runs elsewhere and has not joined yet
          const forMember = assignment.get(owner)!;
          (forMember[topic] ??= []).push(partitionId);
        }
      }
      return [...assignment].map(([memberId, topicPartitions]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: topicPartitions,
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: ASSIGNER_NAME,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: Buffer.from(JSON.stringify({ instance, parallelism })),
        }),
      };
    },
  });
}
