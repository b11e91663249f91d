import { describe, expect, it } from "vitest";
import { PASSWORD_MIN_LENGTH, passwordProblem } from "./password-policy";
import { hashPassword } from "./passwords";

describe("password policy", () => {
  it("refuses short, overlong, one-character and email passwords, with a reason", () => {
    expect(passwordProblem("short")).toContain(`at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(passwordProblem("x".repeat(257))).toContain("at most 256");
    expect(passwordProblem("aaaaaaaaaaaa")).toContain("one character repeated");
    expect(passwordProblem("Someone@Example.com", "someone@example.com")).toContain("email");
    expect(passwordProblem("someone-long", "someone-long@example.com")).toContain("email");
    expect(passwordProblem("correct-horse-battery", "someone@example.com")).toBeNull();
    // Characters, not UTF-16 units: ten emoji are ten characters.
    expect(passwordProblem("🐴🔋📎🐴🔋📎🐴🔋📎🐴")).toBeNull();
  });

  it("is what hashing a new password applies", async () => {
    await expect(hashPassword("bob@example.com", "bob@example.com")).rejects.toThrow("email");
  });
});
