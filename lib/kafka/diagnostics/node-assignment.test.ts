import { describe, expect, it } from "vitest";
import { diagnosisHint, isNodeAssignmentTimeout } from "./node-assignment";

function kafkajsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const e = new Error(message);
  e.name = name;
  return Object.assign(e, extra);
}

describe("isNodeAssignmentTimeout", () => {
  it("recognises the Java client's message, bare, in a cause chain, or in a stored failure", () => {
    const java =
      "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeTopics";
    expect(isNodeAssignmentTimeout(java)).toBe(true);
    expect(isNodeAssignmentTimeout(new Error(java))).toBe(true);
    expect(
      isNodeAssignmentTimeout(
        new Error("Failed to create the Kafka sink", { cause: new Error(java) }),
      ),
    ).toBe(true);
    expect(
      isNodeAssignmentTimeout({
        message: "Job failed",
        causes: ["Failed to create the Kafka sink", java],
      }),
    ).toBe(true);
  });

  it("recognises kafkajs's way of failing to reach a broker", () => {
    const refused = kafkajsError(
      "KafkaJSConnectionError",
      "Connection error: connect ECONNREFUSED 127.0.0.1:35405",
      { code: "ECONNREFUSED" },
    );
    expect(
      isNodeAssignmentTimeout(
        kafkajsError("KafkaJSNumberOfRetriesExceeded", refused.message, { cause: refused }),
      ),
    ).toBe(true);
    expect(
      isNodeAssignmentTimeout(
        kafkajsError("KafkaJSConnectionError", "Connection timeout", { broker: "10.0.0.5:9092" }),
      ),
    ).toBe(true);
    expect(
      isNodeAssignmentTimeout(
        kafkajsError(
          "KafkaJSConnectionError",
          "Connection error: getaddrinfo ENOTFOUND b1.internal",
          { code: "ENOTFOUND" },
        ),
      ),
    ).toBe(true);
  });

  it("leaves other failures alone", () => {
    expect(
      isNodeAssignmentTimeout(
        kafkajsError("KafkaJSSASLAuthenticationError", "SASL PLAIN authentication failed"),
      ),
    ).toBe(false);
    expect(
      isNodeAssignmentTimeout(
        kafkajsError("KafkaJSConnectionError", "Connection error: read ECONNRESET", {
          code: "ECONNRESET",
        }),
      ),
    ).toBe(false);
    expect(isNodeAssignmentTimeout(new Error("Topic orders not present in metadata"))).toBe(false);
    expect(isNodeAssignmentTimeout({ message: "Job failed", causes: ["bad record"] })).toBe(false);
    expect(isNodeAssignmentTimeout(undefined)).toBe(false);
    expect(isNodeAssignmentTimeout(null)).toBe(false);
  });
});

describe("diagnosisHint", () => {
  it("is the JobFailure hint for node-assignment failures and nothing for others", () => {
    expect(
      diagnosisHint(
        new Error("Timed out waiting for a node assignment. Call: listOffsets"),
        "k1:9092,k2:9092",
      ),
    ).toEqual({
      kind: "diagnose-kafka",
      bootstrapServers: "k1:9092,k2:9092",
    });
    expect(diagnosisHint(new Error("Invalid record"), "k1:9092")).toBeUndefined();
  });
});
