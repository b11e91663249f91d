/**
 * The early answer to "will this job's secrets be sent where they may go": each secret a Kafka
 * table uses, against the stored secret's scope. The worker checks again when it resolves the
 * value (resolveSecretFor); this says so while editing and at deploy time instead of at run time.
 */
import { Invalid } from "@/lib/domain-errors";
import type { ScriptAst } from "@/lib/sql/ast";
import { diagnostic, type Diagnostic } from "@/lib/sql/diagnostic";
import { secretReferences } from "./secret-references";
import { addressesOutOfScope, SecretScopeError } from "./secret-scope";
import { missingSecretMessage, secretScopes } from "./secret-store";

/**
 * Errors for secrets used outside their scope, warnings for secrets that do not exist yet (they
 * may be created before the job starts).
 */
export async function secretScopeDiagnostics(script: ScriptAst): Promise<Diagnostic[]> {
  const refs = secretReferences(script);
  if (refs.length === 0) return [];
  const scopes = await secretScopes([...new Set(refs.map((r) => r.secret))]);
  const out: Diagnostic[] = [];
  for (const ref of refs) {
    const scope = scopes.get(ref.secret);
    if (scope === undefined) {
      out.push(diagnostic("warning", missingSecretMessage(ref.secret), ref.span));
      continue;
    }
    if (ref.bootstrapServers === undefined) continue; // the connector check reports the missing option
    const outside = addressesOutOfScope(ref.bootstrapServers, scope);
    if (outside.length > 0 || scope.length === 0) {
      const error = new SecretScopeError(ref.secret, outside, scope);
      out.push({
        ...diagnostic("error", `Table '${ref.table}': ${error.message}`, ref.span),
      });
    }
  }
  return out;
}

/** Refuses (422) a job whose tables would send a secret outside its scope. */
export async function assertSecretScopes(script: ScriptAst | undefined): Promise<void> {
  if (!script) return;
  const errors = (await secretScopeDiagnostics(script)).filter((d) => d.severity === "error");
  if (errors.length === 0) return;
  throw new Invalid(
    `The script sends a secret outside its scope; at line ${errors[0].line}, column ${errors[0].column}: ${errors[0].message}`,
    errors.map((d) => ({ path: `sql:${d.line}:${d.column}`, message: d.message })),
  );
}
