/**
 * The editor's "Move to a secret" for a `literal-password` warning: what value to store and the
 * edit that writes `${secret_values.name}` where the literal was — the whole value of a password
 * key, or the password inside a `sasl.jaas.config` line. Works on the option's value literal as
 * it stands in the editor (its span comes with the diagnostic). Browser-safe.
 */
import type { QuickFix, SourceSpan } from "@/lib/sql/diagnostic";
import { sqlStringLiteral } from "@/lib/sql/fixes";
import { literalSecretRanges } from "./literal-secrets";

/** A secret name for the option, e.g. `properties.ssl.key.password` → `ssl_key_password`. */
export function suggestedSecretName(key: string): string {
  const bare = key.replace(/^properties\./i, "").replace(/^sasl\.jaas\.config$/i, "sasl_password");
  const name = bare.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Za-z_]/.test(name) ? name.slice(0, 128) : `secret_${name}`.slice(0, 128);
}

/** The value of a SQL string literal as written (`'it''s'` → `it's`); null if it is not one. */
function unquote(literal: string): string | null {
  if (literal.length < 2 || !literal.startsWith("'") || !literal.endsWith("'")) return null;
  const inner = literal.slice(1, -1);
  if (/(^|[^'])'(?!')/.test(inner.replace(/''/g, ""))) return null;
  return inner.replace(/''/g, "'");
}

export interface SecretMove {
  /** What to store as the secret's value. */
  value: string;
  /** Replaces the option's value literal with one that names the secret instead. */
  fix: QuickFix;
}

/**
 * The move for the option `key` whose value literal is `literal` at `valueSpan`, or null when the
 * text there is no longer a literal password (edited since the warning).
 */
export function moveLiteralToSecret(
  key: string,
  literal: string,
  valueSpan: SourceSpan,
  secretName: string,
): SecretMove | null {
  const value = unquote(literal);
  if (value === null) return null;
  const [first] = literalSecretRanges(key, value);
  if (!first) return null;
  const replaced = `${value.slice(0, first.start)}\${secret_values.${secretName}}${value.slice(first.end)}`;
  return {
    value: first.text,
    fix: {
      title: `Move to the secret '${secretName}'`,
      edits: [{ range: valueSpan, text: sqlStringLiteral(replaced) }],
    },
  };
}
