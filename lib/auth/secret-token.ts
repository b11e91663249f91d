import { createHash, randomBytes } from "node:crypto";

/**
 * Bearer secrets (session cookies, API tokens, setup links): 32 random bytes, base64url, with a
 * prefix that says what they are. Only their SHA-256 is stored — enough for a secret with 256 bits
 * of entropy, and a lookup by hash takes the same time whether or not a row matches.
 */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
