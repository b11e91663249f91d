/**
 * Signing in with email and password, rate-limited: failures are counted per account and per
 * client address over 15 minutes (and in total, which bounds guessing spread over many accounts);
 * past a limit, sign-in answers 429 with Retry-After, whether or not the password is right.
 */
import { TooManyAttempts, Unauthenticated } from "@/lib/domain-errors";
import { findUserByEmail, normalizeEmail } from "./users";
import { verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { SlidingWindowLimiter } from "./rate-limit";

const WINDOW_MS = 15 * 60_000;
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, total: 200 } as const;

const limiters = {
  account: new SlidingWindowLimiter(SIGN_IN_LIMITS.perAccount, WINDOW_MS),
  address: new SlidingWindowLimiter(SIGN_IN_LIMITS.perAddress, WINDOW_MS),
  total: new SlidingWindowLimiter(SIGN_IN_LIMITS.total, WINDOW_MS),
};

function tooManyAttempts(retryAfterS: number): TooManyAttempts {
  return new TooManyAttempts(
    `Too many failed sign-in attempts; try again in ${Math.ceil(retryAfterS / 60)} minute(s).`,
    retryAfterS,
  );
}

export async function signIn(input: {
  email: string;
  password: string;
  address: string;
  userAgent?: string | null;
}): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const account = normalizeEmail(input.email);
  const waitMs = Math.max(
    limiters.account.retryAfterMs(account),
    limiters.address.retryAfterMs(input.address),
    limiters.total.retryAfterMs("*"),
  );
  if (waitMs > 0) throw tooManyAttempts(Math.ceil(waitMs / 1000));

  const user = await findUserByEmail(account);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.disabledAt) {
    limiters.account.hit(account);
    limiters.address.hit(input.address);
    limiters.total.hit("*");
    throw new Unauthenticated("The email or password is wrong, or the account is disabled.");
  }
  limiters.account.reset(account);
  const session = await createSession(user.id, {
    userAgent: input.userAgent,
    address: input.address,
  });
  return { ...session, userId: user.id };
}
