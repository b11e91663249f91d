/**
 * `${secret_values.name}` placeholders in WITH-option values. They are validated for shape only
 * while editing and replaced by the secret's value at run time, so the script never holds the
 * secret itself. Browser-safe.
 */

export interface SecretPlaceholder {
  /** The secret's name, e.g. `kafka_password` for `${secret_values.kafka_password}`. */
  name: string;
  /** Offsets into the text: start of `${`, and just past `}`. */
  start: number;
  end: number;
}

/**
 * A secret's name, the one grammar for names: what the secret store accepts and what a placeholder
 * may name. A `${secret_values.…}` whose name breaks it is malformed everywhere (editor, validator,
 * runtime), never half-accepted.
 */
export const SECRET_NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_-]*";

const PLACEHOLDER = new RegExp(`\\$\\{secret_values\\.(${SECRET_NAME_PATTERN})\\}`, "g");
/** Anything that looks like an attempt at a placeholder, to catch malformed ones. */
const PLACEHOLDER_LIKE = /\$\{\s*secret_values\b[^}]*\}?/g;

export function findSecretPlaceholders(text: string): SecretPlaceholder[] {
  const found: SecretPlaceholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    found.push({ name: m[1], start: m.index, end: m.index + m[0].length });
  }
  return found;
}

export function hasSecretPlaceholder(text: string): boolean {
  return findSecretPlaceholders(text).length > 0;
}

/**
 * Placeholder-like fragments that are not well formed (e.g. `${secret_values.}` or a missing
 * `}`), so the editor can say what is wrong instead of sending the text to Kafka verbatim.
 */
export function findMalformedPlaceholders(text: string): Array<{ text: string; start: number }> {
  const wellFormed = new Set(findSecretPlaceholders(text).map((p) => p.start));
  const bad: Array<{ text: string; start: number }> = [];
  for (const m of text.matchAll(PLACEHOLDER_LIKE)) {
    if (!wellFormed.has(m.index)) bad.push({ text: m[0], start: m.index });
  }
  return bad;
}

export class SecretResolutionError extends Error {
  constructor(readonly missing: string[]) {
    // Names only: the message must never carry a secret's value.
    super(
      `Unknown secret${missing.length > 1 ? "s" : ""} ${missing.map((n) => `'${n}'`).join(", ")}: ` +
        "define them under secret values before running the job.",
    );
    this.name = "SecretResolutionError";
  }
}

/** Replaces every placeholder with lookup(name); throws SecretResolutionError naming unknown secrets. */
export function resolveSecretPlaceholders(
  text: string,
  lookup: (name: string) => string | undefined,
): string {
  const missing: string[] = [];
  const resolved = text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = lookup(name);
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return "";
    }
    return value;
  });
  if (missing.length > 0) throw new SecretResolutionError(missing);
  return resolved;
}

/** Resolves placeholders in every value of an options map. */
export function resolveSecretsInOptions(
  options: Readonly<Record<string, string>>,
  lookup: (name: string) => string | undefined,
): Record<string, string> {
  const missing: string[] = [];
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    try {
      out[key] = resolveSecretPlaceholders(value, lookup);
    } catch (e) {
      if (!(e instanceof SecretResolutionError)) throw e;
      for (const n of e.missing) if (!missing.includes(n)) missing.push(n);
    }
  }
  if (missing.length > 0) throw new SecretResolutionError(missing);
  return out;
}
