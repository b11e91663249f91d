/**
 * The one password policy, for every place a password is set: setup, `POST /api/users`,
 * `tributary users add`, a reset on the Users page. Browser-safe (no hashing here), so the forms
 * say what is wrong before sending; the server applies it again through hashPassword().
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** What the forms show next to a password field. */
export const PASSWORD_POLICY_HINT = `at least ${PASSWORD_MIN_LENGTH} characters, not the email address, not one character repeated`;

/**
 * Why `password` is refused for the account `email`, or null when it is acceptable. Length is
 * counted in characters (code points), as people count them.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH)
    return `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(password).size === 1) return "The password must not be one character repeated.";
  if (email) {
    const lower = password.trim().toLowerCase();
    const address = email.trim().toLowerCase();
    if (lower === address || lower === address.split("@")[0])
      return "The password must not be the email address.";
  }
  return null;
}
