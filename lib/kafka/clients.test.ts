import { describe, expect, it } from "vitest";
import { clientLogLevel, isClientNoise, isGroupRebalance } from "./clients";

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

describe("clientLogLevel", () => {
  const concurrent =
    "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing";
  it("keeps kafkajs's retries of CONCURRENT_TRANSACTIONS at DEBUG, however kafkajs words them", () => {
    expect(clientLogLevel(`Failed to send messages: ${concurrent}`, "ERROR")).toBe("DEBUG");
    expect(clientLogLevel(concurrent, "ERROR")).toBe("DEBUG");
    expect(
      clientLogLevel(`Response AddPartitionsToTxn(key: 24, version: 1) (${concurrent})`, "ERROR"),
    ).toBe("DEBUG");
  });
  it("leaves real errors at their level, rebalances at INFO and noise out", () => {
    expect(clientLogLevel("Connection error: connect ECONNREFUSED 127.0.0.1:9092", "ERROR")).toBe(
      "ERROR",
    );
    expect(
      clientLogLevel(
        "Response JoinGroup(key: 11, version: 5) (The group is rebalancing, so a rejoin is needed)",
        "ERROR",
      ),
    ).toBe("INFO");
    expect(
      clientLogLevel(
        "Limiting retries for the idempotent producer may invalidate EoS guarantees",
        "WARN",
      ),
    ).toBeUndefined();
  });
});
