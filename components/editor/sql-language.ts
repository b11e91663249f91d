"use client";
/**
 * The thin Monaco adapter for lib/sql/assist: completion, hover and quick fixes for the "sql"
 * language, converting offsets and 1-based spans to Monaco's ranges. All the knowledge lives in
 * lib (the catalogs the validator uses); nothing here decides what to offer.
 */
import type * as Monaco from "monaco-editor";
import { complete, type CompletionKind } from "@/lib/sql/assist/complete";
import { hover } from "@/lib/sql/assist/hover";
import type { AssistContext } from "@/lib/sql/assist/option-catalog";
import type { Diagnostic, SourceSpan } from "@/lib/sql/diagnostic";
import { registerBrowseTopicLens } from "./browse-topic";

type MonacoApi = typeof Monaco;

/** What the page knows that completion needs (secret names, attached partitioners). */
let assistContext: AssistContext = {};
/** The diagnostics currently shown per model, for their quick fixes. */
const diagnosticsByModel = new Map<string, Diagnostic[]>();
let registered = false;
/**
 * Who handles "Move to a secret" (the page's dialog); null when the user may not create secrets
 * (viewers), and then the quick fix is not offered.
 */
let moveToSecret: ((d: Diagnostic) => void) | null = null;
const MOVE_TO_SECRET_COMMAND = "tributary.moveToSecret";

export function setMoveToSecretHandler(handler: ((d: Diagnostic) => void) | null): void {
  moveToSecret = handler;
}

export function setAssistContext(ctx: AssistContext): void {
  assistContext = ctx;
}

export function setModelDiagnostics(model: Monaco.editor.ITextModel, d: Diagnostic[]): void {
  diagnosticsByModel.set(model.uri.toString(), d);
}

const toRange = (s: SourceSpan): Monaco.IRange => ({
  startLineNumber: s.line,
  startColumn: s.column,
  endLineNumber: s.endLine,
  endColumn: s.endColumn,
});

function kindOf(monaco: MonacoApi, k: CompletionKind): Monaco.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  switch (k) {
    case "keyword":
      return K.Keyword;
    case "type":
      return K.TypeParameter;
    case "function":
      return K.Function;
    case "option":
      return K.Property;
    case "value":
      return K.EnumMember;
    case "table":
    case "view":
      return K.Struct;
    case "column":
      return K.Field;
    case "secret":
      return K.Variable;
  }
}

const intersects = (a: Monaco.IRange, b: Monaco.IRange) =>
  !(
    a.endLineNumber < b.startLineNumber ||
    (a.endLineNumber === b.startLineNumber && a.endColumn < b.startColumn) ||
    b.endLineNumber < a.startLineNumber ||
    (b.endLineNumber === a.startLineNumber && b.endColumn < a.startColumn)
  );

/** Registers the providers once per page (Monaco's registry is global). */
export function registerSqlLanguage(monaco: MonacoApi): void {
  if (registered) return;
  registered = true;
  registerBrowseTopicLens(monaco);

  monaco.languages.registerCompletionItemProvider("sql", {
    triggerCharacters: ["'", ".", "{"],
    provideCompletionItems(model, position) {
      const offset = model.getOffsetAt(position);
      const items = complete(model.getValue(), offset, assistContext);
      return {
        suggestions: items.map((item) => {
          const start = model.getPositionAt(item.replaceStart);
          const end = model.getPositionAt(item.replaceEnd);
          return {
            label: item.label,
            kind: kindOf(monaco, item.kind),
            insertText: item.insertText,
            filterText: item.filterText,
            sortText: item.sortText,
            detail: item.detail,
            documentation: item.documentation ? { value: item.documentation } : undefined,
            ...(item.deprecated ? { tags: [monaco.languages.CompletionItemTag.Deprecated] } : {}),
            range: {
              startLineNumber: start.lineNumber,
              startColumn: start.column,
              endLineNumber: end.lineNumber,
              endColumn: end.column,
            },
          };
        }),
      };
    },
  });

  monaco.languages.registerHoverProvider("sql", {
    provideHover(model, position) {
      const h = hover(model.getValue(), model.getOffsetAt(position), assistContext);
      if (!h) return null;
      const start = model.getPositionAt(h.start);
      const end = model.getPositionAt(h.end);
      return {
        contents: [{ value: h.contents }],
        range: {
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        },
      };
    },
  });

  monaco.editor.registerCommand(MOVE_TO_SECRET_COMMAND, (_accessor, d: Diagnostic) =>
    moveToSecret?.(d),
  );

  monaco.languages.registerCodeActionProvider(
    "sql",
    {
      provideCodeActions(model, range, context) {
        const diagnostics = diagnosticsByModel.get(model.uri.toString()) ?? [];
        const actions: Monaco.languages.CodeAction[] = [];
        for (const d of diagnostics) {
          if (!intersects(toRange(d), range)) continue;
          const marker = context.markers.find(
            (m) =>
              m.message === d.message && m.startLineNumber === d.line && m.startColumn === d.column,
          );
          if (d.action?.kind === "move-to-secret" && moveToSecret) {
            // Not an edit alone: the page asks for a name and stores the secret first.
            actions.push({
              title: "Move to a secret",
              kind: "quickfix",
              isPreferred: true,
              diagnostics: marker ? [marker] : undefined,
              command: { id: MOVE_TO_SECRET_COMMAND, title: "Move to a secret", arguments: [d] },
            });
          }
          d.fixes?.forEach((fix, i) =>
            actions.push({
              title: fix.title,
              kind: "quickfix",
              isPreferred: i === 0,
              diagnostics: marker ? [marker] : undefined,
              edit: {
                edits: fix.edits.map((e) => ({
                  resource: model.uri,
                  versionId: model.getVersionId(),
                  textEdit: { range: toRange(e.range), text: e.text },
                })),
              },
            }),
          );
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ["quickfix"] },
  );
}
