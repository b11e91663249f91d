import { hash, verify } from "@node-rs/argon2";
import { ApiError } from "@/lib/api/problem";

/**
 * Passwords are hashed with argon2id (@node-rs/argon2: Rust's argon2 crate with prebuilt binaries
 * shipped as npm packages, so it installs offline without a compiler). Parameters are OWASP's
 * minimum for argon2id (19 MiB, 2 passes); the hash string records them, so raising them later
 * still verifies old hashes.
 */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 256;

export function checkPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ApiError(400, `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`, [
      { path: "password", message: `at least ${PASSWORD_MIN_LENGTH} characters` },
    ]);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new ApiError(400, `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`, [
      { path: "password", message: `at most ${PASSWORD_MAX_LENGTH} characters` },
    ]);
  }
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return hash(password, OPTIONS);
}

// Verified against when the account does not exist, so that a wrong email takes as long as a
// wrong password and sign-in does not tell which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  if (!passwordHash) {
    dummyHash ??= hash("not-a-password-of-anyone", OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
