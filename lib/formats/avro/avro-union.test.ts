/** Union branches: the binary and JSON encodings pick the same one — the first the value fits. */
import { describe, expect, it } from "vitest";
import { AvroWriter, type AvroDatum } from "./avro-binary";
import { writeAvroJson } from "./avro-json";
import type { AvroSchema } from "./avro-schema";
import { unionBranchIndex } from "./avro-union";

const binaryBranch = (schema: AvroSchema[], v: AvroDatum) => {
  const w = new AvroWriter();
  w.datum(schema, v);
  return w.bytes()[0] >> 1; // the branch index, zigzag-encoded, comes first
};

describe("union branch choice", () => {
  const map: AvroSchema = { type: "map", values: "int" };
  const record: AvroSchema = { type: "record", name: "r", fields: [{ name: "a", type: "int" }] };
  const cases: Array<{ union: AvroSchema[]; value: AvroDatum; index: number; json: string }> = [
    { union: ["null", "string"], value: null, index: 0, json: "null" },
    { union: ["null", "string"], value: "x", index: 1, json: '{"string":"x"}' },
    { union: ["null", "string", "long"], value: 5n, index: 2, json: '{"long":5}' },
    { union: ["null", map], value: { map: [["k", 1]] }, index: 1, json: '{"map":{"k":1}}' },
    { union: ["null", record], value: { a: 1 }, index: 1, json: '{"r":{"a":1}}' },
    {
      union: ["null", { type: "array", items: "int" }],
      value: [1],
      index: 1,
      json: '{"array":[1]}',
    },
    { union: ["null", "bytes"], value: new Uint8Array([65]), index: 1, json: '{"bytes":"A"}' },
  ];

  it.each(cases)("$json", ({ union, value, index, json }) => {
    expect(unionBranchIndex(union, value)).toBe(index);
    expect(binaryBranch(union, value)).toBe(index);
    expect(writeAvroJson(union, value)).toBe(json);
  });

  it("refuses a value that fits no branch, in both encodings", () => {
    expect(unionBranchIndex(["null", "string"], 1)).toBe(-1);
    expect(() => binaryBranch(["null", "string"], 1)).toThrow(/Not in union/);
    expect(() => writeAvroJson(["null", "string"], 1)).toThrow(/Not in union/);
  });
});
