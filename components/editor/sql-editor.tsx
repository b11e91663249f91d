"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import type { Diagnostic, QuickFix, SourceSpan } from "@/lib/sql/diagnostic";
import { registerSqlLanguage, setModelDiagnostics } from "./sql-language";

// Monaco is served by the console itself (public/monaco, copied at install), never from a CDN.
loader.config({ paths: { vs: "/monaco/vs" } });

export type MonacoApi = Parameters<OnMount>[1];
type EditorInstance = Parameters<OnMount>[0];

/**
 * The editor is uncontrolled: Monaco's model holds the text, and the page reads it through this
 * handle (to save, validate, deploy) instead of round-tripping every keystroke through React
 * state, which lost keys when typing fast.
 */
export interface SqlEditorHandle {
  getValue(): string;
  /** Replaces the whole document (opening a draft, a template, a version). */
  setValue(text: string): void;
  focus(): void;
  revealDiagnostic(d: Diagnostic): void;
  /** Applies a validator's quick fix as one undoable edit. */
  applyFix(fix: QuickFix): void;
  /** The text the editor holds at a span (e.g. an option's value literal). */
  getText(span: SourceSpan): string;
  /** Replaces the selection (or inserts at the cursor) with text, as one undoable edit. */
  insertAtCursor(text: string): void;
}

/** Moves focus to the next (or previous) focusable element outside `container`. */
function focusOutside(container: HTMLElement, backwards: boolean) {
  const all = [
    ...document.querySelectorAll<HTMLElement>(
      'a[href], summary, button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
    ),
  ].filter((el) => !container.contains(el) && el.offsetParent !== null);
  const position = (el: HTMLElement) => container.compareDocumentPosition(el);
  const target = backwards
    ? all.filter((el) => position(el) & Node.DOCUMENT_POSITION_PRECEDING).pop()
    : all.find((el) => position(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  target?.focus();
}

export function SqlEditor({
  initialValue,
  onChange,
  diagnostics,
  onReady,
  onMount,
  theme = "light",
}: {
  initialValue: string;
  /** Called with the model's text after each change (read-only: nothing flows back). */
  onChange?: (sql: string) => void;
  diagnostics: Diagnostic[];
  onReady?: (handle: SqlEditorHandle) => void;
  /** For language features and key bindings registered on the editor instance. */
  onMount?: (editor: EditorInstance, monaco: MonacoApi) => void;
  theme?: "light" | "dark";
}) {
  const monacoRef = useRef<MonacoApi | null>(null);
  const editorRef = useRef<EditorInstance | null>(null);
  const onChangeRef = useRef(onChange);
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    setModelDiagnostics(model, diagnostics);
    monaco.editor.setModelMarkers(
      model,
      "tributary",
      diagnostics.map((d) => ({
        severity:
          d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: d.message,
        // The rule's code (e.g. literal-password), for quick fixes keyed on it.
        ...(d.code ? { code: d.code } : {}),
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.endLine,
        endColumn: Math.max(d.endColumn, d.line === d.endLine ? d.column + 1 : d.endColumn),
      })),
    );
  }, [diagnostics, mounted]);

  return (
    <div
      data-testid="sql-editor"
      className="h-full min-h-[420px] overflow-hidden rounded border border-slate-300 dark:border-slate-700"
    >
      <Editor
        language="sql"
        defaultValue={initialValue}
        theme={theme === "dark" ? "vs-dark" : "vs"}
        onMount={(editor, monaco) => {
          editorRef.current = editor;
          monacoRef.current = monaco;
          registerSqlLanguage(monaco);
          setMounted(true);
          editor.onDidChangeModelContent(() => onChangeRef.current?.(editor.getValue()));
          // Tab indents inside the editor; Escape then Tab leaves it (Ctrl+M toggles Tab moving
          // focus, Monaco's own accessibility key). Captured before Monaco's keybindings see Tab.
          const container = editor.getContainerDomNode();
          let escaped = false;
          container.addEventListener(
            "keydown",
            (e) => {
              if (e.key === "Escape") {
                escaped = true;
                return;
              }
              if (e.key === "Tab" && escaped && !e.ctrlKey && !e.altKey && !e.metaKey) {
                e.preventDefault();
                e.stopPropagation();
                const box = container.closest<HTMLElement>("[data-testid=sql-editor]");
                if (box) focusOutside(box, e.shiftKey);
              }
              if (e.key !== "Shift") escaped = false;
            },
            true,
          );
          onMount?.(editor, monaco);
          onReady?.({
            getValue: () => editor.getValue(),
            setValue: (text) => {
              if (editor.getValue() !== text) editor.setValue(text);
            },
            focus: () => editor.focus(),
            getText: (span) =>
              editor.getModel()?.getValueInRange({
                startLineNumber: span.line,
                startColumn: span.column,
                endLineNumber: span.endLine,
                endColumn: span.endColumn,
              }) ?? "",
            applyFix(fix) {
              editor.pushUndoStop();
              editor.executeEdits(
                "quick-fix",
                fix.edits.map((e) => ({
                  range: {
                    startLineNumber: e.range.line,
                    startColumn: e.range.column,
                    endLineNumber: e.range.endLine,
                    endColumn: e.range.endColumn,
                  },
                  text: e.text,
                })),
              );
              editor.pushUndoStop();
              editor.focus();
            },
            revealDiagnostic(d) {
              editor.revealLineInCenter(d.line);
              editor.setSelection({
                startLineNumber: d.line,
                startColumn: d.column,
                endLineNumber: d.endLine,
                endColumn: d.endColumn,
              });
              editor.focus();
            },
            insertAtCursor(text) {
              const selection = editor.getSelection();
              if (!selection) return;
              editor.executeEdits("tributary", [
                { range: selection, text, forceMoveMarkers: true },
              ]);
              editor.focus();
            },
          });
          onChangeRef.current?.(editor.getValue());
        }}
        options={{
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          renderValidationDecorations: "on",
          // Completion comes from the catalogs (lib/sql/assist), not from words in the document.
          wordBasedSuggestions: "off",
          fixedOverflowWidgets: true,
          ariaLabel:
            "SQL editor. To leave it with the keyboard press Escape then Tab, or Ctrl+M to make Tab move focus.",
        }}
        loading={
          <div className="p-4 text-sm text-slate-500 dark:text-slate-400">Loading editor…</div>
        }
      />
    </div>
  );
}
