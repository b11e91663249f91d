/**
 * lib/kafka/kafkajs.ts loads kafkajs with Tributary's replacements in place: the consumer's batches
 * filter aborted transactions as the Java consumer does, and produce requests are encoded by
 * wire/produce-request.ts.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Kafka } from "./kafkajs";

const require = createRequire(import.meta.url);

describe("kafkajs as Tributary loads it", () => {
  it("is kafkajs", () => {
    expect(typeof new Kafka({ brokers: ["localhost:9"] }).producer).toBe("function");
  });

  it("filters aborted transactions in fetched batches by first offset, not by the broker's list order", () => {
    const Batch = require("kafkajs/src/consumer/batch.js");
    const message = (offset: number, producerId: string, control?: "abort") => ({
      offset: String(offset),
      key: control ? Buffer.from([0, 0, 0, 0]) : Buffer.from("k"),
      value: Buffer.from("v"),
      isControlRecord: !!control,
      batchContext: {
        producerId,
        inTransaction: true,
        firstOffset: String(offset),
        lastOffsetDelta: 0,
      },
    });
    const batch = new Batch("t", "0", {
      partition: 0,
      highWatermark: "6",
      abortedTransactions: [
        { producerId: "8", firstOffset: "1" },
        { producerId: "7", firstOffset: "0" },
      ],
      messages: [
        message(0, "7"),
        message(1, "8"),
        message(2, "8", "abort"),
        message(3, "7", "abort"),
      ],
    });
    expect(batch.messages).toEqual([]);
  });

  it("encodes produce requests with Tributary's encoder", async () => {
    const v7 = require("kafkajs/src/protocol/requests/produce/v7/request.js");
    const request = v7({
      acks: -1,
      timeout: 1000,
      compression: 0,
      topicData: [
        {
          topic: "t",
          partitions: [{ partition: 0, firstSequence: 0, messages: [{ value: "x" }] }],
        },
      ],
    });
    expect(request.apiVersion).toBe(7);
    expect(request.encode.toString()).toContain("encodeProduceRequest");
  });
});
