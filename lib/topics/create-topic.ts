import type { CreateTopicInput } from "./schemas";
import { withTopicAdmin, type ClusterRef } from "./topic-admin-session";

export interface CreatedTopic {
  cluster: { id: string; name: string };
  name: string;
  partitions: number;
  replicationFactor: number;
  config: Record<string, string>;
}

/** Creates a topic on a cluster profile (the default one when none is named). */
export async function createTopic(
  input: CreateTopicInput,
  profile?: ClusterRef,
): Promise<CreatedTopic> {
  return withTopicAdmin(profile ?? input.cluster, async (admin, profile) => {
    await admin.createTopic({
      name: input.name,
      partitions: input.partitions,
      replicationFactor: input.replicationFactor,
      configs: input.config,
    });
    const [described] = await admin.describeTopics([input.name]);
    return {
      cluster: { id: profile.id, name: profile.name },
      name: input.name,
      partitions: described?.partitions.length ?? input.partitions,
      replicationFactor: described?.replicationFactor ?? input.replicationFactor ?? 0,
      config: described?.configs ?? {},
    };
  });
}
