"use client";

import { useId, useState } from "react";
import { Dialog, buttonClass, inputClass } from "@/components/ui/dialog";
import type { Diagnostic, QuickFix, SourceSpan } from "@/lib/sql/diagnostic";
import { moveLiteralToSecret, suggestedSecretName } from "@/lib/secrets/move-to-secret";
import { api } from "@/lib/api/client";

/**
 * "Move to a secret" for a literal-password warning: asks for a name, stores the literal as a
 * new secret scoped to the table's bootstrap servers (POST /api/secrets), then replaces the
 * literal in the editor with `${secret_values.name}`. The value is read from the editor when
 * the form is sent and is never shown here.
 */
export function MoveToSecretDialog({
  diagnostic,
  textAt,
  onClose,
  onMoved,
}: {
  diagnostic: Diagnostic | null;
  /** The editor's text at a span (the option's value literal as it is now). */
  textAt: (span: SourceSpan) => string;
  onClose: () => void;
  onMoved: (name: string, fix: QuickFix) => void;
}) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const option = diagnostic?.option;
  const scope =
    diagnostic?.action?.kind === "move-to-secret" ? diagnostic.action.bootstrapServers : null;
  const close = () => {
    setProblem(null);
    onClose();
  };
  return (
    <Dialog open={diagnostic !== null} title="Move to a secret" onClose={close}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!option || !scope) return;
          const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
          const move = moveLiteralToSecret(
            option.key,
            textAt(option.valueSpan),
            option.valueSpan,
            name,
          );
          if (!move) {
            setProblem(
              `'${option.key}' no longer holds a literal password here; it was edited since the warning.`,
            );
            return;
          }
          setBusy(true);
          setProblem(null);
          try {
            await api.secrets.create({ name, value: move.value, bootstrapServers: scope });
            onMoved(name, move.fix);
          } catch (err) {
            setProblem(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
        className="flex flex-col gap-3"
      >
        <p className="text-sm">
          The value of <code className="font-mono">{option?.key}</code> is stored encrypted as a new
          secret and the script refers to it as{" "}
          <code className="font-mono">{"${secret_values.name}"}</code>.{" "}
          {scope ? (
            <>
              It will be sent only to this table&apos;s bootstrap servers,{" "}
              <code className="font-mono" data-testid="move-to-secret-scope">
                {scope}
              </code>
              .
            </>
          ) : (
            <span className="text-red-700 dark:text-red-400">
              This table has no &apos;properties.bootstrap.servers&apos;: a secret needs the servers
              it may be sent to. Add that option first.
            </span>
          )}
        </p>
        <div>
          <label htmlFor={id} className="mb-1 block text-sm font-medium">
            Secret name
          </label>
          <input
            id={id}
            name="name"
            required
            pattern="[A-Za-z_][A-Za-z0-9_\-]*"
            maxLength={128}
            title="A letter or _ first, then letters, digits, _ and -"
            defaultValue={option ? suggestedSecretName(option.key) : ""}
            className={inputClass}
            autoFocus
          />
        </div>
        {problem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={close}>
            Cancel
          </button>
          <button type="submit" className={buttonClass.primary} disabled={busy || !scope}>
            Move to a secret
          </button>
        </div>
      </form>
    </Dialog>
  );
}
