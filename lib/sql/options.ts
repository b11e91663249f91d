/**
 * Option values as the SQL front end sees them. `${secret_values.name}` placeholders stand for
 * values resolved only when the job runs: they are accepted anywhere and never inspected.
 */
const SECRET = /\$\{secret_values\.[A-Za-z0-9_.-]+\}/;

export function isSecretPlaceholder(value: string): boolean {
  return SECRET.test(value);
}
