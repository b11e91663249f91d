/**
 * A parallel source instance's Kafka reader, as Flink's KafkaSource reads: it fetches the
 * partitions it owns (Flink's getSplitOwner, computed by the caller) straight from their leaders,
 * from offsets it tracks itself, and never joins the consumer group — `group.id` only receives the
 * offsets a checkpoint commits. So the group has no members: no rebalances when instances start,
 * stop or move, nothing to wait out when a worker dies, and a group.id that another application
 * consumes with stays undisturbed.
 *
 * kafkajs's consumer can only fetch as a group member, so this uses kafkajs's cluster (brokers,
 * metadata, SASL/TLS connections) and its fetch request directly.
 */
import type { KafkaMessage } from "kafkajs";
import type { ClusterClient } from "./clients";
import { kafkajsInternals, type KafkaJsBatch, type KafkaJsCluster } from "./kafkajs";

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
  /** The next offset to read for each owned "topic-partition". */
  startOffsets: ReadonlyMap<string, number>;
  /**
   * Where a partition whose position left the log (deleted by retention) goes on: Flink sets the
   * consumer's auto.offset.reset from the startup mode's OffsetsInitializer; "none" fails.
   */
  offsetReset: "earliest" | "latest" | "none";
  /** Processes a batch; the reader advances past it once this resolves. */
  onBatch(batch: SourceRecordBatch): Promise<void>;
  onError(error: unknown): void;
  /** A fetch held only transaction markers or aborted records: the position moves past them. */
  onSkipped?(topic: string, partition: number, nextOffset: number): void;
  /** A position was out of range and was reset; fetching goes on once this resolves. */
  onReset?(topic: string, partition: number, from: number, to: number): Promise<void> | void;
}

export const tpKey = (topic: string, partition: number) => `${topic}-${partition}`;

function splitKey(key: string): { topic: string; partition: number } {
  const cut = key.lastIndexOf("-");
  return { topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)) };
}

/** Fetch errors after which fresh metadata (a moved leader, a new topic) lets the next fetch succeed. */
const STALE_METADATA = new Set([
  "LEADER_NOT_AVAILABLE",
  "NOT_LEADER_FOR_PARTITION",
  "NOT_LEADER_OR_FOLLOWER",
  "FENCED_LEADER_EPOCH",
  "UNKNOWN_LEADER_EPOCH",
  "UNKNOWN_TOPIC_OR_PARTITION",
  "REPLICA_NOT_AVAILABLE",
  "KAFKA_STORAGE_ERROR",
]);

interface KafkaJsError {
  name?: string;
  type?: string;
  retriable?: boolean;
  topic?: string;
  partition?: number;
  host?: string;
  port?: number;
}

/** Consecutive failed fetches before the reader gives up (backing off 0.1 s … 2 s: about 10 s). */
const FETCH_RETRIES = 8;

/** What one round of fetches returned, per partition. */
interface FetchRound {
  answers: Array<{
    key: string;
    topic: string;
    partition: number;
    fetchedOffset: number;
    batch: KafkaJsBatch;
    /** Where the partition goes on after this answer (nextOffsetAfter). */
    nextOffset: number;
  }>;
}

function sameOffsets(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, offset] of a) if (b.get(key) !== offset) return false;
  return true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RecordReader {
  /** The next offset to read per "topic-partition". */
  readonly positions: Map<string, number>;
  readonly highWatermarks = new Map<string, number>();
  private readonly cluster: KafkaJsCluster;
  private readonly paused = new Set<string>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  /** Consecutive failed fetches: backs off, and gives up past FETCH_RETRIES. */
  private failures = 0;
  private leaderlessRefreshAt = 0;

  constructor(private readonly options: RecordReaderOptions) {
    this.positions = new Map(options.startOffsets);
    const c = options.client.config.consumer!;
    this.cluster = kafkajsInternals.createCluster(options.client.kafka, {
      metadataMaxAge: c.metadataMaxAge,
      allowAutoTopicCreation: false,
      isolationLevel: c.readUncommitted ? 0 : 1,
    });
  }

  /** Connects and starts fetching; resolves once the cluster's metadata for the topics is known. */
  async start(): Promise<void> {
    await this.cluster.connect();
    await this.cluster.addMultipleTargetTopics([...this.options.topics]);
    this.loop = this.fetchLoop().catch((error) => {
      if (!this.stopped) this.options.onError(error);
    });
  }

  /** Stops fetching a partition (it reached its bounded end). */
  pause(topic: string, partition: number): void {
    this.paused.add(tpKey(topic, partition));
  }

  /**
   * Commits offsets to the group as Flink's KafkaSource does — outside any membership (generation
   * -1), which a group without members accepts.
   */
  async commit(offsets: ReadonlyMap<string, number>): Promise<void> {
    if (offsets.size === 0) return;
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const { topic, partition, offset } of toTopicPartitionOffsets(offsets)) {
      let list = byTopic.get(topic);
      if (!list) byTopic.set(topic, (list = []));
      list.push({ partition, offset });
    }
    const coordinator = await this.cluster.findGroupCoordinator({ groupId: this.options.groupId });
    await coordinator.offsetCommit({
      groupId: this.options.groupId,
      groupGenerationId: -1,
      memberId: "",
      retentionTime: -1,
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.cluster.disconnect().catch(() => {});
  }

  private async fetchLoop(): Promise<void> {
    const c = this.options.client.config.consumer!;
    /** The next round, asked for while the last one was being processed (the Java consumer prefetches too). */
    let ahead: { offsets: Map<string, number>; round: Promise<FetchRound | Error> } | undefined;
    while (!this.stopped) {
      const wanted = [...this.positions.keys()].filter((key) => !this.paused.has(key));
      if (wanted.length === 0) {
        ahead = undefined;
        await sleep(Math.min(c.maxWaitTimeInMs, 200));
        continue;
      }
      try {
        await this.cluster.refreshMetadataIfNecessary();
        const byLeader = this.partitionsByLeader(wanted);
        const led = [...byLeader.values()].reduce((n, keys) => n + keys.length, 0);
        if (led < wanted.length && Date.now() - this.leaderlessRefreshAt >= 1_000) {
          // A partition without a leader (one is being elected): ask again soon, not at metadata.max.age.
          this.leaderlessRefreshAt = Date.now();
          await this.cluster.refreshMetadata();
        }
        if (byLeader.size === 0) {
          await sleep(200);
          continue;
        }
        const offsets = new Map(
          [...byLeader.values()].flat().map((k) => [k, this.positions.get(k)!]),
        );
        // The prefetched round is good when it asked for exactly where the partitions are now.
        const prefetched =
          ahead && sameOffsets(ahead.offsets, offsets) ? await ahead.round : undefined;
        ahead = undefined;
        if (prefetched instanceof Error) throw prefetched;
        const round = prefetched ?? (await this.fetchRound(byLeader, offsets));
        const next = new Map(offsets);
        for (const answer of round.answers) next.set(answer.key, answer.nextOffset);
        if (!sameOffsets(next, offsets)) {
          ahead = { offsets: next, round: this.fetchRound(byLeader, next).catch((e: Error) => e) };
        }
        await this.deliver(round);
        this.failures = 0;
      } catch (error) {
        ahead = undefined;
        if (this.stopped) return;
        await this.recover(error as KafkaJsError);
      }
    }
  }

  private partitionsByLeader(keys: string[]): Map<string, string[]> {
    const byTopic = new Map<string, number[]>();
    for (const key of keys) {
      const { topic, partition } = splitKey(key);
      let list = byTopic.get(topic);
      if (!list) byTopic.set(topic, (list = []));
      list.push(partition);
    }
    const byLeader = new Map<string, string[]>();
    for (const [topic, partitions] of byTopic) {
      for (const [nodeId, led] of Object.entries(
        this.cluster.findLeaderForPartitions(topic, partitions),
      )) {
        let list = byLeader.get(nodeId);
        if (!list) byLeader.set(nodeId, (list = []));
        for (const partition of led) list.push(tpKey(topic, partition));
      }
    }
    return byLeader;
  }

  /** One fetch from each leader, from the given offsets. */
  private async fetchRound(
    byLeader: ReadonlyMap<string, string[]>,
    offsets: ReadonlyMap<string, number>,
  ): Promise<FetchRound> {
    const c = this.options.client.config.consumer!;
    const answers = await Promise.all(
      [...byLeader].map(async ([nodeId, keys]) => {
        const broker = await this.cluster.findBroker({ nodeId });
        const topics = new Map<
          string,
          Array<{ partition: number; fetchOffset: string; maxBytes: number }>
        >();
        for (const key of keys) {
          const { topic, partition } = splitKey(key);
          let list = topics.get(topic);
          if (!list) topics.set(topic, (list = []));
          list.push({
            partition,
            fetchOffset: String(offsets.get(key)),
            maxBytes: c.maxBytesPerPartition,
          });
        }
        const { responses } = await broker.fetch({
          replicaId: -1,
          isolationLevel: c.readUncommitted ? 0 : 1,
          maxWaitTime: c.maxWaitTimeInMs,
          minBytes: c.minBytes,
          maxBytes: c.maxBytes,
          topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })),
          ...(c.rackId ? { rackId: c.rackId } : {}),
        });
        return responses.flatMap(({ topicName, partitions }) =>
          partitions.map((data) => {
            const key = tpKey(topicName, data.partition);
            const fetchedOffset = offsets.get(key)!;
            const batch = new kafkajsInternals.Batch(topicName, String(fetchedOffset), data);
            return {
              key,
              topic: topicName,
              partition: data.partition,
              fetchedOffset,
              batch,
              nextOffset: nextOffsetAfter(batch.rawMessages, fetchedOffset),
            };
          }),
        );
      }),
    );
    return { answers: answers.flat() };
  }

  /** Hands a round's records on, partition by partition, and moves the positions past them. */
  private async deliver(round: FetchRound): Promise<void> {
    for (const { key, topic, partition, fetchedOffset, batch, nextOffset } of round.answers) {
      if (this.stopped) return;
      // A partition paused, or moved by a reset, since the request left: its answer is stale.
      if (this.paused.has(key) || this.positions.get(key) !== fetchedOffset) continue;
      this.highWatermarks.set(key, Number(batch.highWatermark));
      if (nextOffset === fetchedOffset) continue; // nothing new
      if (batch.messages.length > 0) {
        await this.options.onBatch({
          topic,
          partition,
          messages: batch.messages,
          highWatermark: Number(batch.highWatermark),
          nextOffset,
        });
        this.positions.set(key, nextOffset);
      } else {
        this.positions.set(key, nextOffset);
        this.options.onSkipped?.(topic, partition, nextOffset);
      }
    }
  }

  private async recover(error: KafkaJsError): Promise<void> {
    this.failures++;
    if (
      error.name === "KafkaJSOffsetOutOfRange" &&
      error.topic !== undefined &&
      error.partition !== undefined
    ) {
      await this.resetOffset(error.topic, error.partition);
      return;
    }
    const staleMetadata =
      STALE_METADATA.has(error.type ?? "") ||
      error.name === "KafkaJSTopicMetadataNotLoaded" ||
      error.name === "KafkaJSBrokerNotFound" ||
      error.name === "KafkaJSConnectionClosedError" ||
      error.name === "KafkaJSConnectionError" ||
      error.name === "KafkaJSRequestTimeoutError" ||
      error.name === "KafkaJSNumberOfRetriesExceeded" ||
      error.retriable === true;
    if (!staleMetadata || this.failures > FETCH_RETRIES) throw error;
    if (error.name === "KafkaJSConnectionClosedError" && error.host && error.port) {
      this.cluster.removeBroker({ host: error.host, port: error.port });
    }
    await sleep(Math.min(100 * 2 ** (this.failures - 1), 2_000));
    await this.cluster.refreshMetadata().catch(() => {});
  }

  /** A position out of the log's range (retention deleted it): to the log's start or end, or fail. */
  private async resetOffset(topic: string, partition: number): Promise<void> {
    const key = tpKey(topic, partition);
    const from = this.positions.get(key)!;
    if (this.options.offsetReset === "none") {
      throw new Error(
        `Offset ${from} of ${key} is out of range (the broker no longer has it, or never had it), and there is no reset policy; set 'properties.auto.offset.reset' to 'earliest' or 'latest'.`,
      );
    }
    const [found] = await this.cluster.fetchTopicsOffset([
      {
        topic,
        partitions: [{ partition }],
        fromBeginning: this.options.offsetReset === "earliest",
      },
    ]);
    const to = Number(found?.partitions.find((p) => p.partition === partition)?.offset ?? from);
    await this.options.onReset?.(topic, partition, from, to);
    this.positions.set(key, to);
  }
}

export function toTopicPartitionOffsets(offsets: ReadonlyMap<string, number>) {
  const out: Array<{ topic: string; partition: number; offset: string }> = [];
  for (const [key, offset] of offsets) out.push({ ...splitKey(key), offset: String(offset) });
  return out;
}

/**
 * The offset after what a fetch returned, as the Java consumer moves on: past the last record batch
 * it saw, control batches and records of aborted transactions included (those are filtered out of
 * `messages` but still advance the position). kafkajs gives each record its batch's first offset
 * and last-offset delta.
 */
export function nextOffsetAfter(
  seen: ReadonlyArray<{
    offset: string;
    batchContext?: { firstOffset: string; lastOffsetDelta: number };
  }>,
  fetchedOffset: number,
): number {
  let next = fetchedOffset;
  for (const m of seen) {
    const ctx = m.batchContext;
    const end = ctx ? Number(ctx.firstOffset) + ctx.lastOffsetDelta + 1 : Number(m.offset) + 1;
    if (end > next) next = end;
  }
  return next;
}
