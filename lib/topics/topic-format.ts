/** How topic settings read for people (the list page and the CLI). Browser-safe. */
export function formatRetention(ms: string | null): string {
  if (ms === null) return "—";
  const n = Number(ms);
  if (n < 0) return "forever";
  if (n % 86_400_000 === 0) return `${n / 86_400_000} d`;
  if (n % 3_600_000 === 0) return `${n / 3_600_000} h`;
  if (n % 60_000 === 0) return `${n / 60_000} min`;
  return `${n} ms`;
}
