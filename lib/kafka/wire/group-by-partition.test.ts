import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { groupMessagesPerPartition } from "./group-by-partition";

const require = createRequire(import.meta.url);
const kafkajsGrouping = require("kafkajs/src/producer/groupMessagesPerPartition.js");

describe("grouping a request's messages per partition", () => {
  it("gives what kafkajs's own grouping gives: same partitions, same order", () => {
    expect(kafkajsGrouping.toString()).not.toContain("??="); // the reference is kafkajs's own
    const messages = Array.from({ length: 200 }, (_, i) => ({
      value: `v${i}`,
      partition: (i * 7) % 5,
    }));
    const input = {
      topic: "t",
      partitionMetadata: [{}, {}, {}, {}, {}],
      messages,
      partitioner: ({ message }: { message: { partition: number } }) => message.partition,
    };
    expect(groupMessagesPerPartition(input)).toEqual(kafkajsGrouping(input));
  });

  it("groups nothing for a topic without metadata, as kafkajs does", () => {
    expect(
      groupMessagesPerPartition({
        topic: "t",
        partitionMetadata: [],
        messages: [{ partition: 0 }],
        partitioner: () => 0,
      }),
    ).toEqual({});
  });
});
