/**
 * A problem found in a script, positioned as Monaco markers are: 1-based lines and columns,
 * end exclusive (endColumn is the column just past the last character of the culprit).
 */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = "error" | "warning";

/** Replace the text of `range` with `text` (an insertion when the range is empty). */
export interface TextEdit {
  range: SourceSpan;
  text: string;
}

/**
 * A machine-readable repair offered with a diagnostic (the editor's quick fixes, Ctrl/Cmd+.):
 * made where the message is made, so a "did you mean" and its fix never disagree.
 */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

/**
 * A repair that is not a text edit alone: the editor offers it as a button or quick fix (e.g.
 * "Create topic"; "Move to a secret", which stores the literal password as a secret scoped to
 * the table's bootstrap servers and writes `${secret_values.name}` in its place).
 */
export type DiagnosticAction =
  | { kind: "create-topic"; topic: string }
  | { kind: "move-to-secret"; bootstrapServers: string | null };

export interface Diagnostic extends SourceSpan {
  severity: Severity;
  message: string;
  /** A stable, machine-readable name of the rule, for quick fixes (e.g. `literal-password`). */
  code?: string;
  /** What a quick fix needs: for a WITH option, its key and where its key and value are. */
  option?: { key: string; keySpan: SourceSpan; valueSpan: SourceSpan };
  fixes?: QuickFix[];
  action?: DiagnosticAction;
}

export function diagnostic(
  severity: Severity,
  message: string,
  span: SourceSpan,
  fixes?: readonly QuickFix[],
): Diagnostic {
  const d: Diagnostic = {
    severity,
    message,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
  if (fixes && fixes.length > 0) d.fixes = [...fixes];
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
