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

/** Bytes in binary units (KiB, MiB, …) as Kafka's tools and most consoles show log sizes. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
