/**
 * Option values as the SQL front end sees them. `${secret_values.name}` placeholders stand for
 * values resolved only when the job runs: they are accepted anywhere and never inspected. The
 * placeholder's grammar is lib/secrets/placeholders.ts's, so a value the runtime would not resolve
 * is not skipped here either.
 */
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";

export function isSecretPlaceholder(value: string): boolean {
  return hasSecretPlaceholder(value);
}
