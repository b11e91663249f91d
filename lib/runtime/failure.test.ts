import { describe, expect, it } from "vitest";
import { RecordError, SecretScrubber, toJobFailure } from "./failure";

const scrubber = new SecretScrubber();
scrubber.add("hunter2");

function kafkajsConnectionError(code: string): Error {
  const e = new Error(`Connection error: connect ${code} 10.0.0.9:9092`) as Error & {
    code: string;
  };
  e.name = "KafkaJSConnectionError";
  e.code = code;
  return e;
}

describe("toJobFailure", () => {
  it("links an unreachable broker to the diagnosis of its cluster", () => {
    const failure = toJobFailure(kafkajsConnectionError("ECONNREFUSED"), scrubber, "kafka:9092");
    expect(failure.hint).toEqual({ kind: "diagnose-kafka", bootstrapServers: "kafka:9092" });
    expect(failure.retriable).toBe(true);
  });

  it("links Kafka's own 'Timed out waiting for a node assignment'", () => {
    const failure = toJobFailure(
      new Error("Timed out waiting for a node assignment. Call: describeTopics"),
      scrubber,
      "k:9092",
    );
    expect(failure.hint?.kind).toBe("diagnose-kafka");
  });

  it("gives no diagnosis hint for failures the diagnosis does not explain", () => {
    const sasl = new Error("SASL PLAIN authentication failed: Authentication failed") as Error & {
      name: string;
    };
    sasl.name = "KafkaJSSASLAuthenticationError";
    expect(toJobFailure(sasl, scrubber, "k:9092").hint).toBeUndefined();
    const bad = new RecordError(
      "Could not parse the record",
      { topic: "t", partition: 1, offset: "42" },
      "bad csv",
    );
    const failure = toJobFailure(bad, scrubber, "k:9092");
    expect(failure.hint).toBeUndefined();
    expect(failure.retriable).toBe(false);
    expect(failure.message).toContain("topic 't', partition 1, offset 42");
  });

  it("never lets a secret through", () => {
    const failure = toJobFailure(new Error("login failed for password hunter2"), scrubber);
    expect(JSON.stringify(failure)).not.toContain("hunter2");
  });
});
