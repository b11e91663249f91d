/**
 * Topic sizes on disk from DescribeLogDirs (wire/describe-log-dirs.ts), which kafkajs lacks. Each
 * broker reports only the replicas it hosts, so the request goes to every broker holding a
 * replica of the topics asked about, over kafkajs's own broker connections (its SASL and TLS).
 */
import type { ClusterClient } from "./clients";
import { kafkajsInternals } from "./kafkajs";
import {
  describeLogDirsProtocolRequest,
  type DescribeLogDirsResponse,
  type LogDirsRequestTopic,
} from "./wire/describe-log-dirs";

export interface TopicSize {
  /** Bytes of the leader replicas' logs: the topic's data once. */
  leaderBytes: number;
  /** Bytes of every replica's log on every broker (leaderBytes × replication, roughly). */
  replicaBytes: number;
}

export interface PartitionPlacement {
  partition: number;
  leader: number;
  replicas: readonly number[];
}

interface BrokerWithPool {
  connectionPool: { send(request: unknown): Promise<DescribeLogDirsResponse> };
}

/**
 * Sizes of the given topics, or an empty map when a broker refuses or does not answer (a listing
 * never fails because of its sizes). Future replicas (moves between log dirs) are not counted.
 */
export async function topicSizes(
  client: ClusterClient,
  topics: ReadonlyArray<{ name: string; partitions: readonly PartitionPlacement[] }>,
): Promise<Map<string, TopicSize>> {
  const perBroker = new Map<number, Map<string, number[]>>();
  for (const t of topics)
    for (const p of t.partitions)
      for (const replica of p.replicas) {
        const asked = perBroker.get(replica) ?? new Map<string, number[]>();
        perBroker.set(replica, asked);
        asked.set(t.name, [...(asked.get(t.name) ?? []), p.partition]);
      }
  const leaders = new Map<string, number>();
  for (const t of topics)
    for (const p of t.partitions) leaders.set(`${t.name}\0${p.partition}`, p.leader);
  const sizes = new Map<string, TopicSize>(
    topics.map((t) => [t.name, { leaderBytes: 0, replicaBytes: 0 }]),
  );
  if (perBroker.size === 0) return sizes;

  const cluster = kafkajsInternals.createCluster(client.kafka, {
    metadataMaxAge: 300_000,
    allowAutoTopicCreation: false,
    isolationLevel: 1,
  });
  try {
    await cluster.connect();
    // The brokers' addresses come with the metadata; findBroker knows only those it has seen.
    await cluster.refreshMetadata();
    const answers = await Promise.all(
      [...perBroker].map(async ([nodeId, asked]) => {
        const broker = (await cluster.findBroker({
          nodeId: String(nodeId),
        })) as unknown as BrokerWithPool;
        const request: LogDirsRequestTopic[] = [...asked].map(([topic, partitions]) => ({
          topic,
          partitions,
        }));
        return {
          nodeId,
          response: await broker.connectionPool.send(describeLogDirsProtocolRequest(request)),
        };
      }),
    );
    for (const { nodeId, response } of answers)
      for (const dir of response.results) {
        if (dir.errorCode !== 0) continue;
        for (const t of dir.topics) {
          const size = sizes.get(t.topic);
          if (!size) continue;
          for (const p of t.partitions) {
            if (p.isFuture) continue;
            size.replicaBytes += p.size;
            if (leaders.get(`${t.topic}\0${p.partition}`) === nodeId) size.leaderBytes += p.size;
          }
        }
      }
    return sizes;
  } catch {
    // No DescribeLogDirs permission (CLUSTER_AUTHORIZATION_FAILED) or a broker away: no sizes.
    return new Map();
  } finally {
    await cluster.disconnect().catch(() => {});
  }
}
