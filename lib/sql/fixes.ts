/**
 * Quick fixes as validators make them: replace a misspelt name or literal with the suggestion,
 * insert a missing option. Spans are the validator's (1-based, end exclusive). Browser-safe.
 */
import type { QuickFix, SourceSpan } from "@/lib/sql/diagnostic";

/** A SQL string literal for `value` (quotes doubled). */
export function sqlStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** An identifier as Flink reads it back: bare when it can be, else backquoted. */
export function sqlIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, "``")}\``;
}

/** Replace a string literal (its span includes the quotes) with another value. */
export function replaceLiteralFix(span: SourceSpan, value: string | undefined): QuickFix[] {
  if (value === undefined) return [];
  return [
    { title: `Change to '${value}'`, edits: [{ range: span, text: sqlStringLiteral(value) }] },
  ];
}

/** Replace an identifier with the suggested name. */
export function replaceNameFix(span: SourceSpan, name: string | undefined): QuickFix[] {
  if (name === undefined) return [];
  return [{ title: `Change to '${name}'`, edits: [{ range: span, text: sqlIdentifier(name) }] }];
}

/** Insert `'key' = ''` options after the last option of a WITH clause (ending at `after`). */
export function insertOptionsFix(
  after: SourceSpan | undefined,
  keys: readonly string[],
): QuickFix[] {
  if (after === undefined || keys.length === 0) return [];
  const at: SourceSpan = {
    line: after.endLine,
    column: after.endColumn,
    endLine: after.endLine,
    endColumn: after.endColumn,
  };
  const text = keys.map((k) => `,\n  ${sqlStringLiteral(k)} = ''`).join("");
  return [
    {
      title:
        keys.length === 1
          ? `Add the required option '${keys[0]}'`
          : `Add the required options ${keys.map((k) => `'${k}'`).join(", ")}`,
      edits: [{ range: at, text }],
    },
  ];
}
