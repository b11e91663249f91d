import { describe, expect, it } from "vitest";
import { javaStringHashCode, splitOwner } from "./split-owner";

describe("splitOwner (KafkaSourceEnumerator#getSplitOwner)", () => {
  it("hashes like java.lang.String#hashCode, overflow included", () => {
    expect(javaStringHashCode("")).toBe(0);
    expect(javaStringHashCode("a")).toBe(97);
    expect(javaStringHashCode("orders")).toBe(-1008770331);
    expect(javaStringHashCode("polygenelubricants")).toBe(-2147483648);
  });

  it("starts at ((hash * 31) & 0x7FFFFFFF) % readers and goes round-robin by partition", () => {
    // "orders" (values from Java): (-1008770331 * 31) & 0x7FFFFFFF = 940374459; % 3 = 0.
    expect([0, 1, 2, 3, 4].map((p) => splitOwner("orders", p, 3))).toEqual([0, 1, 2, 0, 1]);
    // "a": 97 * 31 = 3007; 3007 % 4 = 3.
    expect([0, 1, 2, 3].map((p) => splitOwner("a", p, 4))).toEqual([3, 0, 1, 2]);
    expect(splitOwner("anything", 7, 1)).toBe(0);
  });
});
