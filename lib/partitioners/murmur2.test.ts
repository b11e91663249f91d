import { describe, expect, it } from "vitest";
import { murmur2, partitionForKey, toPositive } from "./murmur2";

const utf8 = (s: string) => new TextEncoder().encode(s);

// Expected values printed by Kafka's own Utils.murmur2 / BuiltInPartitioner.partitionForKey
// (kafka-clients 4.4.0, testing/Murmur.java); the integration test compares hundreds more.
describe("murmur2", () => {
  it.each([
    ["", 275646681, 1, 2],
    ["a", -1563381124, 0, 5],
    ["ab", 316155434, 2, 0],
    ["abc", 479470107, 3, 4],
    ["abcd", -1323649548, 0, 5],
    ["hello", 2132663229, 1, 4],
    ["é€", 1912689889, 1, 5],
  ])("hashes %j as Kafka does", (key, hash, p4, p7) => {
    expect(murmur2(utf8(key))).toBe(hash);
    expect(partitionForKey(utf8(key), 4)).toBe(p4);
    expect(partitionForKey(utf8(key), 7)).toBe(p7);
  });

  it("treats bytes as unsigned (0xff, 0x80) like Java's & 0xff", () => {
    const key = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x80);
    expect(murmur2(key)).toBe(-1702406959);
    expect(partitionForKey(key, 4)).toBe(1);
  });
});

describe("toPositive", () => {
  it("clears the sign bit rather than negating", () => {
    expect(toPositive(-1)).toBe(2147483647);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1563381124)).toBe(584102524);
    expect(toPositive(2147483647)).toBe(2147483647);
  });
});
