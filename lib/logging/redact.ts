/**
 * The last line of defence against secrets in logs, events and error messages: masks
 * `password="…"` inside JAAS configs and the values of keys that name a password or secret.
 * Code that knows a value is secret should not print it in the first place.
 */
const PATTERNS: Array<[RegExp, string]> = [
  // JAAS: password="..." or password='...'
  [/(password\s*=\s*)(\\?["'])(.*?)(\2)/gi, "$1$2******$4"],
  // key=value or "key":"value" where the key names a password or secret
  [
    /((?:password|passwd|secret|sasl\.jaas\.config|ssl\.keystore\.key)["']?\s*[:=]\s*\\?["']?)(?!\*{6})([^"'\\,;\s}]+)/gi,
    "$1******",
  ],
];

export function redactText(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}
