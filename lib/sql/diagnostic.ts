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

export interface Diagnostic extends SourceSpan {
  severity: Severity;
  message: string;
  /** A stable, machine-readable name of the rule, for quick fixes (e.g. `literal-password`). */
  code?: string;
  /** What a quick fix needs: for a WITH option, its key and where its key and value are. */
  option?: { key: string; keySpan: SourceSpan; valueSpan: SourceSpan };
}

export function diagnostic(severity: Severity, message: string, span: SourceSpan): Diagnostic {
  return {
    severity,
    message,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
