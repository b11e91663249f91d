/**
 * Encryption of secret values at rest (AES-256-GCM). The key comes from TRIBUTARY_SECRET_KEY
 * (32 bytes, base64 or hex) or, for the embedded default, from a key file created once under the
 * data directory with owner-only permissions.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

export interface SealedSecret {
  ciphertext: Uint8Array;
  iv: Uint8Array;
  authTag: Uint8Array;
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error("TRIBUTARY_SECRET_KEY must be 32 bytes, written as 64 hex digits or base64.");
  }
  return key;
}

let cachedKey: Buffer | undefined;

export function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.TRIBUTARY_SECRET_KEY;
  if (fromEnv && fromEnv.trim() !== "") return (cachedKey = parseKey(fromEnv));
  const file = path.join(config.dataDir(), "secret.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  return (cachedKey = parseKey(readFileSync(file, "utf8")));
}

export function seal(value: string, key: Buffer = secretKey()): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return { ciphertext, iv, authTag: cipher.getAuthTag() };
}

export function unseal(sealed: SealedSecret, key: Buffer = secretKey()): string {
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv);
  decipher.setAuthTag(sealed.authTag);
  try {
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      "A stored secret cannot be decrypted with the current key; TRIBUTARY_SECRET_KEY (or .data/secret.key) changed since it was saved.",
    );
  }
}
