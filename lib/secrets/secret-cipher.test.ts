import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseKey, seal, unseal } from "./secret-cipher";

describe("secret cipher", () => {
  const key = randomBytes(32);

  it("round-trips a value and never stores it in the clear", () => {
    const sealed = seal("p@ss word ✓", key);
    expect(Buffer.from(sealed.ciphertext).toString("utf8")).not.toContain("p@ss");
    expect(unseal(sealed, key)).toBe("p@ss word ✓");
  });

  it("uses a fresh IV each time", () => {
    expect(Buffer.from(seal("x", key).iv)).not.toEqual(Buffer.from(seal("x", key).iv));
  });

  it("refuses tampered ciphertext or another key, without printing the value", () => {
    const sealed = seal("hunter2", key);
    const other = randomBytes(32);
    expect(() => unseal(sealed, other)).toThrow(/cannot be decrypted with the current key/);
    const tampered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext).fill(0) };
    expect(() => unseal(tampered, key)).toThrow(/cannot be decrypted/);
  });

  it("accepts 32-byte keys in hex or base64 only", () => {
    expect(parseKey("00".repeat(32))).toHaveLength(32);
    expect(parseKey(randomBytes(32).toString("base64"))).toHaveLength(32);
    expect(() => parseKey("short")).toThrow(/must be 32 bytes/);
  });
});
