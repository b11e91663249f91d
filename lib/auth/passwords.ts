import { hash, verify } from "@node-rs/argon2";
import { BadInput } from "@/lib/domain-errors";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "./password-policy";

/**
 * Passwords are hashed with argon2id (@node-rs/argon2: Rust's argon2 crate with prebuilt binaries
 * shipped as npm packages, so it installs offline without a compiler). Parameters are OWASP's
 * minimum for argon2id (19 MiB, 2 passes); the hash string records them, so raising them later
 * still verifies old hashes.
 */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** The policy (lib/auth/password-policy.ts) as an input error of the `password` field. */
export function checkPasswordPolicy(password: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new BadInput(problem, [{ path: "password", message: problem }]);
}

/** Hashes a new password for the account `email`, after checking it against the policy. */
export async function hashPassword(password: string, email?: string): Promise<string> {
  checkPasswordPolicy(password, email);
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
