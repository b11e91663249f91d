import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("are hashed with argon2id, salted, and verified", async () => {
    const a = await hashPassword("correct-horse-battery");
    const b = await hashPassword("correct-horse-battery");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct-horse");
    expect(await verifyPassword(a, "correct-horse-battery")).toBe(true);
    expect(await verifyPassword(a, "correct-horse-batterY")).toBe(false);
  });

  it("refuse short passwords, naming the rule, and never match a missing hash", async () => {
    await expect(hashPassword("short")).rejects.toThrow("at least 10 characters");
    expect(await verifyPassword(null, "anything-at-all")).toBe(false);
    expect(await verifyPassword("not a hash", "anything-at-all")).toBe(false);
  });
});
