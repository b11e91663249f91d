/** What every benchmark reports: a name, a rate, and how it compares with its goal. */
export interface BenchResult {
  name: string;
  /** Human-readable figures, e.g. { "records/s": 250000, "MB/s": 24.1 }. */
  figures: Record<string, number>;
  /** The goal, in words, and whether this run met it. */
  goal?: { text: string; met: boolean };
}

/** Runs fn repeatedly for about `ms` milliseconds (after a warm-up) and returns calls per second. */
export function throughput(fn: () => void, ms = 1_000): number {
  const warmUntil = performance.now() + ms / 4;
  while (performance.now() < warmUntil) fn();
  let calls = 0;
  const started = performance.now();
  let now = started;
  while (now - started < ms) {
    for (let i = 0; i < 100; i++) fn();
    calls += 100;
    now = performance.now();
  }
  return (calls * 1000) / (now - started);
}
