"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import type { Diagnostic } from "@/lib/sql/diagnostic";

// Monaco is served by the console itself (public/monaco, copied at install), never from a CDN.
loader.config({ paths: { vs: "/monaco/vs" } });

type MonacoApi = Parameters<OnMount>[1];
type EditorInstance = Parameters<OnMount>[0];

export interface SqlEditorHandle {
  revealDiagnostic(d: Diagnostic): void;
  /** Replaces the selection (or inserts at the cursor) with text, as one undoable edit. */
  insertAtCursor(text: string): void;
}

export function SqlEditor({
  value,
  onChange,
  diagnostics,
  onReady,
}: {
  value: string;
  onChange: (sql: string) => void;
  diagnostics: Diagnostic[];
  onReady?: (handle: SqlEditorHandle) => void;
}) {
  const monacoRef = useRef<MonacoApi | null>(null);
  const editorRef = useRef<EditorInstance | null>(null);

  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    monaco.editor.setModelMarkers(
      model,
      "tributary",
      diagnostics.map((d) => ({
        severity:
          d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: d.message,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.endLine,
        endColumn: Math.max(d.endColumn, d.line === d.endLine ? d.column + 1 : d.endColumn),
      })),
    );
  }, [diagnostics]);

  return (
    <div
      data-testid="sql-editor"
      className="h-full min-h-[420px] overflow-hidden rounded border border-slate-300 bg-white"
    >
      <Editor
        language="sql"
        value={value}
        onChange={(v) => onChange(v ?? "")}
        onMount={(editor, monaco) => {
          editorRef.current = editor;
          monacoRef.current = monaco;
          onReady?.({
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
        }}
        options={{
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          renderValidationDecorations: "on",
        }}
        loading={<div className="p-4 text-sm text-slate-500">Loading editor…</div>}
      />
    </div>
  );
}
