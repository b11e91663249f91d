import { describe, expect, it } from "vitest";
import { isClientNoise, isGroupRebalance } from "./clients";

describe("isClientNoise", () => {
  it("drops kafkajs notes and retriable responses that it retries anyway", () => {
    expect(
      isClientNoise(
        "KafkaJS v2.0.0 switched default partitioner. To retain the same partitioning behavior",
      ),
    ).toBe(true);
    expect(
      isClientNoise("Limiting retries for the idempotent producer may invalidate EoS guarantees"),
    ).toBe(true);
    expect(
      isClientNoise(
        "Response InitProducerId(key: 22, version: 1) (The coordinator is loading and hence can't process requests for this group)",
      ),
    ).toBe(true);
    expect(
      isClientNoise(
        "Response GroupCoordinator(key: 10, version: 2) (The group coordinator is not available)",
      ),
    ).toBe(true);
  });

  it("keeps real failures", () => {
    expect(isClientNoise("Connection error: connect ECONNREFUSED 127.0.0.1:9092")).toBe(false);
    expect(
      isClientNoise("Response SaslAuthenticate(key: 36, version: 1) (Authentication failed)"),
    ).toBe(false);
    expect(
      isClientNoise(
        "Response Produce(key: 0, version: 7) (The request included a message larger than the max message size the server will accept)",
      ),
    ).toBe(false);
  });
});

describe("isGroupRebalance", () => {
  it("recognises the rebalancing responses kafkajs logs at ERROR and retries", () => {
    expect(
      isGroupRebalance(
        "Response SyncGroup(key: 14, version: 3) (The group is rebalancing, so a rejoin is needed)",
      ),
    ).toBe(true);
    expect(
      isGroupRebalance(
        "The group is rebalancing, re-joining (The group is rebalancing, so a rejoin is needed)",
      ),
    ).toBe(true);
    expect(
      isGroupRebalance(
        "Response Heartbeat(key: 12, version: 3) (The coordinator is not aware of this member)",
      ),
    ).toBe(true);
    expect(
      isGroupRebalance("Response SaslAuthenticate(key: 36, version: 1) (Authentication failed)"),
    ).toBe(false);
  });
});
