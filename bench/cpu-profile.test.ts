import { describe, expect, it } from "vitest";
import { hotSpots, type CpuProfile } from "./cpu-profile";

describe("hotSpots", () => {
  it("ranks self time by function and by file, shortening paths to the repository's", () => {
    const frame = (functionName: string, url: string, lineNumber = 0) => ({
      functionName,
      url,
      lineNumber,
    });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("encode", "file:///repo/lib/kafka/wire/encode.ts", 9) },
        {
          id: 3,
          callFrame: frame("decode", "file:///repo/node_modules/kafkajs/src/decoder.js", 41),
        },
        { id: 4, callFrame: frame("", "file:///repo/lib/kafka/wire/encode.ts", 99) },
      ],
      samples: [2, 2, 2, 3, 4, 1, 2, 3, 4, 2],
      timeDeltas: [],
    };
    const { functions, files } = hotSpots(profile, 3);
    expect(functions).toEqual([
      { name: "encode lib/kafka/wire/encode.ts:10", percent: 50 },
      { name: "decode node_modules/kafkajs/src/decoder.js:42", percent: 20 },
      { name: "(anonymous) lib/kafka/wire/encode.ts:100", percent: 20 },
    ]);
    expect(files[0]).toEqual({ name: "lib/kafka/wire/encode.ts", percent: 70 });
    expect(files).toContainEqual({ name: "(native)", percent: 10 });
  });
});
