/**
 * Passwords written into a script as literals: a `properties.*` key that names a password (or
 * a secret or token), `properties.ssl.keystore.key` (PEM key material), and the password options
 * inside `properties.sasl.jaas.config`. They work, but belong in the secret store; the validator
 * warns about each (code `literal-password`), and everything the console shows or stores beside
 * the script itself masks them. `${secret_values.x}` placeholders are not literals. Browser-safe.
 */
import { tokenize } from "@/lib/sql/lexer";
import { findSecretPlaceholders } from "./placeholders";

export const MASK = "******";

/** The diagnostic code of the literal-password warning, for the editor's "move to a secret" fix. */
export const LITERAL_PASSWORD_CODE = "literal-password";

const KEY_MATERIAL = new Set(["ssl.keystore.key"]);
const JAAS = "sasl.jaas.config";

function bare(key: string): string {
  const lower = key.toLowerCase();
  return lower.startsWith("properties.") ? lower.slice("properties.".length) : lower;
}

/** Whether a `properties.*` key (or a bare client property) holds a secret as a whole. */
export function isSecretPropertyKey(key: string): boolean {
  const k = bare(key);
  return KEY_MATERIAL.has(k) || /(password|secret|token)$/.test(k);
}

export function isJaasKey(key: string): boolean {
  return bare(key) === JAAS;
}

/** Only properties go to the Kafka client; other options are not in this rule. */
function isPropertyKey(key: string, allowBare: boolean): boolean {
  return key.toLowerCase().startsWith("properties.") || allowBare;
}

const JAAS_SECRET =
  /((?<![\w$.-])[\w$.-]*(?:password|secret|token)\s*=\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s;]+)/gi;

function isLiteral(text: string): boolean {
  let rest = text;
  for (const p of findSecretPlaceholders(text).reverse())
    rest = rest.slice(0, p.start) + rest.slice(p.end);
  return rest.trim() !== "";
}

/** The literal secret parts of a JAAS line: each password option's value, unquoted. */
function jaasLiterals(value: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (const m of value.matchAll(JAAS_SECRET)) {
    const raw = m[2];
    const quoted = raw.startsWith('"') || raw.startsWith("'");
    const inner = quoted ? raw.slice(1, -1) : raw;
    if (!isLiteral(inner)) continue;
    const start = m.index + m[1].length + (quoted ? 1 : 0);
    out.push({ start, end: start + inner.length, text: inner });
  }
  return out;
}

/**
 * The literal secrets in one option's value, as ranges of the value: the whole value for a
 * password key, the password options for a JAAS line; none for placeholders or other keys.
 */
export function literalSecretRanges(
  key: string,
  value: string,
  opts: { bareKeys?: boolean } = {},
): Array<{ start: number; end: number; text: string }> {
  if (!isPropertyKey(key, opts.bareKeys ?? false)) return [];
  if (isJaasKey(key)) return jaasLiterals(value);
  if (isSecretPropertyKey(key) && isLiteral(value))
    return [{ start: 0, end: value.length, text: value }];
  return [];
}

/** The value with its literal secrets masked. */
export function maskOptionValue(key: string, value: string, opts?: { bareKeys?: boolean }): string {
  const ranges = literalSecretRanges(key, value, opts);
  let out = value;
  for (const r of [...ranges].reverse()) out = out.slice(0, r.start) + MASK + out.slice(r.end);
  return out;
}

/**
 * The script's text with every literal secret in a WITH option masked (the text stays as it was
 * otherwise, so it reads as the author wrote it). Works on broken scripts too: it needs only
 * `'key' = 'value'` pairs of string tokens.
 */
export function maskSqlSecrets(sql: string): string {
  if (!/password|secret|token|keystore\.key|jaas/i.test(sql)) return sql;
  const { tokens } = tokenize(sql);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [k, eq, v] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (k.kind !== "string" || eq.kind !== "op" || eq.value !== "=" || v.kind !== "string")
      continue;
    if (literalSecretRanges(k.value, v.value).length === 0) continue;
    // Re-quote the masked value; SQL escapes a quote by doubling it.
    edits.push({
      start: v.start,
      end: v.end,
      text: `'${maskOptionValue(k.value, v.value).replaceAll("'", "''")}'`,
    });
  }
  let out = sql;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Every literal secret of a script's options (to scrub from messages about the script). */
export function literalSecretsOfSql(sql: string): string[] {
  if (!/password|secret|token|keystore\.key|jaas/i.test(sql)) return [];
  const { tokens } = tokenize(sql);
  const out = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [k, eq, v] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (k.kind !== "string" || eq.kind !== "op" || eq.value !== "=" || v.kind !== "string")
      continue;
    for (const r of literalSecretRanges(k.value, v.value)) if (r.text.length >= 3) out.add(r.text);
  }
  return [...out];
}

/** Replaces every occurrence of the given secrets in a text with ******. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3 && out.includes(s)) out = out.split(s).join(MASK);
  return out;
}
